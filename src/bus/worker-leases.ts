/**
 * A worker's writes to vigie-leases: renew, claim (create, or CAS update on the revision seen) and
 * release (CAS delete). A CAS refused is a race lost, not an error: another worker wrote first and
 * its entry is on the way through the watch. What this worker writes is noted in its view at once.
 */
import type { KV } from '@nats-io/kv';
import { errorMessage } from '../core/errors.ts';
import type { Logger } from '../server/log.ts';
import { leaseSchema, parseBusMessage, type Lease } from './protocol.ts';
import type { BusView } from './worker-watch.ts';

/** A renewal stuck (JetStream not ready yet after a restart) is given up soon and tried at the next scan. */
const RENEW_TIMEOUT_MS = 1_000;
const CAS_REFUSED = /wrong last sequence|key exists|10071/i;

export interface LeaseWriter {
  renew(key: string, revision: number): Promise<void>;
  /** True when this worker now holds the lease. */
  claim(key: string, revision: number | undefined): Promise<boolean>;
  release(key: string, revision: number): Promise<void>;
}

export function createLeaseWriter(opts: { kv: KV; workerId: string; view: BusView; logger: Logger; connected: () => boolean }): LeaseWriter {
  const { kv, workerId, view } = opts;
  const since = new Map<string, number>();
  const value = (key: string): Uint8Array => {
    const lease: Lease = { workerId, sinceMs: since.get(key) ?? Date.now() };
    return new TextEncoder().encode(JSON.stringify(lease));
  };
  const noteMine = (key: string, revision: number): void => view.noteLease(key, { workerId, revision, lastChangeSeenMs: Date.now() });
  const failed = (what: string, key: string, err: unknown): boolean => {
    const lost = CAS_REFUSED.test(errorMessage(err));
    if (!lost && opts.connected()) opts.logger.error(`worker ${workerId}: ${what} of lease ${key} failed: ${errorMessage(err)}`);
    return lost;
  };
  /** Reads the lease again after a refused renewal: the view then shows who holds it. */
  const refresh = async (key: string): Promise<void> => {
    const e = await kv.get(key).catch((err: unknown) => void opts.logger.error(`worker ${workerId}: lease ${key} not read: ${errorMessage(err)}`));
    if (!e) return;
    const parsed = e.operation === 'PUT' ? parseBusMessage(leaseSchema, `vigie-leases/${key}`, e.value) : undefined;
    const holder = parsed === undefined ? undefined : parsed.ok ? parsed.value.workerId : '(unreadable lease)';
    view.noteLease(key, { ...(holder !== undefined ? { workerId: holder } : {}), revision: e.revision, lastChangeSeenMs: Date.now() });
  };
  return {
    async renew(key, revision) {
      try {
        noteMine(key, await kv.update(key, value(key), revision, RENEW_TIMEOUT_MS));
      } catch (err) {
        if (failed('renewal', key, err)) await refresh(key);
      }
    },
    async claim(key, revision) {
      const fresh = !since.has(key);
      if (fresh) since.set(key, Date.now());
      try {
        noteMine(key, revision === undefined ? await kv.create(key, value(key)) : await kv.update(key, value(key), revision));
        return true;
      } catch (err) {
        if (fresh) since.delete(key);
        failed('claim', key, err);
        return false;
      }
    },
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
