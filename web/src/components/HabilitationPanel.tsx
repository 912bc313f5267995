/**
 * An account's habilitation and trainings, for an admin in the Accounts screen: whether it may view
 * alerts and live video now (and why not), the habilitation recorded (authority, reference, date,
 * expiry, withdrawal), the form to record or replace it, the withdrawal with its reason, and the
 * trainings (record one, remove one recorded by mistake). The server journals every change.
 */
import { useState } from 'react';
import { describeError } from '../api/client.ts';
import { grantHabilitation, recordTraining, removeTraining, withdrawHabilitation } from '../api/habilitation.ts';
import type { Habilitation, HabilitationState, TrainingKind } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import { TRAINING_KINDS, dayInputMs, msDayInput, parseRefusal, refusalWords, trainingLabel } from '../lib/habilitation-words.ts';

export function HabilitationPanel({ state, onChanged }: { state: HabilitationState; onChanged: (notice?: string) => Promise<void> }): React.JSX.Element {
  const { t, fmt } = useI18n();
  const [error, setError] = useState<string>();
  const { username, habilitation } = state;
  const refusal = state.viewing.ok ? undefined : parseRefusal(state.viewing);

  /** Runs a change, then reloads (with a notice); an error is shown in the panel. */
  const run = async (task: () => Promise<unknown>, notice?: string): Promise<void> => {
    setError(undefined);
    try {
      await task();
      await onChanged(notice);
    } catch (err) {
      setError(describeError(err, t, fmt));
    }
  };

  return (
    <div className="panel habilitation-panel" aria-label={t('habilitation.manageOf', { username })}>
      <h3>{t('habilitation.manageOf', { username })}</h3>
      <p className={refusal ? 'warn-text' : 'ok-text'} data-testid="viewing-status">
        {refusal ? t('habilitation.viewingRefused', { why: refusalWords(refusal, t, fmt.dateTime) }) : t('habilitation.viewingOk')}
      </p>
      {error && <p className="error-box" role="alert">{error}</p>}
      <CurrentHabilitation habilitation={habilitation} />
      <GrantForm
        key={habilitation ? `${habilitation.reference}-${habilitation.recordedAtMs}` : 'none'}
        current={habilitation}
        onGrant={(body) => run(() => grantHabilitation(username, body), t('habilitation.granted', { username }))}
      />
      {habilitation && !habilitation.withdrawn && (
        <WithdrawForm onWithdraw={(why) => run(() => withdrawHabilitation(username, why), t('habilitation.withdrawnNotice', { username }))} />
      )}
      <h4>{t('habilitation.trainingsTitle')}</h4>
      {state.trainings.length === 0 ? <p className="muted">{t('habilitation.noTraining')}</p> : (
        <ul className="training-list">
          {state.trainings.map((tr) => (
            <li key={tr.id}>
              {t('habilitation.training', { kind: trainingLabel(tr.kind, t), date: fmt.date(tr.atMs), trainer: tr.trainer })}
              {tr.reference && <span className="muted"> · {t('habilitation.trainingRef', { reference: tr.reference })}</span>}
              <button type="button" className="small" onClick={() => window.confirm(t('habilitation.confirmRemoveTraining')) && void run(() => removeTraining(username, tr.id))}>
                {t('habilitation.removeTraining')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <TrainingForm onRecord={(body) => run(() => recordTraining(username, body))} />
      <p className="muted small">{t('habilitation.journaled')}</p>
    </div>
  );
}

function CurrentHabilitation({ habilitation: h }: { habilitation: Habilitation | null }): React.JSX.Element {
  const { t, fmt } = useI18n();
  if (!h) return <p className="muted">{t('habilitation.none')}</p>;
  return (
    <div data-testid="habilitation-current">
      <p>
        {t('habilitation.current', { authority: h.authority, reference: h.reference, date: fmt.date(h.grantedAtMs) })}
        {h.expiresAtMs !== undefined && <> · {t('habilitation.expires', { date: fmt.date(h.expiresAtMs) })}</>}
      </p>
      <p className="muted small">{t('habilitation.recorded', { by: h.recordedBy, at: fmt.dateTime(h.recordedAtMs) })}</p>
      {h.withdrawn && <p className="warn-text">{t('habilitation.withdrawnOn', { at: fmt.dateTime(h.withdrawn.atMs), by: h.withdrawn.by, why: h.withdrawn.why })}</p>}
    </div>
  );
}

interface GrantBody {
  readonly authority: string;
  readonly reference: string;
  readonly grantedAtMs: number;
  readonly expiresAtMs?: number;
}

function GrantForm({ current, onGrant }: { current: Habilitation | null; onGrant: (body: GrantBody) => Promise<void> }): React.JSX.Element {
  const { t } = useI18n();
  const [form, setForm] = useState({
    authority: current?.authority ?? '',
    reference: current?.reference ?? '',
    grantedOn: msDayInput(current?.grantedAtMs ?? Date.now()),
    expiresOn: current?.expiresAtMs !== undefined ? msDayInput(current.expiresAtMs) : '',
  });
  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    const grantedAtMs = dayInputMs(form.grantedOn);
    const expiresAtMs = dayInputMs(form.expiresOn);
    if (grantedAtMs === undefined) return;
    void onGrant({ authority: form.authority.trim(), reference: form.reference.trim(), grantedAtMs, ...(expiresAtMs !== undefined ? { expiresAtMs } : {}) });
  };
  return (
    <form className="user-form" onSubmit={submit} aria-label={t('habilitation.grantTitle')}>
      <div className="form-row">
        <label>
          {t('habilitation.authority')}
          <input required maxLength={200} value={form.authority} onChange={(e) => setForm({ ...form, authority: e.target.value })} />
        </label>
        <label>
          {t('habilitation.reference')}
          <input required maxLength={200} value={form.reference} onChange={(e) => setForm({ ...form, reference: e.target.value })} />
        </label>
        <label>
          {t('habilitation.grantedOn')}
          <input type="date" required value={form.grantedOn} onChange={(e) => setForm({ ...form, grantedOn: e.target.value })} />
        </label>
        <label>
          {t('habilitation.expiresOn')}
          <input type="date" value={form.expiresOn} onChange={(e) => setForm({ ...form, expiresOn: e.target.value })} />
        </label>
      </div>
      <div className="button-row end">
        <button type="submit" className="small primary">{t('habilitation.grant')}</button>
      </div>
    </form>
  );
}

function WithdrawForm({ onWithdraw }: { onWithdraw: (why: string) => Promise<void> }): React.JSX.Element {
  const { t } = useI18n();
  const [why, setWhy] = useState('');
  return (
    <form className="button-row end" onSubmit={(e) => { e.preventDefault(); void onWithdraw(why.trim()); }} aria-label={t('habilitation.withdrawTitle')}>
      <label className="small">
        {t('habilitation.why')}
        <input required maxLength={500} value={why} onChange={(e) => setWhy(e.target.value)} />
      </label>
      <button type="submit" className="small danger">{t('habilitation.withdraw')}</button>
    </form>
  );
}

function TrainingForm({ onRecord }: { onRecord: (body: { kind: TrainingKind; atMs: number; trainer: string; reference?: string }) => Promise<void> }): React.JSX.Element {
  const { t } = useI18n();
  const [form, setForm] = useState({ kind: 'data_protection' as TrainingKind, on: msDayInput(Date.now()), trainer: '', reference: '' });
  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    const atMs = dayInputMs(form.on);
    if (atMs === undefined) return;
    const reference = form.reference.trim();
    void onRecord({ kind: form.kind, atMs, trainer: form.trainer.trim(), ...(reference ? { reference } : {}) }).then(() => setForm((f) => ({ ...f, reference: '' })));
  };
  return (
    <form className="user-form" onSubmit={submit} aria-label={t('habilitation.addTraining')}>
      <div className="form-row">
        <label>
          {t('habilitation.kind')}
          <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as TrainingKind })}>
            {TRAINING_KINDS.map((k) => <option key={k} value={k}>{trainingLabel(k, t)}</option>)}
          </select>
        </label>
        <label>
          {t('habilitation.trainedOn')}
          <input type="date" required value={form.on} onChange={(e) => setForm({ ...form, on: e.target.value })} />
        </label>
        <label>
          {t('habilitation.trainer')}
          <input required maxLength={200} value={form.trainer} onChange={(e) => setForm({ ...form, trainer: e.target.value })} />
        </label>
        <label>
          {t('habilitation.trainingReference')}
          <input maxLength={200} value={form.reference} onChange={(e) => setForm({ ...form, reference: e.target.value })} />
        </label>
      </div>
      <div className="button-row end">
        <button type="submit" className="small primary">{t('habilitation.addTraining')}</button>
      </div>
    </form>
  );
}

/** The account's viewing status in a word (habilitated, not habilitated, withdrawn, expired, training missing), with why as its title. */
export function ViewingTag({ state }: { state: HabilitationState }): React.JSX.Element {
  const { t, fmt } = useI18n();
  const refusal = state.viewing.ok ? undefined : parseRefusal(state.viewing);
  return (
    <span className={`tag ${refusal ? 'tag-refused' : 'tag-ok'}`} data-testid="viewing-tag" title={refusal ? refusalWords(refusal, t, fmt.dateTime) : t('habilitation.viewingOk')}>
      {refusal ? t(`habilitation.status_${refusal.reason}`) : t('habilitation.statusOk')}
    </span>
  );
}
