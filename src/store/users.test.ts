import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from './migrations.ts';
import { createUserStore } from './users.ts';

const user = (username: string, createdAtMs: number) => ({ username, passwordHash: 'h', role: 'operator' as const, createdAtMs });

describe('usernames are case-insensitive', () => {
  let db: Database.Database;
  afterEach(() => db?.close());

  it('one account for Admin and admin: found, taken and removed whatever the case', () => {
    db = new Database(':memory:');
    migrate(db);
    const users = createUserStore(db);
    expect(users.insert(user('Olga', 1))).toBe(true);
    expect(users.insert(user('olga', 2))).toBe(false);
    expect(users.get('OLGA')?.username).toBe('Olga');
    expect(users.remove('olga')).toBe(true);
    expect(users.count()).toBe(0);
  });

  it('migration 5 keeps the oldest of accounts differing only by case and renames the others, ending their sessions', () => {
    db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version < 5));
    const add = db.prepare('INSERT INTO users (username, password_hash, role, created_at_ms) VALUES (?, ?, ?, ?)');
    for (const [name, at] of [['admin', 1], ['Admin', 2], ['ADMIN', 2], ['olga', 3]] as const) add.run(name, 'h', 'operator', at);
    db.prepare('INSERT INTO sessions (token_hash, username, created_at_ms, expires_at_ms) VALUES (?, ?, 0, 9)').run('t1', 'Admin');
    db.prepare('INSERT INTO sessions (token_hash, username, created_at_ms, expires_at_ms) VALUES (?, ?, 0, 9)').run('t2', 'admin');
    migrate(db);
    const names = createUserStore(db).list().map((u) => u.username);
    expect(names.filter((n) => !n.includes('~'))).toEqual(['admin', 'olga']);
    expect(names.filter((n) => /^(Admin|ADMIN)~2-[0-9a-f]{8}$/.test(n))).toHaveLength(2);
    expect(db.prepare('SELECT token_hash FROM sessions').all()).toEqual([{ token_hash: 't2' }]);
  });
});
