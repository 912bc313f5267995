/**
 * A worker's writes to vigie-leases: renew, claim (create, or CAS update on the revision seen) and
 * release (CAS delete). A CAS refused is a race lost, not an error: another worker wrote first and
 * its entry is on the way through the watch. What this worker writes is noted in its view at once,
 * and each write that succeeded is reported to the lease fence (`onHeld`, lease-fence.ts).
 */
import type { KV } from '@nats-io/kv';
import { errorMessage } from '../core/errors.ts';
import type { Logger } from '../server/log.ts';
import type { Lease } from './protocol.ts';
import { readLease, type BusView } from './worker-watch.ts';

/** A renewal stuck (JetStream not ready yet after a restart) is given up soon and tried at the next scan. */
const RENEW_TIMEOUT_MS = 1_000;
const CAS_REFUSED = /wrong last sequence|key exists|10071/i;

export interface LeaseWriter {
  renew(key: string, revision: number): Promise<void>;
  /** True when this worker now holds the lease. */
  claim(key: string, revision: number | undefined): Promise<boolean>;
  release(key: string, revision: number): Promise<void>;
  /** The lease was lost to another worker: a later claim is a new tenure (a new sinceMs). */
  forget(key: string): void;
}

export interface LeaseWriterOptions {
  readonly kv: KV;
  readonly workerId: string;
  readonly view: BusView;
  readonly logger: Logger;
  readonly connected: () => boolean;
  /** A write of this worker's lease succeeded: sent at `sentAtMs`, now at `revision`, a CAS on `onRevision` (undefined: a create). */
  readonly onHeld?: (key: string, sentAtMs: number, revision: number, onRevision: number | undefined) => void;
}

export function createLeaseWriter(opts: LeaseWriterOptions): LeaseWriter {
  const { kv, workerId, view } = opts;
  const since = new Map<string, number>();
  const value = (key: string): Uint8Array => {
    const lease: Lease = { workerId, sinceMs: since.get(key) ?? Date.now() };
    return new TextEncoder().encode(JSON.stringify(lease));
  };
  const noteMine = (key: string, revision: number): void => {
    const sinceMs = since.get(key);
    view.noteLease(key, { workerId, ...(sinceMs !== undefined ? { sinceMs } : {}), revision, lastChangeSeenMs: Date.now() });
  };
  const failed = (what: string, key: string, err: unknown): boolean => {
    const lost = CAS_REFUSED.test(errorMessage(err));
    if (!lost && opts.connected()) opts.logger.error(`worker ${workerId}: ${what} of lease ${key} failed: ${errorMessage(err)}`);
    return lost;
  };
  /** Reads the lease again after a refused renewal: the view then shows who holds it. */
  const refresh = async (key: string): Promise<void> => {
    const e = await kv.get(key).catch((err: unknown) => void opts.logger.error(`worker ${workerId}: lease ${key} not read: ${errorMessage(err)}`));
    if (!e) return;
    view.noteLease(key, { ...readLease(e).holder, revision: e.revision, lastChangeSeenMs: Date.now() });
  };
  return {
    async renew(key, revision) {
      const sentAtMs = Date.now();
      try {
        const written = await kv.update(key, value(key), revision, RENEW_TIMEOUT_MS);
        noteMine(key, written);
        opts.onHeld?.(key, sentAtMs, written, revision);
      } catch (err) {
        if (failed('renewal', key, err)) await refresh(key);
      }
    },
    async claim(key, revision) {
      const fresh = !since.has(key);
      if (fresh) since.set(key, Date.now());
      const sentAtMs = Date.now();
      try {
        const written = revision === undefined ? await kv.create(key, value(key)) : await kv.update(key, value(key), revision);
        noteMine(key, written);
        opts.onHeld?.(key, sentAtMs, written, revision);
        return true;
      } catch (err) {
        if (fresh) since.delete(key);
        failed('claim', key, err);
        return false;
      }
    },
    forget: (key) => void since.delete(key),
    async release(key, revision) {
      since.delete(key);
      try {
        await kv.delete(key, { previousSeq: revision });
      } catch (err) {
        failed('release', key, err);
      }
    },
  };
}
