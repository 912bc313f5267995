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
  /** Set while the account is disabled: it cannot sign in. */
  readonly disabledAtMs?: number;
  readonly lastLoginAtMs?: number;
}

export interface UserRecord extends UserInfo {
  readonly passwordHash: string;
}

interface UserRow {
  username: string;
  password_hash: string;
  role: string;
  created_at_ms: number;
  disabled_at_ms: number | null;
  last_login_at_ms: number | null;
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
  /** false when there is no such account. */
  setRole(username: string, role: Role): boolean;
  /** Disables the account at atMs (its sessions end), or enables it (undefined); false when there is none. */
  setDisabled(username: string, atMs: number | undefined): boolean;
  /** Replaces the password hash and ends the account's sessions, except `keepTokenHash`; false when there is none. */
  setPasswordHash(username: string, passwordHash: string, keepTokenHash?: string): boolean;
  recordLogin(username: string, atMs: number): void;
}

const fromRow = (r: UserRow): UserRecord => ({
  username: r.username,
  passwordHash: r.password_hash,
  role: r.role as Role,
  createdAtMs: r.created_at_ms,
  ...(r.disabled_at_ms !== null ? { disabledAtMs: r.disabled_at_ms } : {}),
  ...(r.last_login_at_ms !== null ? { lastLoginAtMs: r.last_login_at_ms } : {}),
});

const info = ({ passwordHash: _hash, ...user }: UserRecord): UserInfo => user;

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
  const account = createAccountStatements(db);

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
    ...account,
  };
}

/** Account changes after creation: role, disabled mark, password, last sign-in. */
function createAccountStatements(db: Database.Database): Pick<UserStore, 'setRole' | 'setDisabled' | 'setPasswordHash' | 'recordLogin'> {
  const setRole = db.prepare<[string, string]>('UPDATE users SET role = ? WHERE username = ?');
  const setDisabled = db.prepare<[number | null, string]>('UPDATE users SET disabled_at_ms = ? WHERE username = ?');
  const setHash = db.prepare<[string, string]>('UPDATE users SET password_hash = ? WHERE username = ?');
  const endSessions = db.prepare<[string, string]>('DELETE FROM sessions WHERE username = ? AND token_hash != ?');
  const recordLogin = db.prepare<[number, string]>('UPDATE users SET last_login_at_ms = ? WHERE username = ?');
  const disable = db.transaction((username: string, atMs: number | undefined): boolean => {
    const changed = setDisabled.run(atMs === undefined ? null : Math.round(atMs), username).changes > 0;
    if (changed && atMs !== undefined) endSessions.run(username, '');
    return changed;
  });
  const changePassword = db.transaction((username: string, hash: string, keep: string): boolean => {
    const changed = setHash.run(hash, username).changes > 0;
    if (changed) endSessions.run(username, keep);
    return changed;
  });
  return {
    setRole: (username, role) => setRole.run(role, username).changes > 0,
    setDisabled: (username, atMs) => disable(username, atMs),
    setPasswordHash: (username, hash, keepTokenHash) => changePassword(username, hash, keepTokenHash ?? ''),
    recordLogin: (username, atMs) => void recordLogin.run(Math.round(atMs), username),
  };
}
