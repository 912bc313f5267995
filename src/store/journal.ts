/**
 * The journal: every access and decision, append-only, for auditors. Each entry says who (the
 * account, or none for the system), what (an action name), on what (a target: an alert id, a
 * camera, a path) and when, with small details; never anything about the people filmed. Entries are
 * numbered and chained: each stores the hash of the one before and its own SHA-256 over both, so an
 * edited, inserted or deleted entry breaks the chain, which verify() finds (journal-chain.ts).
 * With a signer (the store's Ed25519 key), the chain head is signed every `every` entries and on
 * checkpoint() (journal-checkpoints.ts), and a retention purge, which deletes the oldest entries and
 * always keeps the newest, leaves a signed boundary: removing the first or last entries, or re-hashing
 * the whole chain after an edit, is then found too.
 */
import type Database from 'better-sqlite3';
import { errorMessage } from '../core/errors.ts';
import { createChainChecker, entryHash, verifyChain, type CheckOptions, type JournalCheck, type JournalRecord } from './journal-chain.ts';
import { CHECKPOINT_EVERY, CHECKPOINTS_SQL, createCheckpointTable, type CheckpointPayload, type SignedCheckpoint } from './journal-checkpoints.ts';
import type { JournalPublicKey, JournalSigner } from './journal-key.ts';

export { createChainChecker, entryHash, verifyChain, type CheckOptions, type JournalCheck, type JournalRecord } from './journal-chain.ts';

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
  /**
   * Deletes the oldest entries, up to the first one at or after cutoffMs (a prefix of the chain, so
   * no hole is left; the newest entry is always kept); signed journals keep a signed boundary.
   * Returns how many were deleted.
   */
  purgeBefore(cutoffMs: number, nowMs?: number): number;
  /** Signs the chain head if entries were written since the newest checkpoint; undefined when not (or unsigned). */
  checkpoint(atMs?: number): CheckpointPayload | undefined;
  /** Every checkpoint, oldest first (none when unsigned). */
  checkpoints(): SignedCheckpoint[];
  /** The public key and the newest entry this process signed; undefined for an unsigned journal. */
  signing(): { readonly key: JournalPublicKey; readonly newestSignedSeq?: number } | undefined;
}

export interface JournalOptions {
  /** Signs checkpoints (the store's key); without, only the chain proves anything. */
  readonly signer?: JournalSigner;
  /** A head is signed every this many entries (default CHECKPOINT_EVERY). */
  readonly every?: number;
}

/** What verify() needs besides the records: the checkpoints and the key, when signed. */
export function checkOptionsOf(journal: Pick<Journal, 'signing' | 'checkpoints'>): CheckOptions {
  const signing = journal.signing();
  if (!signing) return {};
  return { signed: { checkpoints: journal.checkpoints(), key: signing.key }, ...(signing.newestSignedSeq !== undefined ? { newestSignedSeq: signing.newestSignedSeq } : {}) };
}

type Row = JournalRecord;

/** Records hashed per chunk of verifyInChunks: a few milliseconds of work between two yields. */
export const VERIFY_CHUNK = 1000;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * verify() in chunks of `chunk` records, yielding to the event loop between chunks so that a long
 * chain (hundreds of thousands of entries) never blocks the server's other requests. Checks the
 * entries present when it starts; entries purged meanwhile are skipped from where it stands.
 */
