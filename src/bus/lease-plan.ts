/**
 * What a worker does with the camera leases at one scan, as a pure function of what it sees: renew
 * its leases, claim free or expired ones (KV create, or a CAS update on the revision it saw: one
 * worker wins), stop the cameras it lost, release what it holds beyond its fair share.
 *
 * Staleness is measured on this worker's own clock, from when it saw a key's revision change, and
 * only while connected (the caller resets every lastChangeSeenMs to now after a reconnect, so a
 * nats-server restart never makes every lease look expired).
 */
import { createHash } from 'node:crypto';
import { LEASE_TTL_MS, RENEW_MS } from './protocol.ts';

export interface LeaseSeen {
  /** The holder; undefined once the lease was deleted (the key is free). */
  readonly workerId?: string;
  /** The holder's own sinceMs, as written in the lease (its clock). */
  readonly sinceMs?: number;
  readonly revision: number;
  /** When this worker last saw the key's revision change (its own clock). */
  readonly lastChangeSeenMs: number;
}

export interface LeasePlanInput {
  readonly me: string;
  readonly nowMs: number;
  /** When this worker started: it claims nothing during its first RENEW_MS (it sees the others first). */
  readonly startedAtMs: number;
  /** Since when this worker watches (start or last reconnect): a key never seen has been free since then. */
  readonly watchingSinceMs: number;
  /** Camera keys assigned by the console (KV vigie-cameras). */
  readonly wanted: readonly string[];
  readonly leases: ReadonlyMap<string, LeaseSeen>;
  /** Workers whose heartbeat is not stale (same rule as leases). */
  readonly liveWorkers: readonly string[];
  /** Cameras this worker runs now. */
  readonly running: readonly string[];
  /** Keys this worker released lately: not claimed back at once (the release was for another worker). */
  readonly recentlyReleased?: ReadonlySet<string>;
}

export type LeaseAction =
  /** My lease, due: CAS update on `revision`. */
  | { readonly kind: 'renew'; readonly key: string; readonly revision: number }
  /** Take the lease: create when `revision` is undefined, else CAS update on it; start the camera on success. */
  | { readonly kind: 'claim'; readonly key: string; readonly revision?: number }
  /** The lease is another's: stop the camera now, leave the lease alone. */
  | { readonly kind: 'stop'; readonly key: string; readonly reason: string }
  /** Stop the camera (if running) and delete my lease (CAS on `revision`). */
  | { readonly kind: 'release'; readonly key: string; readonly revision: number; readonly reason: string };

/**
 * Claims of free cameras and balance releases at most per scan: a worker never starts (or hands
 * over) hundreds of cameras at once (each start spawns a decoder), nor floods the bus with KV writes
 * when it joins a site of thousands of cameras; the rest follows at the next scans (1 s apart). A
 * dead worker's cameras (expired leases) are not capped: their takeover is due within 10 s.
 */
export const MOVES_PER_SCAN = 50;

const stale = (l: LeaseSeen, nowMs: number): boolean => nowMs - l.lastChangeSeenMs >= LEASE_TTL_MS;

/** Rendezvous order: each worker prefers different keys, so two workers claiming at once rarely collide. */
export function preference(me: string, key: string): number {
  return createHash('sha256').update(`${me}\u0000${key}`).digest().readUInt32BE(0);
}

