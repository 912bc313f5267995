/** Login sessions. Only a hash of the token is stored: a copy of the database opens no session. */
import type Database from 'better-sqlite3';
import type { Role } from './users.ts';

export interface SessionRecord {
  readonly tokenHash: string;
  readonly username: string;
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
}

export interface SessionUser {
  readonly username: string;
  readonly role: Role;
}

export interface SessionStore {
  insert(session: SessionRecord): void;
  /** The account of a live session; undefined when unknown, expired, or the account is disabled. */
  find(tokenHash: string, nowMs: number): SessionUser | undefined;
  remove(tokenHash: string): void;
  /** Deletes expired sessions; returns how many. */
  purgeExpired(nowMs: number): number;
}

export function createSessionStore(db: Database.Database): SessionStore {
  const insert = db.prepare<[string, string, number, number]>(
    'INSERT INTO sessions (token_hash, username, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?)',
  );
  const find = db.prepare<[string, number], { username: string; role: string }>(
    `SELECT u.username, u.role FROM sessions s JOIN users u ON u.username = s.username
     WHERE s.token_hash = ? AND s.expires_at_ms > ? AND u.disabled_at_ms IS NULL`,
  );
  const remove = db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?');
  const purge = db.prepare<[number]>('DELETE FROM sessions WHERE expires_at_ms <= ?');
  return {
    insert: (s) => void insert.run(s.tokenHash, s.username, Math.round(s.createdAtMs), Math.round(s.expiresAtMs)),
    find: (tokenHash, nowMs) => {
      const row = find.get(tokenHash, Math.round(nowMs));
      return row ? { username: row.username, role: row.role as Role } : undefined;
    },
    remove: (tokenHash) => void remove.run(tokenHash),
    purgeExpired: (nowMs) => purge.run(Math.round(nowMs)).changes,
  };
}
