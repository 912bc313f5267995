/**
 * The levée de doute of one alert: three outcomes with an optional follow-up note; once decided
 * (final: a supervisor corrects in the history below), the outcome and the way to the next pending
 * alert, most urgent first (n).
 */
import { useEffect, useState } from 'react';
import { qualifyAlert } from '../api/alerts.ts';
import { useAction } from '../lib/use-action.ts';
import type { Qualification, StoredAlert } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import { QUALIFY_KEYS, isShortcut } from '../lib/keys.ts';
import { statusLabel } from '../lib/labels.ts';
import { StatusPill } from './StatusPill.tsx';

const NOTE_MAX = 2000;
/** Opens the next pending alert once this one is decided. */
const NEXT_KEY = 'n';
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
  /** The next pending alert to open once this one is decided (undefined: none left). */
  readonly next?: { readonly id: string; readonly label: string };
  readonly onNext: (id: string) => void;
}

export function QualifyPanel({ alert, readOnly = false, onQualified, next, onNext }: Props): React.JSX.Element {
  const { t, fmt } = useI18n();
  const [note, setNote] = useState('');
  // A second decision is a 409 whose body is only a sentence (no status, who or when apart): shown as the server words it.
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
      } else if (e.key === NEXT_KEY && alert.status !== 'new' && next) {
        e.preventDefault();
        onNext(next.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (alert.status === 'new' && readOnly) {
    return (
      <section className="panel qualify" aria-label={t('detail.qualification')}>
        <h2>{t('events.verification')}</h2>
        <p className="muted">{t('detail.notQualifiedReadOnly')}</p>
      </section>
    );
  }
  if (alert.status !== 'new') {
    return (
      <section className="panel qualify done" aria-label={t('detail.qualification')}>
        <h2>{t('events.verification')}</h2>
        <p><StatusPill status={alert.status} /></p>
        <dl className="facts">
          <dt>{t('detail.qualifiedAt')}</dt>
          <dd>{alert.qualifiedAtMs ? fmt.dateTime(alert.qualifiedAtMs) : '–'}</dd>
          <dt>{t('detail.qualifiedBy')}</dt>
          <dd>{alert.qualifiedBy ?? '–'}</dd>
          <dt>{t('detail.ackTime')}</dt>
          <dd className="ack-time">{alert.ackSeconds !== undefined ? fmt.duration(alert.ackSeconds) : '–'}</dd>
          {alert.note && (
            <>
              <dt>{t('detail.note')}</dt>
              <dd className="note">{alert.note}</dd>
            </>
          )}
        </dl>
        {!readOnly && (next ? (
          <button type="button" className="primary next-pending" onClick={() => onNext(next.id)}>
            {t('detail.nextPending', { label: next.label })} <kbd>{NEXT_KEY}</kbd>
          </button>
        ) : (
          <p className="muted small next-pending">{t('detail.noOtherPending')}</p>
        ))}
      </section>
    );
  }

  return (
    <section className="panel qualify" aria-label={t('detail.qualification')}>
      <h2>{t('detail.qualifyHeading', { step: t('events.verification') })}</h2>
      <label>
        <span>{t('detail.note')} <span className="muted small">{t('detail.optional')}</span></span>
        <textarea value={note} maxLength={NOTE_MAX} rows={3} onChange={(e) => setNote(e.target.value)} placeholder={t('detail.notePlaceholder')} />
      </label>
      <div className="button-row">
        {DECISIONS.map((d) => (
          <button key={d.status} type="button" className={d.className} disabled={busy} onClick={() => void submit(d.status)}>
            {statusLabel(d.status, t)} <kbd>{d.key}</kbd>
          </button>
        ))}
      </div>
      {error && <p className="error-box" role="alert">{error}</p>}
    </section>
  );
}
