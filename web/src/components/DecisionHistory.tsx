/**
 * Every decision on an alert, oldest first (who, when, previous and new status, note, correction),
 * and for a supervisor or an admin the form to correct the latest one: a new status and a note
 * saying why, both kept.
 */
import { useState } from 'react';
import { correctAlert } from '../api/alerts.ts';
import type { Decision, Qualification, StoredAlert } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';
import { STATUS_LABELS } from '../lib/labels.ts';
import { useAction } from '../lib/use-action.ts';

const OUTCOMES: readonly Qualification[] = ['confirmed', 'false_alarm', 'duplicate'];

interface Props {
  readonly alert: StoredAlert;
  readonly decisions: readonly Decision[];
  readonly canCorrect: boolean;
  readonly onCorrected: () => void;
}

export function DecisionHistory({ alert, decisions, canCorrect, onCorrected }: Props): React.JSX.Element | null {
  if (decisions.length === 0) return null;
  return (
    <section className="panel decisions" aria-label="Decision history">
      <h2>Decision history</h2>
      <ol className="decision-list">
        {decisions.map((d) => (
          <li key={d.seq} className={d.correction ? 'correction' : undefined} data-to={d.toStatus}>
            <div>
              <strong>{STATUS_LABELS[d.toStatus]}</strong>
              {d.correction && <span className="muted"> (corrected from {STATUS_LABELS[d.fromStatus]})</span>}
            </div>
            <div className="muted small">{formatDateTime(d.atMs)}, by {d.by}</div>
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
      <h3>Correct the decision <span className="muted small">(supervisor)</span></h3>
      <label>
        <span>New status</span>
        <select name="correct-status" value={status} onChange={(e) => setStatus(e.target.value as Qualification)}>
          {others.map((s) => (
            <option key={s} value={s}>{STATUS_LABELS[s]}</option>
          ))}
        </select>
      </label>
      <label>
        <span>Why <span className="muted small">(required, kept in the history)</span></span>
        <textarea name="correct-note" value={note} maxLength={2000} rows={2} required onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" disabled={busy || note.trim() === ''}>Correct</button>
      {error && <p className="error-box" role="alert">{error}</p>}
    </form>
  );
}
