/**
 * Fencing of a worker cut off from the bus (pure state, no I/O). A worker keeps analysing its
 * cameras through a network cut and queues their alerts; meanwhile the others may see its leases
 * expire and take its cameras over. Without a fence, the cut-off worker would publish, once back,
 * the alerts it raised after the takeover: the same events the new holder raised too.
 *
 * A message of a camera is stamped with its creation time (`atMs`, this worker's clock). The
 * worker's lease is surely its own until `safeUntilMs`: the send time of its last write of the
 * lease that succeeded (a CAS renewal or a claim) plus the lease's life. Another worker measures a
 * lease's staleness from when it saw it change, which is after it was written, so it cannot claim
 * it before then. A message created before `safeUntilMs` is sent; one created later is held until
 * the lease's fate is known:
 * - a later write of the lease succeeds (a CAS on the revision this worker wrote last proves nobody
 *   wrote in between): the lease was never lost, everything held is sent;
 * - another worker holds the lease: the camera is stopped and what was created from the takeover on
 *   (the holder's `sinceMs`, never earlier than `safeUntilMs`) is dropped; what was created before
 *   is sent (this worker alone saw it);
 * - a claim succeeds on a revision this worker did not write (another held the lease in between,
 *   since an unknown time): what was created between `safeUntilMs` and that claim is dropped.
 */

export type FenceDecision = 'send' | 'hold' | 'drop';

/** How many past takeovers of one key are remembered (older ones concern no message still queued). */
const MAX_INTERVALS = 8;

export interface LeaseFence {
  /**
   * This worker's write of the lease `key` succeeded: sent at `sentAtMs`, now at `revision`, a CAS
   * on `onRevision` (undefined: a create).
   */
  held(key: string, sentAtMs: number, revision: number, onRevision: number | undefined): void;
  /** Another worker holds the lease since `sinceMs` (its clock; undefined: unknown). Returns the time from which messages are dropped. */
  lost(key: string, sinceMs: number | undefined): number;
  /** Until when the lease is surely this worker's (undefined: never held). */
  safeUntil(key: string): number | undefined;
  /** What to do now with a message of `key` created at `atMs`. */
  decide(key: string, atMs: number): FenceDecision;
}

interface KeyState {
  revision: number;
  safeUntilMs: number;
  /** Set once the lease is known lost: messages from then on are dropped. */
  lostFromMs?: number;
  /** Closed spans [from, to) when another worker held the lease. */
  foreign: [number, number][];
}

export function createLeaseFence(opts: { readonly ttlMs: number }): LeaseFence {
  const keys = new Map<string, KeyState>();
  const remember = (s: KeyState, from: number, to: number): void => {
    if (to <= from) return;
    s.foreign.push([from, to]);
    if (s.foreign.length > MAX_INTERVALS) s.foreign.shift();
  };
  return {
    held(key, sentAtMs, revision, onRevision) {
      const s = keys.get(key);
      if (!s) {
        keys.set(key, { revision, safeUntilMs: sentAtMs + opts.ttlMs, foreign: [] });
        return;
      }
      if (s.lostFromMs !== undefined) remember(s, s.lostFromMs, sentAtMs);
      else if (onRevision !== s.revision) remember(s, s.safeUntilMs, sentAtMs);
      delete s.lostFromMs;
      s.revision = revision;
      s.safeUntilMs = Math.max(s.safeUntilMs, sentAtMs + opts.ttlMs);
    },
    lost(key, sinceMs) {
      const s = keys.get(key);
      if (!s) return sinceMs ?? Number.NEGATIVE_INFINITY;
      const from = Math.max(s.safeUntilMs, sinceMs ?? s.safeUntilMs);
      s.lostFromMs = Math.min(s.lostFromMs ?? from, from);
      return s.lostFromMs;
    },
    safeUntil: (key) => keys.get(key)?.safeUntilMs,
    decide(key, atMs) {
      const s = keys.get(key);
      if (!s) return 'send';
      if (s.foreign.some(([from, to]) => atMs >= from && atMs < to)) return 'drop';
      if (s.lostFromMs !== undefined) return atMs < s.lostFromMs ? 'send' : 'drop';
      return atMs < s.safeUntilMs ? 'send' : 'hold';
    },
  };
}
