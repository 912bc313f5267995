/**
 * What makes the journal prove itself, checked record by record in order of seq (one pass, any
 * length, also in a worker or over an export):
 * - the chain: numbers follow each other (a deleted row is named: "entry 57 missing"), each entry's
 *   prev is the hash of the one before, each hash matches its content;
 * - with the signed checkpoints and the public key: every signature verifies with that key (and names
 *   it: a replaced key is noticed); every signed (seq, hash) still in the chain has that hash (a chain
 *   re-hashed after an edit no longer matches); the chain starts where the last signed start or purge
 *   record says (first entries removed), ends at or after the last signed entry (last entries
 *   removed), and no more than `every` entries follow the newest checkpoint (checkpoints deleted).
 */
import { createHash } from 'node:crypto';
import { checkpointPayloadSchema, type CheckpointPayload, type SignedCheckpoint } from './journal-checkpoints.ts';
import { signatureValid, type JournalPublicKey } from './journal-key.ts';

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

export type JournalCheck =
  | {
      readonly ok: true;
      readonly entries: number;
      /** Signed journals: the checkpoints checked, the newest entry they sign, the key's fingerprint. */
      readonly checkpoints?: number;
      readonly lastSignedSeq?: number;
      /** Entries written after the newest checkpoint (not yet signed). */
      readonly unsigned?: number;
      readonly key?: string;
    }
  | { readonly ok: false; readonly entries: number; readonly brokenAtSeq: number; readonly reason: string };

/** The hash of an entry: SHA-256 over the previous hash and the entry's own fields. */
export function entryHash(prev: string, seq: number, r: Pick<JournalRecord, 'at_ms' | 'actor' | 'action' | 'target' | 'details'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, seq, r.at_ms, r.actor, r.action, r.target, r.details]))
    .digest('hex');
}

export interface CheckOptions {
  /** The checkpoints and the key to check them with; without, only the chain is checked. */
  readonly signed?: { readonly checkpoints: readonly SignedCheckpoint[]; readonly key: JournalPublicKey };
  /** A piece of the chain (an export): no rule on where it starts or ends; only the checkpoints inside it. */
  readonly window?: boolean;
  /** The newest seq the running server signed (kept in memory): its checkpoint must be in the table. */
  readonly newestSignedSeq?: number;
}

/** A chain checked record by record: push() answers the failure at the first broken record. */
export interface ChainChecker {
  push(r: JournalRecord): JournalCheck | undefined;
  result(): JournalCheck;
}

const missing = (a: number, b: number): string => (a === b ? `entry ${a} missing` : `entries ${a}-${b} missing`);
const RECORD = { start: 'the start record', head: 'the checkpoint', purge: 'the purge record' } as const;
const when = (p: CheckpointPayload): string => `${RECORD[p.kind]} signed ${new Date(p.atMs).toISOString()}`;
const short = (fp: string): string => `${fp.slice(0, 16)}…`;

interface Plan {
  readonly heads: CheckpointPayload[];
  /** The start or purge record keeping the journal from the highest entry. */
  readonly boundary?: CheckpointPayload & { readonly from: number };
  readonly maxSeq: number;
  readonly every: number;
  readonly problem?: { readonly seq: number; readonly reason: string };
}

/** The checkpoints read and their signatures checked; the first bad one is the problem. */
function planOf(signed: NonNullable<CheckOptions['signed']>): Plan {
  const heads: CheckpointPayload[] = [];
  let boundary: Plan['boundary'];
  let problem: Plan['problem'];
  for (const c of signed.checkpoints) {
    let p: CheckpointPayload;
    try {
      p = checkpointPayloadSchema.parse(JSON.parse(c.payload));
    } catch {
      problem ??= { seq: 0, reason: 'a checkpoint is not one the server writes (edited)' };
      continue;
    }
    if (p.key !== signed.key.fingerprint) problem ??= { seq: p.seq, reason: `${when(p)} names the key ${short(p.key)}, not this journal's key ${short(signed.key.fingerprint)} (the key was replaced)` };
    else if (!signatureValid(signed.key, c.payload, c.signature)) problem ??= { seq: p.seq, reason: `the signature of ${when(p)} does not verify with the journal's key (forged or edited)` };
    heads.push(p);
    if (p.from !== undefined && (!boundary || p.from > boundary.from)) boundary = { ...p, from: p.from };
  }
  // The newest written (checkpoints come oldest first) says how often heads are signed.
  const every = heads.at(-1)?.every ?? 1;
  heads.sort((a, b) => a.seq - b.seq);
  return { heads, maxSeq: heads.at(-1)?.seq ?? 0, every, ...(boundary ? { boundary } : {}), ...(problem ? { problem } : {}) };
}

