/**
 * Decisions on alerts: the first qualification (final), and the corrections a supervisor makes
 * afterwards. Each one is a row of `alert_decisions` (who, when, previous and new status, note) and
 * a journal entry, written with the alert's new status in one transaction: the history is never
 * overwritten. The alert keeps its first qualification's time and account (the time to acknowledge)
 * and note; its status is the latest decision's.
 */
import type Database from 'better-sqlite3';
import { VigieError } from '../core/errors.ts';
import { ALERT_COLUMNS, fromRow, type AlertRow } from './alert-row.ts';
import type { JournalInput } from './journal.ts';
import type { AlertStatus, StoredAlert } from './types.ts';

export type DecisionStatus = Exclude<AlertStatus, 'new'>;

export interface Decision {
  readonly seq: number;
  readonly alertId: string;
  readonly atMs: number;
  readonly by: string;
  readonly fromStatus: AlertStatus;
  readonly toStatus: DecisionStatus;
  readonly note?: string;
  /** A supervisor's change of an earlier decision. */
  readonly correction: boolean;
}

export interface DecisionInput {
  readonly status: DecisionStatus;
  readonly by: string;
  readonly atMs: number;
  readonly note?: string;
  /** true: changes a decision already taken (the caller checked the role); false: the first one. */
  readonly correction: boolean;
}

/** What a decision request came to. Refusals are values: the API maps them to 404 and 409. */
export type DecisionResult =
  | { readonly kind: 'decided'; readonly alert: StoredAlert; readonly decision: Decision }
  | { readonly kind: 'not_found' }
  /** A first qualification of an alert already qualified. */
  | { readonly kind: 'already_qualified'; readonly alert: StoredAlert; readonly last?: Decision }
  /** A correction of an alert not qualified yet. */
  | { readonly kind: 'not_qualified'; readonly alert: StoredAlert };

export interface DecisionStore {
  decide(alertId: string, d: DecisionInput): DecisionResult;
  /** The decisions on one alert, oldest first. */
  history(alertId: string): Decision[];
}

interface DecisionRow {
  seq: number;
  alert_id: string;
  at_ms: number;
  by: string;
  from_status: string;
  to_status: string;
  note: string | null;
  correction: number;
}

const toDecision = (r: DecisionRow): Decision => ({
  seq: r.seq,
  alertId: r.alert_id,
  atMs: r.at_ms,
  by: r.by,
  fromStatus: r.from_status as AlertStatus,
  toStatus: r.to_status as DecisionStatus,
  ...(r.note !== null ? { note: r.note } : {}),
  correction: r.correction === 1,
});

/** Why a decision is refused, or undefined when it may be taken. Pure. */
export function refusal(current: AlertStatus, correction: boolean): 'already_qualified' | 'not_qualified' | undefined {
  if (!correction && current !== 'new') return 'already_qualified';
  if (correction && current === 'new') return 'not_qualified';
  return undefined;
}

/**
 * The journal entry of a decision: its whole content (the status before and after, the note as
 * written, whether it corrects an earlier one), so that the journal alone proves what was decided,
 * also after the alert's retention. The journal is read by auditors and admins only.
 */
export function decisionJournalEntry(d: Decision): JournalInput {
  return {
    atMs: d.atMs,
    actor: d.by,
    action: d.correction ? 'alert.correct' : 'alert.qualify',
    target: d.alertId,
    details: { from: d.fromStatus, to: d.toStatus, decision: d.seq, ...(d.note ? { note: d.note } : {}) },
  };
}

export function createDecisionStore(db: Database.Database, journal: { append(e: JournalInput): unknown }): DecisionStore {
  const getOne = db.prepare<[string], AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = ?`);
  const setFirst = db.prepare<[string, number, string, string | null, string]>(
    'UPDATE alerts SET status = ?, qualified_at_ms = ?, qualified_by = ?, note = ? WHERE id = ?',
  );
  const setStatus = db.prepare<[string, string]>('UPDATE alerts SET status = ? WHERE id = ?');
  const insert = db.prepare<[string, number, string, string, string, string | null, number], DecisionRow>(
    `INSERT INTO alert_decisions (alert_id, at_ms, by, from_status, to_status, note, correction)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const list = db.prepare<[string], DecisionRow>('SELECT * FROM alert_decisions WHERE alert_id = ? ORDER BY seq');
  const latest = db.prepare<[string], DecisionRow>('SELECT * FROM alert_decisions WHERE alert_id = ? ORDER BY seq DESC LIMIT 1');

  const decide = db.transaction((alertId: string, d: DecisionInput): DecisionResult => {
    const row = getOne.get(alertId);
    if (!row) return { kind: 'not_found' };
    const before = fromRow(row);
    const refused = refusal(before.status, d.correction);
    if (refused === 'already_qualified') {
      const last = latest.get(alertId);
      return { kind: refused, alert: before, ...(last ? { last: toDecision(last) } : {}) };
    }
    if (refused) return { kind: refused, alert: before };
    const atMs = Math.round(d.atMs);
    if (d.correction) setStatus.run(d.status, alertId);
    else setFirst.run(d.status, atMs, d.by, d.note ?? null, alertId);
    const inserted = insert.get(alertId, atMs, d.by, before.status, d.status, d.note ?? null, d.correction ? 1 : 0);
    if (!inserted) throw new VigieError('STORE_FAILED', `decision on alert "${alertId}" not recorded`);
    const decision = toDecision(inserted);
    journal.append(decisionJournalEntry(decision));
    const after = getOne.get(alertId);
    if (!after) throw new VigieError('STORE_FAILED', `alert "${alertId}" vanished while decided`);
    return { kind: 'decided', alert: fromRow(after), decision };
  });

  return {
    decide: (alertId, d) => decide(alertId, d),
    history: (alertId) => list.all(alertId).map(toDecision),
  };
}
