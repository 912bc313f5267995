/**
 * Triage of the queue, client side over the alerts shown: repeats of one ongoing event (same
 * camera, type, zone and status, each within `windowMs` of the group's last alert) are one item
 * with a count, and pending items come first, most urgent type first, then the most recent. Done
 * here rather than in the server because the queue already holds the filtered list, live; the
 * server keeps one row per alert (each decided and journaled on its own). Pure.
 */
import type { StoredAlert } from '../api/types.ts';
import { PRIORITY, typeRank, type Priority } from './priority.ts';

/** A group ends when its last alert is older than this before the next one. */
export const GROUP_WINDOW_MS = 10 * 60_000;

export interface AlertGroup {
  /** The group's first alert: stable while repeats join it. */
  readonly id: string;
  /** Newest first. */
  readonly alerts: readonly StoredAlert[];
  /** The newest alert (what the row shows and Enter opens). */
  readonly latest: StoredAlert;
  /** The alerts not qualified yet. */
  readonly pendingIds: readonly string[];
  readonly priority: Priority;
}

const groupKey = (a: StoredAlert): string => JSON.stringify([a.cameraId, a.type, a.zoneId ?? null, a.status]);

/** Groups the alerts; the result is in queue order (see queueOrder). */
export function groupAlerts(alerts: readonly StoredAlert[], windowMs = GROUP_WINDOW_MS): AlertGroup[] {
  const oldestFirst = [...alerts].sort((a, b) => a.createdAtMs - b.createdAtMs || a.id.localeCompare(b.id));
  const open = new Map<string, StoredAlert[]>();
  const groups: StoredAlert[][] = [];
  for (const a of oldestFirst) {
    const key = groupKey(a);
    const current = open.get(key);
    const last = current?.at(-1);
    if (current && last && a.createdAtMs - last.createdAtMs <= windowMs) {
      current.push(a);
      continue;
    }
    const fresh = [a];
    open.set(key, fresh);
    groups.push(fresh);
  }
  return queueOrder(groups.map(toGroup));
}

function toGroup(oldestFirst: readonly StoredAlert[]): AlertGroup {
  const alerts = [...oldestFirst].reverse();
  const latest = alerts[0]!;
  return {
    id: oldestFirst[0]!.id,
    alerts,
    latest,
    pendingIds: alerts.filter((a) => a.status === 'new').map((a) => a.id),
    priority: PRIORITY[latest.type],
  };
}

/** Pending groups first, most urgent type first, then the newest; then the others, newest first. */
export function queueOrder(groups: readonly AlertGroup[]): AlertGroup[] {
  const pending = (g: AlertGroup): number => (g.pendingIds.length > 0 ? 0 : 1);
  return [...groups].sort(
    (a, b) =>
      pending(a) - pending(b) ||
      (pending(a) === 0 ? typeRank(a.latest.type) - typeRank(b.latest.type) : 0) ||
      b.latest.createdAtMs - a.latest.createdAtMs ||
      a.id.localeCompare(b.id),
  );
}
