/**
 * One item of the alert queue: a group of repeats of one event (roving tabindex: only the selected
 * row and its buttons are tabbable). Shows the latest alert, the count, the priority; qualifying
 * acts on every pending alert of the group.
 */
import { alertSummary } from '../../../src/core/alert-facts.ts';
import { forwardRef } from 'react';
import { snapshotUrl } from '../api/alerts.ts';
import type { Qualification } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import type { AlertGroup } from '../lib/alert-groups.ts';
import { priorityLabel } from '../lib/priority.ts';
import { statusLabel } from '../lib/labels.ts';
import { snapshotShown } from '../lib/evidence-media.ts';
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
  const { t, fmt, lang } = useI18n();
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
      {snapshotShown(alert) === 'image' ? (
        <img className="thumb" src={snapshotUrl(alert.id)} alt="" loading="lazy" width={112} height={63} />
      ) : (
        <span className="thumb thumb-purged" title={t('queue.imagePurgedHint')}>{t('queue.imagePurged')}</span>
      )}
      <div className="row-main">
        <div className="row-top">
          <TypeTag type={alert.type} />
          {pending > 0 && <span className={`prio prio-${group.priority}`}>{priorityLabel(group.priority, t)}</span>}
          {count > 1 && <span className="group-count" title={t('queue.groupCountHint', { count })}>×{count}</span>}
          <span className="muted">{cameraName}</span>
          {alert.zoneId && <span className="muted small">{t('queue.rowZone', { zone: alert.zoneId })}</span>}
        </div>
        <div className="row-msg" title={alert.message}>{alertSummary(alert, lang)}</div>
      </div>
      <div className="row-time">
        <time dateTime={new Date(alert.createdAtMs).toISOString()}>
          {nowMs - alert.createdAtMs < 12 * 3_600_000 ? fmt.time(alert.createdAtMs) : fmt.dayTime(alert.createdAtMs)}
        </time>
        <span className="muted small">{fmt.ago(alert.createdAtMs, nowMs)}</span>
      </div>
      <StatusPill status={alert.status} />
      <div className="row-actions">
        <button type="button" tabIndex={tab} onClick={(e) => (e.stopPropagation(), onOpen())} title={t('queue.openHint')}>{t('queue.open')}</button>
        {pending > 0 &&
          onQualify &&
          ACTIONS.map((a) => (
            <button
              key={a.status}
              type="button"
              tabIndex={tab}
              className={a.className}
              onClick={(e) => (e.stopPropagation(), onQualify(a.status))}
              title={t(pending > 1 ? 'queue.qualifyAllHint' : 'queue.qualifyHint', { status: statusLabel(a.status, t), count: pending, key: a.key })}
            >
              {statusLabel(a.status, t)}
            </button>
          ))}
      </div>
    </li>
  );
});
