/**
 * Camera status changes over time (running, reconnecting, failed, stopped...), for the uptime
 * of the dashboard. One row per change, never per frame.
 */
import type Database from 'better-sqlite3';

export interface StatusEntry {
  readonly state: string;
  readonly atMs: number;
  readonly reason?: string;
}

export interface StatusLog {
  append(cameraId: string, entry: StatusEntry): void;
  /** The entries of the window [sinceMs, untilMs), preceded by the last one before it (the state at sinceMs). */
  window(cameraId: string, sinceMs: number, untilMs: number): StatusEntry[];
  /** Camera ids with at least one entry. */
  cameraIds(): string[];
  /** Deletes the entries older than cutoffMs, except each camera's last one before it (its state then); returns how many. */
  purgeBefore(cutoffMs: number): number;
}

interface Row {
  state: string;
  at_ms: number;
  reason: string | null;
}

const fromRow = (r: Row): StatusEntry => ({ state: r.state, atMs: r.at_ms, ...(r.reason !== null ? { reason: r.reason } : {}) });

export function createStatusLog(db: Database.Database): StatusLog {
  const insert = db.prepare<[string, string, number, string | null]>(
    'INSERT INTO camera_status_log (camera_id, state, at_ms, reason) VALUES (?, ?, ?, ?)',
  );
  const before = db.prepare<[string, number], Row>(
    'SELECT state, at_ms, reason FROM camera_status_log WHERE camera_id = ? AND at_ms < ? ORDER BY at_ms DESC, id DESC LIMIT 1',
  );
  const inside = db.prepare<[string, number, number], Row>(
    'SELECT state, at_ms, reason FROM camera_status_log WHERE camera_id = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms, id',
  );
  const ids = db.prepare<[], { camera_id: string }>('SELECT DISTINCT camera_id FROM camera_status_log ORDER BY camera_id');
  const purge = db.prepare<[number, number]>(
    `DELETE FROM camera_status_log WHERE at_ms < ? AND id NOT IN (
       SELECT MAX(id) FROM camera_status_log WHERE at_ms < ? GROUP BY camera_id)`,
  );
  return {
    append: (cameraId, e) => void insert.run(cameraId, e.state, Math.round(e.atMs), e.reason ?? null),
    window: (cameraId, sinceMs, untilMs) => {
      const first = before.get(cameraId, sinceMs);
      return [...(first ? [first] : []), ...inside.all(cameraId, sinceMs, untilMs)].map(fromRow);
    },
    cameraIds: () => ids.all().map((r) => r.camera_id),
    purgeBefore: (cutoffMs) => purge.run(Math.round(cutoffMs), Math.round(cutoffMs)).changes,
  };
}

/**
 * Fraction of the known part of [sinceMs, untilMs) the camera spent `running`. The time before its
 * first entry is unknown and left out; undefined when nothing of the window is known.
 */
export function uptimeFraction(entries: readonly StatusEntry[], sinceMs: number, untilMs: number): number | undefined {
  let known = 0;
  let up = 0;
  entries.forEach((e, i) => {
    const start = Math.max(e.atMs, sinceMs);
    const end = Math.min(entries[i + 1]?.atMs ?? untilMs, untilMs);
    if (end <= start) return;
    known += end - start;
    if (e.state === 'running') up += end - start;
  });
  return known > 0 ? up / known : undefined;
}
