/**
 * The kill switch controls: a button that asks why before acting (engage, release, revoke), the
 * per-camera and per-authorisation kill switch, its release (admins), and the global one shown in
 * the sidebar (a red banner while engaged). The server journals who and why.
 */
import { useContext, useState } from 'react';
import { api } from '../api/client.ts';
import { HubContext, usePermissions } from '../api/hub-hooks.ts';
import { useI18n } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/catalog.ts';
import { useAction } from '../lib/use-action.ts';
import { legalChanged, useLegal } from '../lib/use-legal.ts';
import type { KillSwitch } from '../lib/legal.ts';

interface WhyButtonProps {
  readonly textKey: MessageKey;
  readonly hint?: MessageKey;
  /** The field's label and placeholder. */
  readonly whyLabel: MessageKey;
  readonly confirm: MessageKey;
  readonly name: string;
  readonly className?: string;
  readonly act: (why: string) => Promise<unknown>;
}

/** A button that opens a one-line "why" form; the action runs with the reason once confirmed. */
export function WhyButton({ textKey, hint, whyLabel, confirm, name, className = 'small danger', act }: WhyButtonProps): React.JSX.Element {
  const { t } = useI18n();
  const hub = useContext(HubContext);
  const [open, setOpen] = useState(false);
  const [why, setWhy] = useState('');
  const { busy, error, run, setError } = useAction();
  if (!open) return <button type="button" className={className} title={hint ? t(hint) : undefined} onClick={() => setOpen(true)}>{t(textKey)}</button>;
  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    if (!why.trim()) return setError(t('legal.whyRequired'));
    void run(async () => {
      await act(why.trim());
      setOpen(false);
      setWhy('');
      legalChanged();
      await hub?.refreshCameras().catch((err: unknown) => console.warn('camera refresh', err));
    });
  };
  return (
    <form className="why-form" onSubmit={submit}>
      <input name={name} aria-label={t(whyLabel)} placeholder={t(whyLabel)} value={why} onChange={(e) => setWhy(e.target.value)} autoFocus maxLength={2000} />
      <button type="submit" className={className} disabled={busy}>{t(confirm)}</button>
      <button type="button" className="small ghost" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      {error && <span className="error-text" role="alert">{error}</span>}
    </form>
  );
}

/** Engages the kill switch of a camera or an authorisation (supervisors and admins). */
export function KillSwitchButton({ scope, target }: { scope: 'camera' | 'authorisation'; target: string }): React.JSX.Element | null {
  if (!usePermissions().cameras) return null;
  return (
    <WhyButton
      textKey={scope === 'camera' ? 'legal.killCamera' : 'legal.killAuthorisation'}
      hint={scope === 'camera' ? 'legal.killCameraHint' : 'legal.killAuthorisationHint'}
      whyLabel="legal.killWhy"
      confirm="legal.killConfirm"
      name={`kill-why-${target}`}
      act={(why) => api.post('/api/killswitch', { scope, target, why })}
    />
  );
}

/** Who stopped it, when and why; the release for admins. */
export function KillSwitchEngaged({ killSwitch }: { killSwitch: KillSwitch }): React.JSX.Element {
  const { t, fmt } = useI18n();
  const admin = usePermissions().admin;
  return (
    <span className="kill-engaged">
      <span>{t('legal.killEngaged', { by: killSwitch.engagedBy, at: fmt.dateTime(killSwitch.engagedAtMs), why: killSwitch.engagedWhy })}</span>
      {admin ? (
        <WhyButton textKey="legal.release" whyLabel="legal.releaseWhy" confirm="legal.releaseConfirm" name={`release-why-${killSwitch.id}`} className="small" act={(why) => api.post(`/api/killswitch/${encodeURIComponent(killSwitch.id)}/release`, { why })} />
      ) : (
        <span className="muted small">{t('legal.releaseAdminOnly')}</span>
      )}
    </span>
  );
}

/** The global kill switch of the sidebar: a red banner while engaged, else a button for supervisors and admins. */
export function GlobalKillSwitch(): React.JSX.Element | null {
  const { t } = useI18n();
  const canKill = usePermissions().cameras;
  const { state } = useLegal();
  const engaged = state?.killSwitches.find((k) => k.scope === 'global');
  if (engaged) {
    return (
      <div className="kill-banner" role="alert">
        <strong>{t('legal.killGlobalEngaged')}</strong>
        <KillSwitchEngaged killSwitch={engaged} />
      </div>
    );
  }
  if (!canKill) return null;
  return <WhyButton textKey="legal.killGlobal" hint="legal.killGlobalHint" whyLabel="legal.killWhy" confirm="legal.killConfirm" name="kill-why-global" className="danger kill-global" act={(why) => api.post('/api/killswitch', { scope: 'global', why })} />;
}
