/** Small coloured labels: alert status and event type. */
import type { AlertStatus, EventType } from '../api/types.ts';
import { EVENT_COLORS, STATUS_LABELS, eventLabel } from '../lib/labels.ts';

export function StatusPill({ status }: { status: AlertStatus }): React.JSX.Element {
  return <span className={`pill status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function TypeTag({ type }: { type: EventType }): React.JSX.Element {
  return (
    <span className="type-tag">
      <span className="type-dot" style={{ background: EVENT_COLORS[type] }} aria-hidden="true" />
      {eventLabel(type)}
    </span>
  );
}
