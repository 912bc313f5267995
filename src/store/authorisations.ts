/**
 * Authorisations (prefectoral orders) and kill switches, persisted. Nothing is ever deleted: an
 * authorisation is revoked (when, by whom, why), a kill switch released (when, by whom, why), so
 * the record of what was authorised when stays complete for the auditors.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { EventType } from '../core/types.ts';
import type { Authorisation, KillScope, KillSwitch } from '../legal/types.ts';

export interface AuthorisationInput {
  readonly reference: string;
  readonly authority: string;
  readonly perimeter: string;
  readonly cameraIds: readonly string[];
  readonly events: readonly EventType[];
  readonly startMs: number;
  readonly endMs: number;
  /** Recorded by `vigie serve --demo` (no legal value). */
  readonly demo?: boolean;
}

export interface Change<T> {
  readonly before: T;
  readonly after: T;
}

export interface AuthorisationStore {
  /** Every authorisation, revoked ones included, by start then reference. */
  list(): Authorisation[];
  get(id: string): Authorisation | undefined;
  create(input: AuthorisationInput, by: string, atMs: number): Authorisation;
  /** undefined when there is no such authorisation or it is revoked (final). */
  update(id: string, input: AuthorisationInput, by: string, atMs: number): Change<Authorisation> | undefined;
  /** undefined when there is no such authorisation or it is revoked already. */
  revoke(id: string, by: string, why: string, atMs: number): Change<Authorisation> | undefined;
  /** The authorisations that ended (not revoked) by nowMs and whose expiry was not noted yet: noted now, returned once. */
  noteExpired(nowMs: number): Authorisation[];
  /** Kill switches, engaged first, then the newest released ones (at most `limit` of those). */
  killSwitches(limit?: number): KillSwitch[];
  /** Engaged kill switches only. */
  engaged(): KillSwitch[];
  /** undefined when one of that scope and target is engaged already. */
  engage(scope: KillScope, targetId: string | undefined, by: string, why: string, atMs: number): KillSwitch | undefined;
  /** undefined when there is no such switch or it is released already. */
  release(id: string, by: string, why: string, atMs: number): Change<KillSwitch> | undefined;
}

interface AuthRow {
  id: string;
  reference: string;
  authority: string;
  perimeter: string;
  camera_ids: string;
  events: string;
  start_ms: number;
  end_ms: number;
  demo: number;
  created_at_ms: number;
  created_by: string;
  updated_at_ms: number;
  updated_by: string;
  revoked_at_ms: number | null;
  revoked_by: string | null;
  revoked_why: string | null;
}

interface KillRow {
  id: string;
  scope: string;
  target_id: string | null;
  engaged_at_ms: number;
  engaged_by: string;
  engaged_why: string;
  released_at_ms: number | null;
  released_by: string | null;
  released_why: string | null;
}

const authFromRow = (r: AuthRow): Authorisation => ({
  id: r.id,
  reference: r.reference,
  authority: r.authority,
  perimeter: r.perimeter,
  cameraIds: JSON.parse(r.camera_ids) as string[],
  events: JSON.parse(r.events) as EventType[],
  startMs: r.start_ms,
  endMs: r.end_ms,
  demo: r.demo === 1,
  createdAtMs: r.created_at_ms,
  createdBy: r.created_by,
  updatedAtMs: r.updated_at_ms,
  updatedBy: r.updated_by,
  ...(r.revoked_at_ms !== null ? { revokedAtMs: r.revoked_at_ms, revokedBy: r.revoked_by ?? '', revokedWhy: r.revoked_why ?? '' } : {}),
});

const killFromRow = (r: KillRow): KillSwitch => ({
  id: r.id,
  scope: r.scope as KillScope,
  ...(r.target_id !== null ? { targetId: r.target_id } : {}),
  engagedAtMs: r.engaged_at_ms,
  engagedBy: r.engaged_by,
  engagedWhy: r.engaged_why,
  ...(r.released_at_ms !== null ? { releasedAtMs: r.released_at_ms, releasedBy: r.released_by ?? '', releasedWhy: r.released_why ?? '' } : {}),
});

