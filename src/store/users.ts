/**
 * Console accounts: a username, a scrypt password hash (see src/auth/password.ts) and a role.
 * Usernames are case-insensitive (migration 5: a unique index with COLLATE NOCASE): `Admin` finds,
 * removes and blocks the creation of `admin`; the name keeps the case it was created with.
 */
import type Database from 'better-sqlite3';

/** Account roles, from most to least powerful (the users table CHECK lists the same). */
export const USER_ROLES = ['admin', 'supervisor', 'operator', 'auditor'] as const;
export type Role = (typeof USER_ROLES)[number];

export interface UserInfo {
  readonly username: string;
  readonly role: Role;
  readonly createdAtMs: number;
}

export interface UserRecord extends UserInfo {
  readonly passwordHash: string;
}

interface UserRow {
  username: string;
  password_hash: string;
  role: string;
  created_at_ms: number;
}

export interface UserStore {
  count(): number;
  get(username: string): UserRecord | undefined;
  list(): UserInfo[];
  /** Inserts the account; false when the username is taken. */
  insert(user: UserRecord): boolean;
  /** Inserts the account only while no account exists at all (first-run setup); false otherwise. */
  insertFirst(user: UserRecord): boolean;
  /** Deletes the account and its sessions; false when there was none. */
  remove(username: string): boolean;
}

const fromRow = (r: UserRow): UserRecord => ({
  username: r.username,
  passwordHash: r.password_hash,
  role: r.role as Role,
  createdAtMs: r.created_at_ms,
});

const info = ({ username, role, createdAtMs }: UserRecord): UserInfo => ({ username, role, createdAtMs });

export function createUserStore(db: Database.Database): UserStore {
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users');
  const getOne = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ? COLLATE NOCASE');
  const all = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_at_ms, username');
  const insert = db.prepare<[string, string, string, number]>(
    'INSERT INTO users (username, password_hash, role, created_at_ms) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const remove = db.prepare<[string]>('DELETE FROM users WHERE username = ? COLLATE NOCASE');
  const put = (u: UserRecord): boolean => insert.run(u.username, u.passwordHash, u.role, Math.round(u.createdAtMs)).changes > 0;
  const insertFirst = db.transaction((u: UserRecord) => (count.get()?.n ?? 0) === 0 && put(u));

  return {
    count: () => count.get()?.n ?? 0,
    get: (username) => {
      const row = getOne.get(username);
      return row ? fromRow(row) : undefined;
    },
    list: () => all.all().map((r) => info(fromRow(r))),
    insert: put,
    insertFirst: (u) => insertFirst(u),
    remove: (username) => remove.run(username).changes > 0,
  };
}
