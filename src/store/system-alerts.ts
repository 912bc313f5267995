/**
 * System alerts: the platform itself needs the operator (a camera lost, the store unable to write,
 * the disk nearly full). One row per incident, open until cleared; kept apart from the detection
 * alerts, which are about what the cameras see.
 */
import type Database from 'better-sqlite3';

export const SYSTEM_ALERT_KINDS = ['camera_lost', 'store_failed', 'disk_low'] as const;
export type SystemAlertKind = (typeof SYSTEM_ALERT_KINDS)[number];

export interface SystemAlert {
  readonly id: string;
  readonly kind: SystemAlertKind;
  /** The camera id (camera_lost), the data folder (disk_low)... */
  readonly target?: string;
  readonly message: string;
  readonly raisedAtMs: number;
  readonly clearedAtMs?: number;
}

export interface SystemAlertStore {
  /** Inserts the alert, or updates its message and clearing when the id is already there. */
  save(alert: SystemAlert): void;
  /** Open alerts (not cleared), oldest first. */
  open(): SystemAlert[];
  /** The newest first, cleared or not. */
  recent(limit: number): SystemAlert[];
  /** Deletes the alerts cleared before cutoffMs (retention); open ones stay. Returns how many. */
  purgeClearedBefore(cutoffMs: number): number;
}

interface Row {
  id: string;
  kind: string;
  target: string | null;
  message: string;
  raised_at_ms: number;
  cleared_at_ms: number | null;
}

const fromRow = (r: Row): SystemAlert => ({
  id: r.id,
  kind: r.kind as SystemAlertKind,
  message: r.message,
  raisedAtMs: r.raised_at_ms,
  ...(r.target !== null ? { target: r.target } : {}),
  ...(r.cleared_at_ms !== null ? { clearedAtMs: r.cleared_at_ms } : {}),
});

export function createSystemAlertStore(db: Database.Database): SystemAlertStore {
  const upsert = db.prepare<[string, string, string | null, string, number, number | null]>(
    `INSERT INTO system_alerts (id, kind, target, message, raised_at_ms, cleared_at_ms) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET message = excluded.message, cleared_at_ms = excluded.cleared_at_ms`,
  );
  const open = db.prepare<[], Row>('SELECT * FROM system_alerts WHERE cleared_at_ms IS NULL ORDER BY raised_at_ms, id');
  const recent = db.prepare<[number], Row>('SELECT * FROM system_alerts ORDER BY raised_at_ms DESC, id DESC LIMIT ?');
  const purge = db.prepare<[number]>('DELETE FROM system_alerts WHERE cleared_at_ms IS NOT NULL AND cleared_at_ms < ?');
  return {
    save: (a) => void upsert.run(a.id, a.kind, a.target ?? null, a.message, Math.round(a.raisedAtMs), a.clearedAtMs === undefined ? null : Math.round(a.clearedAtMs)),
    open: () => open.all().map(fromRow),
    recent: (limit) => recent.all(Math.max(1, Math.min(1000, Math.trunc(limit)))).map(fromRow),
    purgeClearedBefore: (cutoffMs) => purge.run(Math.round(cutoffMs)).changes,
  };
}