export function createAuthorisationStore(db: Database.Database): AuthorisationStore {
  const all = db.prepare<[], AuthRow>('SELECT * FROM authorisations ORDER BY start_ms, reference, id');
  const one = db.prepare<[string], AuthRow>('SELECT * FROM authorisations WHERE id = ?');
  const insert = db.prepare<[string, string, string, string, string, string, number, number, number, number, string, number, string]>(
    `INSERT INTO authorisations (id, reference, authority, perimeter, camera_ids, events, start_ms, end_ms, demo, created_at_ms, created_by, updated_at_ms, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // An end that moves is an expiry to note again; other edits keep it noted.
  const update = db.prepare<[string, string, string, string, string, number, number, number, number, string, string]>(
    `UPDATE authorisations SET reference = ?, authority = ?, perimeter = ?, camera_ids = ?, events = ?, start_ms = ?,
     expiry_noted_at_ms = CASE WHEN end_ms = ? THEN expiry_noted_at_ms ELSE NULL END, end_ms = ?,
     updated_at_ms = ?, updated_by = ? WHERE id = ? AND revoked_at_ms IS NULL`,
  );
  const revoke = db.prepare<[number, string, string, string]>('UPDATE authorisations SET revoked_at_ms = ?, revoked_by = ?, revoked_why = ? WHERE id = ? AND revoked_at_ms IS NULL');
  const expired = db.prepare<[number], AuthRow>('SELECT * FROM authorisations WHERE end_ms <= ? AND revoked_at_ms IS NULL AND expiry_noted_at_ms IS NULL ORDER BY end_ms, id');
  const noteExpiry = db.prepare<[number, string]>('UPDATE authorisations SET expiry_noted_at_ms = ? WHERE id = ?');
  const engagedRows = db.prepare<[], KillRow>('SELECT * FROM kill_switches WHERE released_at_ms IS NULL ORDER BY engaged_at_ms, id');
  const releasedRows = db.prepare<[number], KillRow>('SELECT * FROM kill_switches WHERE released_at_ms IS NOT NULL ORDER BY released_at_ms DESC, id LIMIT ?');
  const oneKill = db.prepare<[string], KillRow>('SELECT * FROM kill_switches WHERE id = ?');
  const engage = db.prepare<[string, string, string | null, number, string, string]>(
    `INSERT INTO kill_switches (id, scope, target_id, engaged_at_ms, engaged_by, engaged_why) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const release = db.prepare<[number, string, string, string]>('UPDATE kill_switches SET released_at_ms = ?, released_by = ?, released_why = ? WHERE id = ? AND released_at_ms IS NULL');

  const get = (id: string): Authorisation | undefined => {
    const row = one.get(id);
    return row ? authFromRow(row) : undefined;
  };
  const getKill = (id: string): KillSwitch | undefined => {
    const row = oneKill.get(id);
    return row ? killFromRow(row) : undefined;
  };
  const ms = Math.round;
  const changed = <T>(before: T | undefined, apply: () => boolean, read: () => T | undefined): Change<T> | undefined => {
    if (before === undefined || !apply()) return undefined;
    const after = read();
    return after === undefined ? undefined : { before, after };
  };

  return {
    list: () => all.all().map(authFromRow),
    get,
    create(a, by, atMs) {
      const id = randomUUID();
      insert.run(id, a.reference, a.authority, a.perimeter, JSON.stringify(a.cameraIds), JSON.stringify(a.events), ms(a.startMs), ms(a.endMs), a.demo ? 1 : 0, ms(atMs), by, ms(atMs), by);
      return get(id)!;
    },
    update: db.transaction((id: string, a: AuthorisationInput, by: string, atMs: number) =>
      changed(get(id), () => update.run(a.reference, a.authority, a.perimeter, JSON.stringify(a.cameraIds), JSON.stringify(a.events), ms(a.startMs), ms(a.endMs), ms(a.endMs), ms(atMs), by, id).changes > 0, () => get(id)),
    ),
    revoke: db.transaction((id: string, by: string, why: string, atMs: number) => changed(get(id), () => revoke.run(ms(atMs), by, why, id).changes > 0, () => get(id))),
    noteExpired: db.transaction((nowMs: number) => {
      const rows = expired.all(ms(nowMs));
      for (const r of rows) noteExpiry.run(ms(nowMs), r.id);
      return rows.map(authFromRow);
    }),
    killSwitches: (limit = 50) => [...engagedRows.all(), ...releasedRows.all(Math.max(0, Math.trunc(limit)))].map(killFromRow),
    engaged: () => engagedRows.all().map(killFromRow),
    engage(scope, targetId, by, why, atMs) {
      const id = randomUUID();
      return engage.run(id, scope, scope === 'global' ? null : (targetId ?? ''), ms(atMs), by, why).changes > 0 ? getKill(id) : undefined;
    },
    release: db.transaction((id: string, by: string, why: string, atMs: number) => changed(getKill(id), () => release.run(ms(atMs), by, why, id).changes > 0, () => getKill(id))),
  };
}
