/** Small coloured labels: alert status and event type. */
import type { AlertStatus, EventType } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import { EVENT_COLORS, eventLabel, statusLabel } from '../lib/labels.ts';

export function StatusPill({ status }: { status: AlertStatus }): React.JSX.Element {
  const { t } = useI18n();
  return <span className={`pill status-${status}`}>{statusLabel(status, t)}</span>;
}

export function TypeTag({ type }: { type: EventType }): React.JSX.Element {
  const { t } = useI18n();
  return (
    <span className="type-tag">
      <span className="type-dot" style={{ background: EVENT_COLORS[type] }} aria-hidden="true" />
      {eventLabel(type, t)}
    </span>
  );
}