export function createChainChecker(opts: CheckOptions = {}): ChainChecker {
  const plan = opts.signed ? planOf(opts.signed) : undefined;
  const rules = plan && !opts.window;
  let entries = 0;
  let last: JournalRecord | undefined;
  let next = 0; // the first head not yet reached
  let failure: JournalCheck | undefined;
  const fail = (seq: number, reason: string): JournalCheck => (failure ??= { ok: false, entries, brokenAtSeq: seq, reason });
  if (plan?.problem) fail(plan.problem.seq, plan.problem.reason);
  else if (rules && !plan.boundary) fail(0, 'no signed start or purge record: the journal\'s checkpoints were deleted');

  const startOf = (r: JournalRecord): JournalCheck | undefined => {
    const b = plan?.boundary;
    if (!b || (opts.window && b.from !== r.seq)) return undefined;
    if (r.seq > b.from) return fail(b.from, `${missing(b.from, r.seq - 1)}: the chain starts at entry ${r.seq} but ${when(b)} keeps every entry from ${b.from} (the first entries were removed)`);
    if (r.seq === b.from && r.prev !== b.fromPrev) return fail(r.seq, `it does not follow the last entry purged as ${when(b)} says (the start of the chain was rewritten)`);
    return undefined;
  };
  const check = (r: JournalRecord): JournalCheck | undefined => {
    entries++;
    if (!last) {
      const bad = startOf(r);
      if (bad) return bad;
    } else if (r.seq !== last.seq + 1) return fail(last.seq + 1, `${missing(last.seq + 1, r.seq - 1)} (deleted)`);
    else if (r.prev !== last.hash) return fail(r.seq, 'it does not follow the entry before it (inserted or edited)');
    if (entryHash(r.prev, r.seq, r) !== r.hash) return fail(r.seq, 'its content does not match its hash (edited)');
    const heads = plan?.heads ?? [];
    while (next < heads.length && heads[next]!.seq <= r.seq) {
      const h = heads[next++]!;
      if (h.seq === r.seq && h.hash !== r.hash) return fail(r.seq, `its hash is not the one in ${when(h)}: the chain was rewritten (re-hashed) at or before this entry`);
    }
    last = r;
    return undefined;
  };
  const end = (): JournalCheck | undefined => {
    if (!plan || !rules) return undefined;
    const lastSeq = last?.seq ?? (plan.boundary ? plan.boundary.from - 1 : 0);
    const furthest = plan.heads.filter((h) => h.seq > lastSeq).at(-1);
    // A purge always keeps the newest entry, and journals it after its boundary.
    if (!last && plan.boundary?.kind === 'purge') return fail(plan.boundary.from, `no entry left after ${when(plan.boundary)}, which kept ${plan.boundary.entries} (the journal was emptied)`);
    if (furthest) return fail(lastSeq + 1, `${missing(lastSeq + 1, furthest.seq)}: the chain ends at entry ${lastSeq}, before entry ${furthest.seq} of ${when(furthest)} (the last entries were removed)`);
    if (opts.newestSignedSeq !== undefined && opts.newestSignedSeq > plan.maxSeq) {
      return fail(opts.newestSignedSeq, `this server signed entry ${opts.newestSignedSeq}, but no checkpoint in the database signs past entry ${plan.maxSeq} (checkpoints were deleted)`);
    }
    if (lastSeq - plan.maxSeq > plan.every) {
      return fail(plan.maxSeq + 1, `entries ${plan.maxSeq + 1}-${lastSeq} (${lastSeq - plan.maxSeq}) follow the newest checkpoint, but a head is signed at least every ${plan.every} entries (checkpoints were deleted)`);
    }
    return undefined;
  };
  const ok = (): JournalCheck => {
    if (!plan || !opts.signed) return { ok: true, entries };
    const lastSeq = last?.seq ?? 0;
    return { ok: true, entries, checkpoints: opts.signed.checkpoints.length, lastSignedSeq: plan.maxSeq, unsigned: Math.max(0, lastSeq - plan.maxSeq), key: opts.signed.key.fingerprint };
  };
  return {
    push: (r) => (failure ??= check(r)),
    result: () => failure ?? end() ?? ok(),
  };
}

/**
 * Checks records in order of seq. Without checkpoints the first record's prev is not checked
 * (retention deletes the oldest); with them, the signed start or purge record says where it starts.
 */
export function verifyChain(records: Iterable<JournalRecord>, opts: CheckOptions = {}): JournalCheck {
  const checker = createChainChecker(opts);
  for (const r of records) if (checker.push(r)) break;
  return checker.result();
}
