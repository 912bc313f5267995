/**
 * Queue filters: the query string sent to GET /api/alerts and the same test applied to alerts
 * arriving live over the WebSocket, so both agree. Pure.
 */
import type { AlertStatus, EventType, StoredAlert } from '../api/types.ts';

export const RANGES = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, all: undefined, custom: undefined } as const;
export type RangeKey = keyof typeof RANGES;

export interface AlertFilter {
  readonly type: EventType | '';
  readonly cameraId: string;
  readonly status: AlertStatus | '';
  readonly range: RangeKey;
  /** Only for range custom: epoch ms bounds (since inclusive, until exclusive). */
  readonly sinceMs?: number;
  readonly untilMs?: number;
}

export const DEFAULT_FILTER: AlertFilter = { type: '', cameraId: '', status: 'new', range: '24h' };

export function timeBounds(filter: AlertFilter, nowMs: number): { sinceMs?: number; untilMs?: number } {
  if (filter.range === 'custom') return { sinceMs: filter.sinceMs, untilMs: filter.untilMs };
  const span = RANGES[filter.range];
  return span === undefined ? {} : { sinceMs: nowMs - span };
}

export function alertQuery(filter: AlertFilter, nowMs: number, limit: number): string {
  const q = new URLSearchParams();
  if (filter.type) q.set('type', filter.type);
  if (filter.cameraId) q.set('cameraId', filter.cameraId);
  if (filter.status) q.set('status', filter.status);
  const { sinceMs, untilMs } = timeBounds(filter, nowMs);
  if (sinceMs !== undefined) q.set('since', String(Math.floor(sinceMs)));
  if (untilMs !== undefined) q.set('until', String(Math.floor(untilMs)));
  q.set('limit', String(limit));
  return `/api/alerts?${q.toString()}`;
}

/** Whether an alert belongs in the list shown for `filter` (used for live arrivals and updates). */
export function matchesFilter(alert: StoredAlert, filter: AlertFilter, nowMs: number): boolean {
  if (filter.type && alert.type !== filter.type) return false;
  if (filter.cameraId && alert.cameraId !== filter.cameraId) return false;
  if (filter.status && alert.status !== filter.status) return false;
  const { sinceMs, untilMs } = timeBounds(filter, nowMs);
  if (sinceMs !== undefined && alert.createdAtMs < sinceMs) return false;
  if (untilMs !== undefined && alert.createdAtMs >= untilMs) return false;
  return true;
}

/**
 * Applies a live message to the shown list: a new matching alert goes on top (newest first),
 * an update replaces the row, or removes it when it no longer matches (qualified out of "To qualify").
 */
export function applyLive(list: readonly StoredAlert[], alert: StoredAlert, filter: AlertFilter, nowMs: number): StoredAlert[] {
  const rest = list.filter((a) => a.id !== alert.id);
  if (!matchesFilter(alert, filter, nowMs)) return rest.length === list.length ? [...list] : rest;
  const i = list.findIndex((a) => a.id === alert.id);
  if (i >= 0) return list.map((a) => (a.id === alert.id ? alert : a));
  return [alert, ...list].sort((a, b) => b.createdAtMs - a.createdAtMs);
}

/**
 * The list a load returned, with the live messages that arrived while it was on its way applied on
 * top, in order: the server may have read its list before them (an alert raised during the load
 * would otherwise vanish from the queue until the next load).
 */
export function replayLive(loaded: readonly StoredAlert[], live: readonly StoredAlert[], filter: AlertFilter, nowMs: number): StoredAlert[] {
  return live.reduce<StoredAlert[]>((list, alert) => applyLive(list, alert, filter, nowMs), [...loaded]);
}
