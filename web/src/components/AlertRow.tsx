/** One row of the alert queue (roving tabindex: only the selected row and its buttons are tabbable). */
import { forwardRef } from 'react';
import { snapshotUrl } from '../api/alerts.ts';
import type { Qualification, StoredAlert } from '../api/types.ts';
import { formatAgo, formatDateTime, formatTime } from '../lib/format.ts';
import { StatusPill, TypeTag } from './StatusPill.tsx';

interface Props {
  readonly alert: StoredAlert;
  readonly cameraName: string;
  readonly selected: boolean;
  readonly live: boolean;
  readonly nowMs: number;
  readonly onSelect: () => void;
  readonly onOpen: () => void;
  /** Absent for a read-only role. */
  readonly onQualify?: (status: Qualification) => void;
}

export const AlertRow = forwardRef<HTMLLIElement, Props>(function AlertRow(
  { alert, cameraName, selected, live, nowMs, onSelect, onOpen, onQualify },
  ref,
) {
  const tab = selected ? 0 : -1;
  return (
    <li
      ref={ref}
      id={`alert-${alert.id}`}
      aria-current={selected ? 'true' : undefined}
      tabIndex={tab}
      className={`alert-row ${selected ? 'selected' : ''} ${live ? 'row-live' : ''} ${alert.status === 'new' ? 'unqualified' : ''}`}
      data-alert-id={alert.id}
      data-frame-wall-ms={alert.frameWallMs}
      onClick={onSelect}
      onDoubleClick={onOpen}
    >
      <img className="thumb" src={snapshotUrl(alert.id)} alt="" loading="lazy" width={112} height={63} />
      <div className="row-main">
        <div className="row-top">
          <TypeTag type={alert.type} />
          <span className="muted">{cameraName}</span>
          {alert.zoneId && <span className="muted small">zone {alert.zoneId}</span>}
        </div>
        <div className="row-msg">{alert.message}</div>
      </div>
      <div className="row-time">
        <time dateTime={new Date(alert.createdAtMs).toISOString()}>
          {nowMs - alert.createdAtMs < 12 * 3_600_000 ? formatTime(alert.createdAtMs) : formatDateTime(alert.createdAtMs).slice(5)}
        </time>
        <span className="muted small">{formatAgo(alert.createdAtMs, nowMs)}</span>
      </div>
      <StatusPill status={alert.status} />
      <div className="row-actions">
        <button type="button" tabIndex={tab} onClick={(e) => (e.stopPropagation(), onOpen())} title="Open (Enter)">Open</button>
        {alert.status === 'new' && onQualify && (
          <>
            <button type="button" tabIndex={tab} className="ok" onClick={(e) => (e.stopPropagation(), onQualify('confirmed'))} title="Confirm (c)">Confirm</button>
            <button type="button" tabIndex={tab} className="calm" onClick={(e) => (e.stopPropagation(), onQualify('false_alarm'))} title="Doubt lifted, false alarm (f)">Doubt lifted</button>
            <button type="button" tabIndex={tab} className="calm" onClick={(e) => (e.stopPropagation(), onQualify('duplicate'))} title="Duplicate (d)">Duplicate</button>
          </>
        )}
      </div>
    </li>
  );
});
