/**
 * What the report is computed from, read from the database of a data folder (the server's
 * connection or the CLI's read-only one): alerts of the period with their first decision, missed
 * events, the cameras' status history, system alerts, accounts, habilitations and trainings.
 */
import type Database from 'better-sqlite3';
import type { Habilitation, Training } from '../auth/habilitation.ts';
import { createHabilitationStore } from '../store/habilitations.ts';
import { createMissedEventStore } from '../store/missed-events.ts';
import type { StatusEntry } from '../store/status-log.ts';
import type { AlertStatus, ReportInput } from './types.ts';

export type ReportData = Omit<ReportInput, 'generatedAtMs' | 'journal' | 'authorisations' | 'killSwitches'>;

interface AlertRow {
  camera_id: string;
  type: string;
  status: AlertStatus;
  created_at_ms: number;
  first_ms: number | null;
}

/** Reads the period [fromMs, toMs) from the database (SELECTs only: a read-only connection is enough). */
export function readReportData(db: Database.Database, fromMs: number, toMs: number): ReportData {
  const alerts = db
    .prepare<[number, number], AlertRow>(
      `SELECT a.camera_id, a.type, a.status, a.created_at_ms,
              COALESCE((SELECT MIN(d.at_ms) FROM alert_decisions d WHERE d.alert_id = a.id), a.qualified_at_ms) AS first_ms
       FROM alerts a WHERE a.created_at_ms >= ? AND a.created_at_ms < ?`,
    )
    .all(fromMs, toMs)
    .map((r) => ({ cameraId: r.camera_id, type: r.type, status: r.status, createdAtMs: r.created_at_ms, ...(r.first_ms !== null && r.status !== 'new' ? { firstDecisionAtMs: r.first_ms } : {}) }));
  const cameraIds = db
    .prepare<[], { camera_id: string }>('SELECT camera_id FROM camera_status_log UNION SELECT id AS camera_id FROM cameras ORDER BY camera_id')
    .all()
    .map((r) => r.camera_id);
  const before = db.prepare<[string, number], { state: string; at_ms: number }>('SELECT state, at_ms FROM camera_status_log WHERE camera_id = ? AND at_ms < ? ORDER BY at_ms DESC, id DESC LIMIT 1');
  const inside = db.prepare<[string, number, number], { state: string; at_ms: number }>('SELECT state, at_ms FROM camera_status_log WHERE camera_id = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms, id');
  const statusHistory = cameraIds.map((cameraId) => {
    const first = before.get(cameraId, fromMs);
    const entries: StatusEntry[] = [...(first ? [first] : []), ...inside.all(cameraId, fromMs, toMs)].map((r) => ({ state: r.state, atMs: r.at_ms }));
    return { cameraId, entries };
  });
  const systemAlerts = db
    .prepare<[number, number], { kind: string; raised_at_ms: number }>('SELECT kind, raised_at_ms FROM system_alerts WHERE raised_at_ms >= ? AND raised_at_ms < ?')
    .all(fromMs, toMs)
    .map((r) => ({ kind: r.kind, raisedAtMs: r.raised_at_ms }));
  const accounts = db.prepare<[], { username: string; role: string }>('SELECT username, role FROM users ORDER BY username').all();
  const { habilitations, trainings }: { habilitations: Habilitation[]; trainings: Training[] } = createHabilitationStore(db).all();
  return { fromMs, toMs, alerts, missed: createMissedEventStore(db).list(fromMs, toMs), statusHistory, systemAlerts, accounts, habilitations, trainings };
}
