/**
 * One item of the alert queue: a group of repeats of one event (roving tabindex: only the selected
 * row and its buttons are tabbable). Shows the latest alert, the count, the priority; qualifying
 * acts on every pending alert of the group.
 */
import { forwardRef } from 'react';
import { snapshotUrl } from '../api/alerts.ts';
import type { Qualification } from '../api/types.ts';
import type { AlertGroup } from '../lib/alert-groups.ts';
import { formatAgo, formatDateTime, formatTime } from '../lib/format.ts';
import { PRIORITY_LABELS } from '../lib/priority.ts';
import { STATUS_LABELS } from '../lib/labels.ts';
import { StatusPill, TypeTag } from './StatusPill.tsx';

interface Props {
  readonly group: AlertGroup;
  readonly cameraName: string;
  readonly selected: boolean;
  readonly live: boolean;
  readonly nowMs: number;
  readonly onSelect: () => void;
  readonly onOpen: () => void;
  /** Absent for a read-only role. */
  readonly onQualify?: (status: Qualification) => void;
}

const ACTIONS: readonly { status: Qualification; key: string; className: string }[] = [
  { status: 'confirmed', key: 'c', className: 'ok' },
  { status: 'false_alarm', key: 'f', className: 'calm' },
  { status: 'duplicate', key: 'd', className: 'calm' },
];

export const AlertRow = forwardRef<HTMLLIElement, Props>(function AlertRow(
  { group, cameraName, selected, live, nowMs, onSelect, onOpen, onQualify },
  ref,
) {
  const tab = selected ? 0 : -1;
  const alert = group.latest;
  const pending = group.pendingIds.length;
  const count = group.alerts.length;
  return (
    <li
      ref={ref}
      id={`alert-${group.id}`}
      aria-current={selected ? 'true' : undefined}
      tabIndex={tab}
      className={`alert-row prio-${group.priority} ${selected ? 'selected' : ''} ${live ? 'row-live' : ''} ${pending > 0 ? 'unqualified' : ''}`}
      data-alert-id={group.id}
      data-latest-id={alert.id}
      data-count={count}
      data-frame-wall-ms={group.alerts.at(-1)?.frameWallMs}
      onClick={onSelect}
      onDoubleClick={onOpen}
    >
      <img className="thumb" src={snapshotUrl(alert.id)} alt="" loading="lazy" width={112} height={63} />
      <div className="row-main">
        <div className="row-top">
          <TypeTag type={alert.type} />
          {pending > 0 && <span className={`prio prio-${group.priority}`}>{PRIORITY_LABELS[group.priority]}</span>}
          {count > 1 && <span className="group-count" title={`${count} alerts of one ongoing event`}>×{count}</span>}
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
        {pending > 0 &&
          onQualify &&
          ACTIONS.map((a) => (
            <button
              key={a.status}
              type="button"
              tabIndex={tab}
              className={a.className}
              onClick={(e) => (e.stopPropagation(), onQualify(a.status))}
              title={`${STATUS_LABELS[a.status]}${pending > 1 ? `, all ${pending}` : ''} (${a.key})`}
            >
              {STATUS_LABELS[a.status]}
            </button>
          ))}
      </div>
    </li>
  );
});
