/** Dashboard figures over the last N days: alerts by type, camera and day, precision, ack time, uptime. */
import type Database from 'better-sqlite3';
import { EVENT_TYPES } from '../core/types.ts';
import { type StatusLog, uptimeFraction } from './status-log.ts';
import type { TypeStats } from './types.ts';

export type { TypeStats };


export interface DayStats {
  /** UTC date, YYYY-MM-DD. */
  readonly day: string;
  readonly total: number;
  readonly byType: Record<string, number>;
}

export interface DashboardStats {
  readonly byType: Record<string, TypeStats>;
  readonly byCamera: Record<string, { total: number }>;
  /** Every day of the window, oldest first, zeros included. */
  readonly byDay: DayStats[];
  readonly meanAckSeconds: number | null;
  readonly cameraUptime: Record<string, number>;
}

export interface StatsQuery {
  readonly days: number;
  readonly nowMs: number;
  /** Cameras whose uptime is reported. */
  readonly cameraIds: readonly string[];
}

const DAY_MS = 86_400_000;

/** Start of the window: UTC midnight `days - 1` days before the day of `nowMs`. */
export function windowStartMs(days: number, nowMs: number): number {
  return Math.floor(nowMs / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
}

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

interface CountRow {
  key: string;
  status: string;
  n: number;
}

/** Per-type counts from (type, status, n) rows, with every event type present. */
export function typeStats(rows: readonly CountRow[]): Record<string, TypeStats> {
  const out: Record<string, TypeStats> = {};
  for (const type of EVENT_TYPES) {
    const n = (status: string): number => rows.find((r) => r.key === type && r.status === status)?.n ?? 0;
    const confirmed = n('confirmed');
    const falseAlarm = n('false_alarm');
    const duplicate = n('duplicate');
    const pending = n('new');
    const judged = confirmed + falseAlarm;
    out[type] = { total: confirmed + falseAlarm + duplicate + pending, confirmed, falseAlarm, duplicate, pending, precision: judged > 0 ? confirmed / judged : null };
  }
  return out;
}

/** Every day from sinceMs to nowMs with its counts, from (day, type, n) rows. */
export function dayStats(rows: readonly CountRow[], sinceMs: number, nowMs: number): DayStats[] {
  const days: DayStats[] = [];
  for (let t = sinceMs; t <= nowMs; t += DAY_MS) {
    const day = dayOf(t);
    const byType: Record<string, number> = {};
    for (const r of rows.filter((row) => row.key === day)) byType[r.status] = r.n;
    days.push({ day, total: Object.values(byType).reduce((s, v) => s + v, 0), byType });
  }
  return days;
}

export function createStatsQuery(db: Database.Database, statusLog: StatusLog): (q: StatsQuery) => DashboardStats {
  const byTypeStatus = db.prepare<[number, number], CountRow>(
    'SELECT type AS key, status, COUNT(*) AS n FROM alerts WHERE created_at_ms >= ? AND created_at_ms < ? GROUP BY type, status',
  );
  const byCamera = db.prepare<[number, number], { camera_id: string; n: number }>(
    'SELECT camera_id, COUNT(*) AS n FROM alerts WHERE created_at_ms >= ? AND created_at_ms < ? GROUP BY camera_id',
  );
  const byDayType = db.prepare<[number, number], CountRow>(
    `SELECT strftime('%Y-%m-%d', created_at_ms / 1000, 'unixepoch') AS key, type AS status, COUNT(*) AS n
     FROM alerts WHERE created_at_ms >= ? AND created_at_ms < ? GROUP BY key, type`,
  );
  const meanAck = db.prepare<[number, number], { m: number | null }>(
    `SELECT AVG((qualified_at_ms - created_at_ms) / 1000.0) AS m FROM alerts
     WHERE created_at_ms >= ? AND created_at_ms < ? AND qualified_at_ms IS NOT NULL`,
  );
  return ({ days, nowMs, cameraIds }) => {
    const since = windowStartMs(days, nowMs);
    const until = nowMs + 1;
    const cameraUptime: Record<string, number> = {};
    for (const id of cameraIds) {
      const f = uptimeFraction(statusLog.window(id, since, until), since, until);
      if (f !== undefined) cameraUptime[id] = f;
    }
    const m = meanAck.get(since, until)?.m ?? null;
    return {
      byType: typeStats(byTypeStatus.all(since, until)),
      byCamera: Object.fromEntries(byCamera.all(since, until).map((r) => [r.camera_id, { total: r.n }])),
      byDay: dayStats(byDayType.all(since, until), since, nowMs),
      meanAckSeconds: m === null ? null : Math.round(m * 10) / 10,
      cameraUptime,
    };
  };
}
