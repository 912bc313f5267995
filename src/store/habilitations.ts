/**
 * Habilitations and trainings of the accounts (migration 10; the rule is src/auth/habilitation.ts).
 * One habilitation per account: a grant replaces it (and clears a withdrawal), a withdrawal is
 * written on it. Trainings are kept one row each. Rows go with their account. Usernames are the
 * account's own spelling (callers pass the name the users table holds); lookups ignore case.
 */
import type Database from 'better-sqlite3';
import type { Habilitation, Training, TrainingKind, Withdrawal } from '../auth/habilitation.ts';

export type HabilitationGrant = Omit<Habilitation, 'withdrawn'>;
export type TrainingInput = Omit<Training, 'id'>;

export interface HabilitationStore {
  get(username: string): Habilitation | undefined;
  /** Records or replaces the account's habilitation (not withdrawn). */
  grant(h: HabilitationGrant): Habilitation;
  /** Marks it withdrawn; undefined when the account has none. */
  withdraw(username: string, w: Withdrawal): Habilitation | undefined;
  /** The account's trainings, oldest first. */
  trainings(username: string): Training[];
  addTraining(t: TrainingInput): Training;
  /** Deletes one training of the account; the row deleted, or undefined when there is none. */
  removeTraining(username: string, id: number): Training | undefined;
  /** Every habilitation and training, for the accounts screen and auditors. */
  all(): { habilitations: Habilitation[]; trainings: Training[] };
}

interface HabilitationRow {
  username: string;
  authority: string;
  reference: string;
  granted_at_ms: number;
  expires_at_ms: number | null;
  recorded_at_ms: number;
  recorded_by: string;
  withdrawn_at_ms: number | null;
  withdrawn_by: string | null;
  withdrawn_why: string | null;
}

interface TrainingRow {
  id: number;
  username: string;
  kind: string;
  at_ms: number;
  trainer: string;
  reference: string | null;
  recorded_at_ms: number;
  recorded_by: string;
}

const habilitationOf = (r: HabilitationRow): Habilitation => ({
  username: r.username,
  authority: r.authority,
  reference: r.reference,
  grantedAtMs: r.granted_at_ms,
  ...(r.expires_at_ms !== null ? { expiresAtMs: r.expires_at_ms } : {}),
  recordedAtMs: r.recorded_at_ms,
  recordedBy: r.recorded_by,
  ...(r.withdrawn_at_ms !== null && r.withdrawn_by !== null && r.withdrawn_why !== null ? { withdrawn: { atMs: r.withdrawn_at_ms, by: r.withdrawn_by, why: r.withdrawn_why } } : {}),
});

const trainingOf = (r: TrainingRow): Training => ({
  id: r.id,
  username: r.username,
  kind: r.kind as TrainingKind,
  atMs: r.at_ms,
  trainer: r.trainer,
  ...(r.reference !== null ? { reference: r.reference } : {}),
  recordedAtMs: r.recorded_at_ms,
  recordedBy: r.recorded_by,
});

const ms = (v: number): number => Math.round(v);

export function createHabilitationStore(db: Database.Database): HabilitationStore {
  const getOne = db.prepare<[string], HabilitationRow>('SELECT * FROM habilitations WHERE username = ? COLLATE NOCASE');
  const upsert = db.prepare<[string, string, string, number, number | null, number, string]>(
    `INSERT INTO habilitations (username, authority, reference, granted_at_ms, expires_at_ms, recorded_at_ms, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (username) DO UPDATE SET authority = excluded.authority, reference = excluded.reference, granted_at_ms = excluded.granted_at_ms,
       expires_at_ms = excluded.expires_at_ms, recorded_at_ms = excluded.recorded_at_ms, recorded_by = excluded.recorded_by,
       withdrawn_at_ms = NULL, withdrawn_by = NULL, withdrawn_why = NULL`,
  );
  const setWithdrawn = db.prepare<[number, string, string, string]>('UPDATE habilitations SET withdrawn_at_ms = ?, withdrawn_by = ?, withdrawn_why = ? WHERE username = ? COLLATE NOCASE');
  const trainingsOf = db.prepare<[string], TrainingRow>('SELECT * FROM trainings WHERE username = ? COLLATE NOCASE ORDER BY at_ms, id');
  const insertTraining = db.prepare<[string, string, number, string, string | null, number, string]>(
    'INSERT INTO trainings (username, kind, at_ms, trainer, reference, recorded_at_ms, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const trainingById = db.prepare<[number, string], TrainingRow>('SELECT * FROM trainings WHERE id = ? AND username = ? COLLATE NOCASE');
  const deleteTraining = db.prepare<[number]>('DELETE FROM trainings WHERE id = ?');
  const allHabilitations = db.prepare<[], HabilitationRow>('SELECT * FROM habilitations ORDER BY username');
  const allTrainings = db.prepare<[], TrainingRow>('SELECT * FROM trainings ORDER BY username, at_ms, id');
  const get = (username: string): Habilitation | undefined => {
    const row = getOne.get(username);
    return row ? habilitationOf(row) : undefined;
  };
  const remove = db.transaction((username: string, id: number): Training | undefined => {
    const row = trainingById.get(id, username);
    if (row) deleteTraining.run(id);
    return row ? trainingOf(row) : undefined;
  });

  return {
    get,
    grant(h) {
      upsert.run(h.username, h.authority, h.reference, ms(h.grantedAtMs), h.expiresAtMs === undefined ? null : ms(h.expiresAtMs), ms(h.recordedAtMs), h.recordedBy);
      const stored = get(h.username);
      if (!stored) throw new Error(`habilitation of ${h.username} not stored`);
      return stored;
    },
    withdraw(username, w) {
      if (setWithdrawn.run(ms(w.atMs), w.by, w.why, username).changes === 0) return undefined;
      return get(username);
    },
    trainings: (username) => trainingsOf.all(username).map(trainingOf),
    addTraining(t) {
      const { lastInsertRowid } = insertTraining.run(t.username, t.kind, ms(t.atMs), t.trainer, t.reference ?? null, ms(t.recordedAtMs), t.recordedBy);
      return { ...t, id: Number(lastInsertRowid), atMs: ms(t.atMs), recordedAtMs: ms(t.recordedAtMs) };
    },
    removeTraining: (username, id) => remove(username, id),
    all: () => ({ habilitations: allHabilitations.all().map(habilitationOf), trainings: allTrainings.all().map(trainingOf) }),
  };
}
