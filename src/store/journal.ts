/**
 * The journal: every access and decision, append-only, for auditors. Each entry says who (the
 * account, or none for the system), what (an action name), on what (a target: an alert id, a
 * camera, a path) and when, with small details; never anything about the people filmed. Entries are
 * chained: each stores the hash of the one before and its own SHA-256 over both, so an edited,
 * inserted or deleted entry breaks the chain, which verify() finds. Retention deletes the oldest
 * entries; the chain is then checked from the first one kept.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { errorMessage } from '../core/errors.ts';

export interface JournalInput {
  readonly atMs: number;
  /** The account; undefined for the system (retention, alerts raised). */
  readonly actor?: string;
  readonly action: string;
  readonly target?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface JournalEntry extends JournalInput {
  readonly seq: number;
  readonly hash: string;
}

export interface JournalQuery {
  readonly sinceMs?: number;
  readonly untilMs?: number;
  readonly actor?: string;
  /** Exact action, or a prefix ending with '.', ' ' or '/' ("login.", "GET ", "GET /api/alerts/:id/"). */
  readonly action?: string;
  /** Entries older than this sequence number (paging backwards). */
  readonly beforeSeq?: number;
  readonly limit?: number;
}

export type JournalCheck =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly entries: number; readonly brokenAtSeq: number; readonly reason: string };

/**
 * An entry exactly as stored and hashed: the export format (one JSON object a line). `details` is
 * the JSON text that was hashed. hash = SHA-256 hex of JSON.stringify([prev, seq, at_ms, actor,
 * action, target, details]), prev = the hash of the entry before ('' for the first ever).
 */
export interface JournalRecord {
  readonly seq: number;
  readonly at_ms: number;
  readonly actor: string | null;
  readonly action: string;
  readonly target: string | null;
  readonly details: string | null;
  readonly prev: string;
  readonly hash: string;
}

export interface Journal {
  append(e: JournalInput): JournalEntry;
  /** The newest first. */
  list(q?: JournalQuery): JournalEntry[];
  verify(): JournalCheck;
  /**
   * The sequence numbers of the first entry at or after sinceMs and the last before untilMs: an export
   * takes every entry between them, so that it is a whole piece of the chain even where clocks of
   * different writers interleave. Undefined when nothing is in the window.
   */
  seqRange(sinceMs?: number, untilMs?: number): { readonly first: number; readonly last: number } | undefined;
  /** Records with afterSeq < seq <= lastSeq in order, at most `limit`: the export, page by page. */
  records(afterSeq: number, lastSeq: number, limit: number): JournalRecord[];
  /** Deletes the entries older than cutoffMs; returns how many. */
  purgeBefore(cutoffMs: number): number;
}

type Row = JournalRecord;

/** The hash of an entry: SHA-256 over the previous hash and the entry's own fields. */
export function entryHash(prev: string, seq: number, r: Pick<Row, 'at_ms' | 'actor' | 'action' | 'target' | 'details'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, seq, r.at_ms, r.actor, r.action, r.target, r.details]))
    .digest('hex');
}

/** A chain checked record by record: push() answers the failure at the first broken record. */
export interface ChainChecker {
  push(r: JournalRecord): JournalCheck | undefined;
  result(): JournalCheck;
}

export function createChainChecker(): ChainChecker {
  let entries = 0;
  let prevHash: string | undefined;
  let failure: JournalCheck | undefined;
  const check = (r: JournalRecord): JournalCheck | undefined => {
    entries++;
    if (prevHash !== undefined && r.prev !== prevHash) return { ok: false, entries, brokenAtSeq: r.seq, reason: 'does not follow the entry before it (one was inserted or deleted)' };
    if (entryHash(r.prev, r.seq, r) !== r.hash) return { ok: false, entries, brokenAtSeq: r.seq, reason: 'its content does not match its hash (edited)' };
    prevHash = r.hash;
    return undefined;
  };
  return {
    push: (r) => (failure ??= check(r)),
    result: () => failure ?? { ok: true, entries },
  };
}

/**
 * Checks a chain of records in order: each follows the one before (its prev is that hash) and its
 * hash matches its content. The first record's prev is not checked (retention deletes the oldest).
 */
export function verifyChain(records: Iterable<JournalRecord>): JournalCheck {
  const checker = createChainChecker();
  for (const r of records) if (checker.push(r)) break;
  return checker.result();
}

/** Records hashed per chunk of verifyInChunks: a few milliseconds of work between two yields. */
export const VERIFY_CHUNK = 1000;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * verify() in chunks of `chunk` records, yielding to the event loop between chunks so that a long
 * chain (hundreds of thousands of entries) never blocks the server's other requests. Checks the
 * entries present when it starts; entries purged meanwhile are skipped from where it stands.
 */
