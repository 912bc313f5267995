import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from './migrations.ts';
import { createHabilitationStore, type HabilitationStore } from './habilitations.ts';
import { createUserStore, type UserStore } from './users.ts';

const grant = { username: 'Olga', authority: 'Préfet de police', reference: 'PP-2025-114', grantedAtMs: 1000, recordedAtMs: 2000, recordedBy: 'admin' };

describe('habilitation store (migration 10)', () => {
  let db: Database.Database;
  let users: UserStore;
  let store: HabilitationStore;
  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
    users = createUserStore(db);
    users.insert({ username: 'Olga', passwordHash: 'h', role: 'operator', createdAtMs: 1 });
    store = createHabilitationStore(db);
  });
  afterEach(() => db.close());

  it('records a habilitation, withdraws it, and a new grant replaces it and clears the withdrawal', () => {
    expect(store.get('olga')).toBeUndefined();
    expect(store.withdraw('olga', { atMs: 1, by: 'admin', why: 'x' })).toBeUndefined();
    expect(store.grant({ ...grant, expiresAtMs: 9000 })).toEqual({ ...grant, expiresAtMs: 9000 });
    expect(store.withdraw('OLGA', { atMs: 3000, by: 'admin', why: 'left the service' })).toEqual({ ...grant, expiresAtMs: 9000, withdrawn: { atMs: 3000, by: 'admin', why: 'left the service' } });
    expect(store.grant({ ...grant, reference: 'PP-2025-200', recordedAtMs: 4000 })).toEqual({ ...grant, reference: 'PP-2025-200', recordedAtMs: 4000 });
  });

  it('keeps every training, oldest first, and removes one of the account only', () => {
    const dp = store.addTraining({ username: 'Olga', kind: 'data_protection', atMs: 500, trainer: 'CNIL', reference: 'F-1', recordedAtMs: 2000, recordedBy: 'admin' });
    const tool = store.addTraining({ username: 'Olga', kind: 'tool_use', atMs: 100, trainer: 'Vigie team', recordedAtMs: 2000, recordedBy: 'admin' });
    expect(store.trainings('olga')).toEqual([tool, dp]);
    expect(dp.reference).toBe('F-1');
    expect(store.removeTraining('marc', dp.id)).toBeUndefined();
    expect(store.removeTraining('olga', dp.id)).toEqual(dp);
    expect(store.trainings('Olga')).toEqual([tool]);
    expect(store.all()).toEqual({ habilitations: [], trainings: [tool] });
  });

  it('refuses a record for no account, an expiry before the grant, and forgets both with the account', () => {
    expect(() => store.grant({ ...grant, username: 'ghost' })).toThrow(/FOREIGN KEY/);
    expect(() => store.grant({ ...grant, expiresAtMs: 1000 })).toThrow(/CHECK/);
    store.grant(grant);
    store.addTraining({ username: 'Olga', kind: 'tool_use', atMs: 100, trainer: 't', recordedAtMs: 1, recordedBy: 'admin' });
    users.remove('olga');
    users.insert({ username: 'olga', passwordHash: 'h', role: 'operator', createdAtMs: 2 });
    expect(store.get('olga')).toBeUndefined();
    expect(store.trainings('olga')).toEqual([]);
  });
});
