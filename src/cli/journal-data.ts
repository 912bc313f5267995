/**
 * The journal of a data folder read by the CLI, away from the server (which may be running: the
 * database is opened read-only, WAL keeps both apart): its key, its export, its verification.
 */
import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { VigieError, errorMessage } from '../core/errors.ts';
import type { JournalCheck, JournalRecord } from '../store/journal-chain.ts';
import { exportChunks, type ExportFormat } from '../store/journal-export.ts';
import { readPublicKeyFile, SIGNING_KEY_FILE, type JournalPublicKey } from '../store/journal-key.ts';
import { readCheckpoints, verifyDatabaseFile } from '../store/journal-verify-db.ts';
import { DB_FILE } from '../store/store.ts';

export const DEFAULT_DATA_DIR = './data';

export function databaseOf(dir: string): string {
  const file = path.join(path.resolve(dir), DB_FILE);
  if (!existsSync(file)) throw new VigieError('USAGE', `${dir}: no ${DB_FILE} here (--data: the data folder of vigie serve)`);
  return file;
}

/** The key to check with: the auditor's --public-key, or the data folder's own key file. */
export function keyOf(dir: string, publicKeyFile: string | undefined): JournalPublicKey | undefined {
  if (publicKeyFile !== undefined) return readPublicKeyFile(publicKeyFile);
  const own = path.join(path.resolve(dir), SIGNING_KEY_FILE);
  return existsSync(own) ? readPublicKeyFile(own) : undefined;
}

function openReadOnly(file: string): Database.Database {
  try {
    return new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new VigieError('USAGE', `cannot open ${file}: ${errorMessage(err)}`, { cause: err });
  }
}

/** Verifies the journal of a data folder: the chain, and its checkpoints with the key. */
export function verifyDataDir(dir: string, publicKeyFile: string | undefined): { check: JournalCheck; key?: JournalPublicKey } {
  const file = databaseOf(dir);
  const key = keyOf(dir, publicKeyFile);
  if (!key) {
    const db = openReadOnly(file);
    const signed = readCheckpoints(db).length > 0;
    db.close();
    if (signed) throw new VigieError('USAGE', `${dir}: no ${SIGNING_KEY_FILE} to check the signed checkpoints with; pass --public-key FILE (the public key kept by the auditor)`);
    return { check: verifyDatabaseFile(file) };
  }
  return { check: verifyDatabaseFile(file, { key }), key };
}

/** A time for --since / --until: milliseconds since 1970 or an ISO 8601 date. */
export function parseTime(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) throw new VigieError('USAGE', `--${option}: not a time (milliseconds or an ISO 8601 date like 2026-03-01T00:00:00Z): "${text}"`);
  return ms;
}

/** Writes the export of a data folder's journal for [sinceMs, untilMs) to `out` (a file, or stdout). */
export async function exportDataDir(dir: string, format: ExportFormat, sinceMs: number | undefined, untilMs: number | undefined, out: string | undefined): Promise<void> {
  const db = openReadOnly(databaseOf(dir));
  try {
    db.exec('BEGIN'); // one snapshot: the records and the checkpoints that sign them
    const first = db.prepare<[number], { seq: number | null }>('SELECT MIN(seq) AS seq FROM journal WHERE at_ms >= ?').get(Math.round(sinceMs ?? 0))?.seq;
    const last = db.prepare<[number], { seq: number | null }>('SELECT MAX(seq) AS seq FROM journal WHERE at_ms < ?').get(Math.round(untilMs ?? Number.MAX_SAFE_INTEGER))?.seq;
    const page = db.prepare<[number, number, number], JournalRecord>('SELECT * FROM journal WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?');
    const range = first != null && last != null && first <= last ? { first, last } : undefined;
    const chunks = exportChunks({ records: (a, b, n) => page.all(a, b, n), checkpoints: () => readCheckpoints(db) }, range, format);
    await pipeline(Readable.from(chunks), out !== undefined ? createWriteStream(out) : process.stdout);
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
    db.close();
  }
}
