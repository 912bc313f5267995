/**
 * Record or change an authorisation (admins): the order's reference and authority, the perimeter,
 * the cameras covered (ids, existing or to be added), the event types, the window. Checked before
 * sending; the server's refusal is shown as it comes. Used by the Authorisations screen and the
 * first-run wizard.
 */
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/context.tsx';
import { EVENT_COLORS, EVENT_TYPES, eventHint, eventLabel } from '../lib/labels.ts';
import { checkDraft, draftFrom, emptyDraft, type AuthorisationDraft, type AuthorisationView } from '../lib/legal.ts';
import { useAction } from '../lib/use-action.ts';
import { legalChanged } from '../lib/use-legal.ts';

interface Props {
  /** The authorisation to change; absent: a new one. */
  readonly initial?: AuthorisationView;
  /** Existing camera ids, offered in the hint. */
  readonly cameraIds: readonly string[];
  readonly onSaved: (a: AuthorisationView) => void;
  readonly onCancel?: () => void;
  readonly cancelLabel?: 'common.cancel' | 'legal.recordLater';
}

export function AuthorisationForm({ initial, cameraIds, onSaved, onCancel, cancelLabel = 'common.cancel' }: Props): React.JSX.Element {
  const { t } = useI18n();
  const [draft, setDraft] = useState<AuthorisationDraft>(() => (initial ? draftFrom(initial) : emptyDraft(Date.now(), cameraIds)));
  const [issues, setIssues] = useState<readonly string[]>([]);
  const { busy, error, run } = useAction();
  const set = (patch: Partial<AuthorisationDraft>): void => setDraft((d) => ({ ...d, ...patch }));
  const toggle = (type: (typeof EVENT_TYPES)[number]): void => set({ events: draft.events.includes(type) ? draft.events.filter((e) => e !== type) : [...draft.events, type] });

  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    const checked = checkDraft(draft, t);
    if (!checked.ok) return setIssues(checked.issues);
    setIssues([]);
    void run(async () => {
      const saved = initial
        ? await api.put<AuthorisationView>(`/api/authorisations/${encodeURIComponent(initial.id)}`, checked.body)
        : await api.post<AuthorisationView>('/api/authorisations', checked.body);
      legalChanged();
      onSaved(saved);
    });
  };

  return (
    <form className="panel authorisation-form" onSubmit={submit} aria-labelledby="auth-form-title" noValidate>
      <h2 id="auth-form-title">{initial ? t('legal.editTitle', { reference: initial.reference }) : t('legal.addTitle')}</h2>
      <div className="form-row">
        <label>
          {t('legal.reference')}
          <input name="reference" required value={draft.reference} placeholder={t('legal.referencePlaceholder')} onChange={(e) => set({ reference: e.target.value })} />
        </label>
        <label>
          {t('legal.authority')}
          <input name="authority" required value={draft.authority} placeholder={t('legal.authorityPlaceholder')} onChange={(e) => set({ authority: e.target.value })} />
        </label>
      </div>
      <label>
        {t('legal.perimeter')}
        <textarea name="perimeter" rows={2} value={draft.perimeter} placeholder={t('legal.perimeterPlaceholder')} onChange={(e) => set({ perimeter: e.target.value })} />
      </label>
      <label>
        <span>
          {t('legal.cameras')} <span className="muted small">{t('legal.camerasHint')}{cameraIds.length > 0 && <>: <span className="mono">{cameraIds.join(', ')}</span></>}</span>
        </span>
        <input name="cameras" className="mono" required value={draft.cameras} onChange={(e) => set({ cameras: e.target.value })} />
      </label>
      <fieldset className="auth-events">
        <legend>{t('legal.events')}</legend>
        {EVENT_TYPES.map((type) => (
          <label key={type} className="event-check" title={eventHint(type, t)}>
            <input type="checkbox" name={`auth-event-${type}`} checked={draft.events.includes(type)} onChange={() => toggle(type)} />
            <span className="type-dot" style={{ background: EVENT_COLORS[type] }} aria-hidden="true" />
            {eventLabel(type, t)}
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <label>
          {t('legal.start')}
          <input name="start" type="datetime-local" required value={draft.start} onChange={(e) => set({ start: e.target.value })} />
        </label>
        <label>
          {t('legal.end')}
          <input name="end" type="datetime-local" required value={draft.end} onChange={(e) => set({ end: e.target.value })} />
        </label>
      </div>
      {issues.length > 0 && (
        <ul className="issues" role="alert">
          {issues.map((i) => <li key={i}>{i}</li>)}
        </ul>
      )}
      {error && <p className="error-box" role="alert">{error}</p>}
      <div className="button-row end">
        {onCancel && <button type="button" className="ghost" onClick={onCancel}>{t(cancelLabel)}</button>}
        <button type="submit" className="primary" disabled={busy}>{busy ? t('legal.saving') : t('legal.save')}</button>
      </div>
    </form>
  );
}
