/**
 * Signed checkpoints of the journal (table journal_checkpoints, migration 9). Each is the exact JSON
 * text signed with the journal's Ed25519 key and its signature:
 * - `head`: the chain head (its seq and hash), signed every `every` entries (in the transaction of the
 *   entry that reaches the count), every minute when entries were written, and at a clean stop;
 * - `purge`: written by a retention purge in the same transaction: the last entry purged (seq, hash);
 *   the journal is kept from `from` = seq + 1, whose `prev` must be `fromPrev`;
 * - `start`: written when the key is created (first start of the store): the head at that moment and
 *   where the journal then began (entries older than the key are accepted as they were).
 * Every payload names the key's fingerprint, so that a replaced key is noticed.
 * Old heads are thinned: a head proves every entry before it, so within each stretch of
 * `every` × KEPT_PER_STRETCH entries only the first and the newest head are kept (a few per 10 000
 * entries, not one a minute for three years); the newest head is always kept.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { JournalSigner } from './journal-key.ts';

export type CheckpointKind = 'start' | 'head' | 'purge';

/** A head is signed at least this often (entries); the most a tamperer can remove unseen from the end. */
export const CHECKPOINT_EVERY = 100;
/** The server also signs the head this often when entries were written (vigie serve). */
export const CHECKPOINT_INTERVAL_MS = 60_000;
/** Old heads kept: the first and the newest of each stretch of `every` × this many entries. */
export const KEPT_PER_STRETCH = 100;

export const checkpointPayloadSchema = z.strictObject({
  v: z.literal(1),
  kind: z.enum(['start', 'head', 'purge']),
  /** The entry signed: the chain head, or for a purge the last entry purged. */
  seq: z.number().int().min(0),
  hash: z.string(),
  atMs: z.number().int(),
  /** Entries in the journal when signed (since the last purge point). */
  entries: z.number().int().min(0),
  /** The most entries written between two heads. */
  every: z.number().int().min(1),
  /** Fingerprint of the signing key. */
  key: z.string(),
  /** start and purge: the journal is kept from this entry on, and its prev is fromPrev. */
  from: z.number().int().min(1).optional(),
  fromPrev: z.string().optional(),
});

export type CheckpointPayload = z.infer<typeof checkpointPayloadSchema>;

/** A checkpoint as stored: the signed text and its signature (base64). */
export interface SignedCheckpoint {
  readonly payload: string;
  readonly signature: string;
}

export interface CheckpointTable {
  /** Signs and stores a checkpoint; returns its payload. */
  write(p: Omit<CheckpointPayload, 'v' | 'key'>): CheckpointPayload;
  /** Every checkpoint, oldest first. */
  all(): SignedCheckpoint[];
  /** The highest seq any checkpoint signs (0 when none). */
  maxSeq(): number;
  /** Deletes the checkpoints of entries up to seq (a purge: those entries are gone). */
  deleteUpTo(seq: number): void;
}

export const CHECKPOINTS_SQL = 'SELECT payload, signature FROM journal_checkpoints ORDER BY id';

export function createCheckpointTable(db: Database.Database, signer: JournalSigner): CheckpointTable {
  const insert = db.prepare<[string, number, number, string, string, string]>(
    'INSERT INTO journal_checkpoints (kind, seq, at_ms, key_fp, payload, signature) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const all = db.prepare<[], SignedCheckpoint>(CHECKPOINTS_SQL);
  const max = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM journal_checkpoints');
  const del = db.prepare<[number]>('DELETE FROM journal_checkpoints WHERE seq <= ?');
  const thin = db.prepare<{ from: number; seq: number }>(
    `DELETE FROM journal_checkpoints WHERE kind = 'head' AND seq >= @from AND seq < @seq
       AND seq > (SELECT MIN(seq) FROM journal_checkpoints WHERE kind = 'head' AND seq >= @from)`,
  );
  return {
    write(p) {
      // Key order fixed here: the text signed is the text stored.
      const payload: CheckpointPayload = { v: 1, kind: p.kind, seq: p.seq, hash: p.hash, atMs: Math.round(p.atMs), entries: p.entries, every: p.every, key: signer.fingerprint, ...(p.from !== undefined ? { from: p.from, fromPrev: p.fromPrev ?? '' } : {}) };
      const text = JSON.stringify(payload);
      insert.run(payload.kind, payload.seq, payload.atMs, payload.key, text, signer.sign(text));
      const stretch = payload.every * KEPT_PER_STRETCH;
      if (payload.kind === 'head') thin.run({ from: Math.floor(payload.seq / stretch) * stretch, seq: payload.seq });
      return payload;
    },
    all: () => all.all(),
    maxSeq: () => max.get()?.seq ?? 0,
    deleteUpTo: (seq) => void del.run(Math.trunc(seq)),
  };
}
