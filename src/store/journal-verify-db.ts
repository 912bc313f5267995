/**
 * The journal of a database file verified with its own read-only connection (the API's worker
 * thread, `vigie journal verify --data DIR`): the checkpoints and the entries are read in one read
 * transaction, so they are one consistent snapshot (WAL) while the server keeps writing.
 */
import Database from 'better-sqlite3';
import { createChainChecker, type JournalCheck, type JournalRecord } from './journal-chain.ts';
import { CHECKPOINTS_SQL, type SignedCheckpoint } from './journal-checkpoints.ts';
import type { JournalPublicKey } from './journal-key.ts';

export interface FileVerifyOptions {
  /** Checks the checkpoints with this key; without, only the chain. */
  readonly key?: JournalPublicKey;
  readonly newestSignedSeq?: number;
  /** Called after each record (the worker rests between chunks). */
  readonly onRecord?: (n: number) => void;
}

/** The checkpoints of a database (none before migration 9). */
export function readCheckpoints(db: Database.Database): SignedCheckpoint[] {
  const table = db.prepare("SELECT 1 AS one FROM sqlite_master WHERE type = 'table' AND name = 'journal_checkpoints'").get();
  return table ? db.prepare<[], SignedCheckpoint>(CHECKPOINTS_SQL).all() : [];
}

export function verifyDatabaseFile(file: string, opts: FileVerifyOptions = {}): JournalCheck {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.exec('BEGIN');
    const checker = createChainChecker(
      opts.key ? { signed: { checkpoints: readCheckpoints(db), key: opts.key }, ...(opts.newestSignedSeq !== undefined ? { newestSignedSeq: opts.newestSignedSeq } : {}) } : {},
    );
    let n = 0;
    for (const r of db.prepare<[], JournalRecord>('SELECT * FROM journal ORDER BY seq').iterate()) {
      if (checker.push(r)) break;
      opts.onRecord?.(++n);
    }
    return checker.result();
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
    db.close();
  }
}