export async function verifyInChunks(
  journal: Pick<Journal, 'seqRange' | 'records' | 'signing' | 'checkpoints'>,
  chunk = VERIFY_CHUNK,
  pause: () => Promise<void> = yieldToLoop,
): Promise<JournalCheck> {
  const range = journal.seqRange();
  const checker = createChainChecker(checkOptionsOf(journal));
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

export function createJournal(db: Database.Database, opts: JournalOptions = {}): Journal {
  const every = Math.max(1, Math.trunc(opts.every ?? CHECKPOINT_EVERY));
  const signer = opts.signer;
  const table = signer ? createCheckpointTable(db, signer) : undefined;
  let newestSignedSeq: number | undefined;
  const last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
  const first = db.prepare<[], { seq: number; prev: string }>('SELECT seq, prev FROM journal ORDER BY seq LIMIT 1');
  const insert = db.prepare<[number, number, string | null, string, string | null, string | null, string, string]>(
    'INSERT INTO journal (seq, at_ms, actor, action, target, details, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const seqBase = db.prepare<[], { seq: number | null }>("SELECT seq FROM sqlite_sequence WHERE name = 'journal'");
  /** Signs the head (or a start/purge record) inside the caller's transaction. */
  const sign = (p: Omit<CheckpointPayload, 'v' | 'key' | 'every' | 'entries'>): CheckpointPayload | undefined => {
    if (!table) return undefined;
    const from = first.get()?.seq;
    const entries = from !== undefined ? Math.max(0, (last.get()?.seq ?? 0) - from + 1) : 0;
    return table.write({ ...p, entries, every });
  };
  const appendTx = db.transaction((e: JournalInput): { entry: JournalEntry; signed?: CheckpointPayload } => {
    const prev = last.get();
    // AUTOINCREMENT never reuses a number, even after the newest entries were purged.
    const seq = Math.max(prev?.seq ?? 0, seqBase.get()?.seq ?? 0) + 1;
    const row = { at_ms: Math.round(e.atMs), actor: e.actor ?? null, action: e.action, target: e.target ?? null, details: e.details ? JSON.stringify(e.details) : null };
    const prevHash = prev?.hash ?? '';
    const hash = entryHash(prevHash, seq, row);
    insert.run(seq, row.at_ms, row.actor, row.action, row.target, row.details, prevHash, hash);
    const signed = table && seq - table.maxSeq() >= every ? sign({ kind: 'head', seq, hash, atMs: Date.now() }) : undefined;
    return { entry: { ...e, atMs: row.at_ms, seq, hash }, ...(signed ? { signed } : {}) };
  });
  const signedNow = <T extends { signed?: CheckpointPayload }>(r: T): T => {
    if (r.signed) newestSignedSeq = Math.max(newestSignedSeq ?? 0, r.signed.seq);
    return r;
  };
  const checkpointTx = db.transaction((atMs: number): { signed?: CheckpointPayload } => {
    const head = last.get();
    if (!table || !head || head.seq <= table.maxSeq()) return {};
    const signed = sign({ kind: 'head', seq: head.seq, hash: head.hash, atMs });
    return signed ? { signed } : {};
  });
  // The first start of a signed journal: the head as it is, and where the journal begins (entries
  // older than the key are taken as they are).
  const startTx = db.transaction((atMs: number): { signed?: CheckpointPayload } => {
    const head = last.get();
    const start = first.get();
    const nextSeq = (seqBase.get()?.seq ?? 0) + 1;
    const signed = sign({ kind: 'start', seq: head?.seq ?? nextSeq - 1, hash: head?.hash ?? '', atMs, from: start?.seq ?? nextSeq, fromPrev: start?.prev ?? '' });
    return signed ? { signed } : {};
  });
  const lastPurged = db.prepare<[number], { seq: number; hash: string }>('SELECT seq, hash FROM journal WHERE seq <= ? ORDER BY seq DESC LIMIT 1');
  const keptFrom = db.prepare<[number], { seq: number | null }>('SELECT MIN(seq) AS seq FROM journal WHERE at_ms >= ?');
  const purge = db.prepare<[number]>('DELETE FROM journal WHERE seq <= ?');
  const purgeTx = db.transaction((cutoffMs: number, nowMs: number): number => {
    const head = last.get();
    if (!head) return 0;
    const upTo = Math.min((keptFrom.get(Math.round(cutoffMs))?.seq ?? head.seq) - 1, head.seq - 1);
    const end = lastPurged.get(upTo);
    if (!end) return 0;
    const deleted = purge.run(end.seq).changes;
    table?.deleteUpTo(end.seq);
    signedNow({ signed: sign({ kind: 'purge', seq: end.seq, hash: end.hash, atMs: nowMs, from: end.seq + 1, fromPrev: end.hash }) });
    return deleted;
  });
  if (signer?.created) signedNow(startTx(Date.now()));
  const all = db.prepare<[], Row>('SELECT * FROM journal ORDER BY seq');
  const readCheckpoints = db.prepare<[], SignedCheckpoint>(CHECKPOINTS_SQL);
  // One statement per combination of filters (at most 2^5), prepared once.
  const listStatements = new Map<string, Database.Statement<(string | number)[], Row>>();
  const page = db.prepare<[number, number, number], Row>('SELECT * FROM journal WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?');
  const firstSeq = db.prepare<[number], { seq: number | null }>('SELECT MIN(seq) AS seq FROM journal WHERE at_ms >= ?');
  const lastSeq = db.prepare<[number], { seq: number | null }>('SELECT MAX(seq) AS seq FROM journal WHERE at_ms < ?');
  const journal: Journal = {
    append: (e) => signedNow(appendTx(e)).entry,
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
    verify: () => verifyChain(all.iterate(), checkOptionsOf(journal)),
    seqRange(sinceMs = 0, untilMs = Number.MAX_SAFE_INTEGER) {
      const from = firstSeq.get(Math.round(sinceMs))?.seq;
      const to = lastSeq.get(Math.round(untilMs))?.seq;
      return from != null && to != null && from <= to ? { first: from, last: to } : undefined;
    },
    records: (afterSeq, to, limit) => page.all(Math.trunc(afterSeq), Math.trunc(to), Math.max(1, Math.trunc(limit))),
    purgeBefore: (cutoffMs, nowMs = Date.now()) => purgeTx(cutoffMs, nowMs),
    checkpoint: (atMs = Date.now()) => signedNow(checkpointTx(Math.round(atMs))).signed,
    checkpoints: () => (table ? readCheckpoints.all() : []),
    signing: () => (signer ? { key: signer, ...(newestSignedSeq !== undefined ? { newestSignedSeq } : {}) } : undefined),
  };
  return journal;
}
