/** Qualification of one alert: three decisions with an optional follow-up note; shows the outcome once done. */
import { useEffect, useState } from 'react';
import { qualifyAlert } from '../api/alerts.ts';
import { useAction } from '../lib/use-action.ts';
import type { Qualification, StoredAlert } from '../api/types.ts';
import { formatDateTime, formatDuration } from '../lib/format.ts';
import { QUALIFY_KEYS, isShortcut } from '../lib/keys.ts';
import { STATUS_LABELS } from '../lib/labels.ts';
import { StatusPill } from './StatusPill.tsx';

const NOTE_MAX = 2000;
const DECISIONS: readonly { status: Qualification; key: string; className: string }[] = [
  { status: 'confirmed', key: 'c', className: 'ok' },
  { status: 'false_alarm', key: 'f', className: 'calm' },
  { status: 'duplicate', key: 'd', className: 'calm' },
];

interface Props {
  readonly alert: StoredAlert;
  /** Auditors see the outcome, not the buttons. */
  readonly readOnly?: boolean;
  readonly onQualified: (a: StoredAlert) => void;
}

export function QualifyPanel({ alert, readOnly = false, onQualified }: Props): React.JSX.Element {
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (status: Qualification): Promise<void> => {
    if (readOnly || alert.status !== 'new') return;
    await run(async () => onQualified(await qualifyAlert(alert.id, status, note.trim() || undefined)));
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!isShortcut(e)) return;
      const status = QUALIFY_KEYS[e.key as keyof typeof QUALIFY_KEYS];
      if (status && alert.status === 'new') {
        e.preventDefault();
        void submit(status);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (alert.status === 'new' && readOnly) {
    return <section className="panel qualify" aria-label="Qualification"><h2>Qualification</h2><p className="muted">Not qualified yet (read-only access).</p></section>;
  }
  if (alert.status !== 'new') {
    return (
      <section className="panel qualify done" aria-label="Qualification">
        <h2>Qualification</h2>
        <p><StatusPill status={alert.status} /></p>
        <dl className="facts">
          <dt>Qualified at</dt>
          <dd>{alert.qualifiedAtMs ? formatDateTime(alert.qualifiedAtMs) : '–'}</dd>
          <dt>By</dt>
          <dd>{alert.qualifiedBy ?? '–'}</dd>
          <dt>Time to acknowledge</dt>
          <dd className="ack-time">{alert.ackSeconds !== undefined ? formatDuration(alert.ackSeconds) : '–'}</dd>
          {alert.note && (
            <>
              <dt>Follow-up note</dt>
              <dd className="note">{alert.note}</dd>
            </>
          )}
        </dl>
      </section>
    );
  }

  return (
    <section className="panel qualify" aria-label="Qualification">
      <h2>Qualify this alert</h2>
      <label>
        <span>Follow-up note <span className="muted small">(optional)</span></span>
        <textarea value={note} maxLength={NOTE_MAX} rows={3} onChange={(e) => setNote(e.target.value)} placeholder="Action taken, patrol sent, context…" />
      </label>
      <div className="button-row">
        {DECISIONS.map((d) => (
          <button key={d.status} type="button" className={d.className} disabled={busy} onClick={() => void submit(d.status)}>
            {STATUS_LABELS[d.status]} <kbd>{d.key}</kbd>
          </button>
        ))}
      </div>
      {error && <p className="error-box" role="alert">{error}</p>}
    </section>
  );
}
