/**
 * Every decision on an alert, oldest first (who, when, previous and new status, note, correction),
 * and for a supervisor or an admin the form to correct the latest one: a new status and a note
 * saying why, both kept.
 */
import { useState } from 'react';
import { correctAlert } from '../api/alerts.ts';
import type { Decision, Qualification, StoredAlert } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import { statusLabel } from '../lib/labels.ts';
import { useAction } from '../lib/use-action.ts';

const OUTCOMES: readonly Qualification[] = ['confirmed', 'false_alarm', 'duplicate'];

interface Props {
  readonly alert: StoredAlert;
  readonly decisions: readonly Decision[];
  readonly canCorrect: boolean;
  readonly onCorrected: () => void;
}

export function DecisionHistory({ alert, decisions, canCorrect, onCorrected }: Props): React.JSX.Element | null {
  const { t, fmt } = useI18n();
  if (decisions.length === 0) return null;
  return (
    <section className="panel decisions" aria-label={t('detail.history')}>
      <h2>{t('detail.history')}</h2>
      <ol className="decision-list">
        {decisions.map((d) => (
          <li key={d.seq} className={d.correction ? 'correction' : undefined} data-to={d.toStatus}>
            <div>
              <strong>{statusLabel(d.toStatus, t)}</strong>
              {d.correction && <span className="muted"> {t('detail.correctedFrom', { status: statusLabel(d.fromStatus, t) })}</span>}
            </div>
            <div className="muted small">{t('detail.decidedAtBy', { at: fmt.dateTime(d.atMs), by: d.by })}</div>
            {d.note && <div className="note">{d.note}</div>}
          </li>
        ))}
      </ol>
      {canCorrect && alert.status !== 'new' && <CorrectForm alert={alert} onCorrected={onCorrected} />}
    </section>
  );
}

function CorrectForm({ alert, onCorrected }: { alert: StoredAlert; onCorrected: () => void }): React.JSX.Element {
  const others = OUTCOMES.filter((s) => s !== alert.status);
  const [status, setStatus] = useState<Qualification>(others[0] ?? 'confirmed');
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const { t } = useI18n();
  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    void run(async () => {
      await correctAlert(alert.id, status, note.trim());
      setNote('');
      onCorrected();
    });
  };
  return (
    <form className="correct-form" onSubmit={submit}>
      <h3>{t('detail.correctTitle')} <span className="muted small">{t('detail.correctWho')}</span></h3>
      <label>
        <span>{t('detail.correctStatus')}</span>
        <select name="correct-status" value={status} onChange={(e) => setStatus(e.target.value as Qualification)}>
          {others.map((s) => (
            <option key={s} value={s}>{statusLabel(s, t)}</option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('detail.correctWhy')} <span className="muted small">{t('detail.correctWhyHint')}</span></span>
        <textarea name="correct-note" value={note} maxLength={2000} rows={2} required onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" disabled={busy || note.trim() === ''}>{t('detail.correct')}</button>
      {error && <p className="error-box" role="alert">{error}</p>}
    </form>
  );
}