export function planLeases(input: LeasePlanInput): LeaseAction[] {
  const { me, nowMs } = input;
  const wanted = new Set(input.wanted);
  const running = new Set(input.running);
  const actions: LeaseAction[] = [];
  const handled = new Set<string>();

  // My leases and my cameras: keep, renew, adopt, stop or release.
  for (const [key, lease] of input.leases) {
    if (lease.workerId !== me) continue;
    handled.add(key);
    if (!wanted.has(key)) actions.push({ kind: 'release', key, revision: lease.revision, reason: 'no longer assigned' });
    else if (!running.has(key)) actions.push({ kind: 'claim', key, revision: lease.revision });
    else if (nowMs - lease.lastChangeSeenMs >= RENEW_MS) actions.push({ kind: 'renew', key, revision: lease.revision });
  }
  for (const key of running) {
    if (handled.has(key)) continue;
    handled.add(key);
    const lease = input.leases.get(key);
    if (!wanted.has(key)) actions.push({ kind: 'stop', key, reason: 'no longer assigned' });
    else if (lease?.workerId !== undefined) actions.push({ kind: 'stop', key, reason: `lease taken by ${lease.workerId}` });
    else actions.push({ kind: 'claim', key, ...(lease ? { revision: lease.revision } : {}) });
  }

  // Who is alive and how many cameras each holds (fresh leases on assigned keys).
  const counts = new Map<string, number>();
  const staleHolders = new Set<string>();
  for (const [key, lease] of input.leases) {
    if (lease.workerId === undefined || !wanted.has(key)) continue;
    if (lease.workerId !== me && stale(lease, nowMs)) staleHolders.add(lease.workerId);
    else counts.set(lease.workerId, (counts.get(lease.workerId) ?? 0) + 1);
  }
  const live = new Set([...input.liveWorkers, ...counts.keys()].filter((w) => !staleHolders.has(w)));
  live.add(me);
  const total = wanted.size;
  const ceil = Math.ceil(total / live.size);
  const floor = Math.floor(total / live.size);
  const countOf = (w: string): number => counts.get(w) ?? 0;
  let mine = countOf(me);


  // Free or expired leases.
  const candidates: { key: string; revision?: number; freeForMs: number; takeover?: true }[] = [];
  for (const key of wanted) {
    if (handled.has(key) || input.recentlyReleased?.has(key)) continue;
    const lease = input.leases.get(key);
    if (!lease) candidates.push({ key, freeForMs: nowMs - input.watchingSinceMs });
    else if (lease.workerId === undefined) candidates.push({ key, revision: lease.revision, freeForMs: nowMs - lease.lastChangeSeenMs });
    else if (stale(lease, nowMs)) candidates.push({ key, revision: lease.revision, freeForMs: nowMs - lease.lastChangeSeenMs - LEASE_TTL_MS, takeover: true });
  }

  // Balance, once every camera is held: while another live worker holds fewer than the fair share
  // (floor first, then ceil), each worker above it gives back its part of that deficit at once (the
  // least preferred of its cameras), never going under the share itself; the workers under it claim
  // them. With thousands of cameras and workers started one after the other, the first ones hold far
  // more than their share: the cameras spread in a few scans, not one camera per scan.
  if (candidates.length === 0) {
    const others = [...live].filter((w) => w !== me);
    const deficit = (limit: number): number => others.reduce((sum, w) => sum + Math.max(0, limit - countOf(w)), 0);
    const over = (limit: number): number => [...live].filter((w) => countOf(w) > limit).length;
    const limit = mine > floor && deficit(floor) > 0 ? floor : mine > ceil && deficit(ceil) > 0 ? ceil : undefined;
    if (limit === undefined) return actions;
    const give = Math.min(mine - limit, Math.ceil(deficit(limit) / over(limit)), MOVES_PER_SCAN);
    const busy = new Set(actions.filter((a) => a.kind !== 'renew').map((a) => a.key));
    const held = [...input.leases].filter(([k, l]) => l.workerId === me && wanted.has(k) && running.has(k) && !busy.has(k));
    const victims = held.sort(([a], [b]) => preference(me, a) - preference(me, b)).slice(0, give);
    const released = new Set(victims.map(([k]) => k));
    const kept = actions.filter((a) => !released.has(a.key));
    for (const [key, lease] of victims) kept.push({ kind: 'release', key, revision: lease.revision, reason: `balance: ${mine} camera(s) here, fair share ${limit === ceil ? ceil : `${floor}-${ceil}`}` });
    return kept;
  }

  // Claims, after the start delay, up to the fair share (beyond it only for a key left free for a
  // whole LEASE_TTL_MS: nobody else is taking it).
  if (nowMs - input.startedAtMs < RENEW_MS) return actions;
  candidates.sort((a, b) => preference(me, b.key) - preference(me, a.key) || a.key.localeCompare(b.key));
  let freeClaims = 0;
  for (const c of candidates) {
    if (!c.takeover && freeClaims >= MOVES_PER_SCAN) continue;
    if (mine >= ceil && c.freeForMs < LEASE_TTL_MS) continue;
    if (!c.takeover) freeClaims += 1;
    actions.push({ kind: 'claim', key: c.key, ...(c.revision !== undefined ? { revision: c.revision } : {}) });
    mine += 1;
  }
  return actions;
}