export async function verifyInChunks(
  journal: Pick<Journal, 'seqRange' | 'records'>,
  chunk = VERIFY_CHUNK,
  pause: () => Promise<void> = yieldToLoop,
): Promise<JournalCheck> {
  const range = journal.seqRange();
  const checker = createChainChecker();
  if (!range) return checker.result();
  let after = range.first - 1;
  for (;;) {
    const page = journal.records(after, range.last, chunk);
    if (page.length === 0) return checker.result();
    for (const r of page) if (checker.push(r)) return checker.result();
    after = page.at(-1)!.seq;
    await pause();
  }
}

const fromRow = (r: Row): JournalEntry => ({
  seq: r.seq,
  atMs: r.at_ms,
  action: r.action,
  hash: r.hash,
  ...(r.actor !== null ? { actor: r.actor } : {}),
  ...(r.target !== null ? { target: r.target } : {}),
  ...(r.details !== null ? { details: JSON.parse(r.details) as Record<string, unknown> } : {}),
});

export const MAX_JOURNAL_PAGE = 1000;

/**
 * An append that never throws, for every place that journals: an entry that cannot be written is
 * reported through `onError` and the caller goes on (an operator must not lose the alert queue, nor
 * a camera its analysis, because the disk is full).
 */
export function journalWriter(journal: Pick<Journal, 'append'>, onError: (message: string) => void): (e: JournalInput) => void {
  return (e) => {
    try {
      journal.append(e);
    } catch (err) {
      onError(`journal: cannot record ${e.action}${e.actor ? ` of ${e.actor}` : ''}: ${errorMessage(err)}`);
    }
  };
}

export function createJournal(db: Database.Database): Journal {
  const last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare<[number, number, string | null, string, string | null, string | null, string, string]>(
    'INSERT INTO journal (seq, at_ms, actor, action, target, details, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const seqBase = db.prepare<[], { seq: number | null }>("SELECT seq FROM sqlite_sequence WHERE name = 'journal'");
  const append = db.transaction((e: JournalInput): JournalEntry => {
    const prev = last.get();
    // AUTOINCREMENT never reuses a number, even after the newest entries were purged.
    const seq = Math.max(prev?.seq ?? 0, seqBase.get()?.seq ?? 0) + 1;
    const row = { at_ms: Math.round(e.atMs), actor: e.actor ?? null, action: e.action, target: e.target ?? null, details: e.details ? JSON.stringify(e.details) : null };
    const prevHash = prev?.hash ?? '';
    const hash = entryHash(prevHash, seq, row);
    insert.run(seq, row.at_ms, row.actor, row.action, row.target, row.details, prevHash, hash);
    return { ...e, atMs: row.at_ms, seq, hash };
  });
  const all = db.prepare<[], Row>('SELECT * FROM journal ORDER BY seq');
  const purge = db.prepare<[number]>('DELETE FROM journal WHERE at_ms < ?');
  // One statement per combination of filters (at most 2^5), prepared once.
  const listStatements = new Map<string, Database.Statement<(string | number)[], Row>>();
  const page = db.prepare<[number, number, number], Row>('SELECT * FROM journal WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?');
  const firstSeq = db.prepare<[number], { seq: number | null }>('SELECT MIN(seq) AS seq FROM journal WHERE at_ms >= ?');
  const lastSeq = db.prepare<[number], { seq: number | null }>('SELECT MAX(seq) AS seq FROM journal WHERE at_ms < ?');
  return {
    append: (e) => append(e),
    list(q = {}) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      const add = (sql: string, ...values: (string | number)[]): void => {
        where.push(sql);
        params.push(...values);
      };
      if (q.sinceMs !== undefined) add('at_ms >= ?', Math.round(q.sinceMs));
      if (q.untilMs !== undefined) add('at_ms < ?', Math.round(q.untilMs));
      if (q.actor !== undefined) add('actor = ?', q.actor);
      if (q.action !== undefined && (q.action.endsWith('.') || q.action.endsWith(' ') || q.action.endsWith('/'))) add('substr(action, 1, ?) = ?', q.action.length, q.action);
      else if (q.action !== undefined) add('action = ?', q.action);
      if (q.beforeSeq !== undefined) add('seq < ?', Math.trunc(q.beforeSeq));
      const limit = Math.max(1, Math.min(MAX_JOURNAL_PAGE, Math.trunc(q.limit ?? 200)));
      const sql = `SELECT * FROM journal ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
      let stmt = listStatements.get(sql);
      if (!stmt) {
        stmt = db.prepare<(string | number)[], Row>(sql);
        listStatements.set(sql, stmt);
      }
      return stmt.all(...params, limit).map(fromRow);
    },
    verify: () => verifyChain(all.iterate()),
    seqRange(sinceMs = 0, untilMs = Number.MAX_SAFE_INTEGER) {
      const first = firstSeq.get(Math.round(sinceMs))?.seq;
      const last = lastSeq.get(Math.round(untilMs))?.seq;
      return first != null && last != null && first <= last ? { first, last } : undefined;
    },
    records: (afterSeq, last, limit) => page.all(Math.trunc(afterSeq), Math.trunc(last), Math.max(1, Math.trunc(limit))),
    purgeBefore: (cutoffMs) => purge.run(Math.round(cutoffMs)).changes,
  };
}
