/**
 * The worker's use of the outbox spool (outbox-spool.ts): at stop, what the outbox still holds goes
 * to the data folder; at start, what a previous run kept there is published again (stream and
 * console deduplicate by message id, so a message that did go out before is not doubled).
 */
import type { KV } from '@nats-io/kv';
import { errorMessage } from '../core/errors.ts';
import type { Logger } from '../server/log.ts';
import type { LeaseFence } from './lease-fence.ts';
import { spoolPath, spooledVerdict, takeSpool, writeSpool, type SpooledMessage } from './outbox-spool.ts';
import type { Outbox } from './publisher.ts';
import { readLease } from './worker-watch.ts';

/** At stop, after the last flush: keeps what is left in `<dataDir>/bus-outbox.ndjson`, or says it is lost. */
export function keepUnpublished(opts: { dataDir: string | undefined; outbox: Outbox; fence: LeaseFence; workerId: string; logger: Logger }): void {
  const left = opts.outbox.takeAll();
  if (left.length === 0) return;
  if (opts.dataDir === undefined) {
    opts.logger.error(`worker ${opts.workerId}: ${left.length} message(s) not published, lost (start the worker with --data DIR to keep them for its next start)`);
    return;
  }
  const file = spoolPath(opts.dataDir);
  const safeUntil: Record<string, number> = {};
  for (const m of left) {
    const until = m.opts.fence ? opts.fence.safeUntil(m.opts.fence.key) : undefined;
    if (m.opts.fence && until !== undefined) safeUntil[m.opts.fence.key] = until;
  }
  try {
    writeSpool(file, { v: 1, workerId: opts.workerId, savedAtMs: Date.now(), safeUntil }, left);
    opts.logger.info(`worker ${opts.workerId}: ${left.length} message(s) not published, kept in ${file} for the next start on this data folder`);
  } catch (err) {
    opts.logger.error(`worker ${opts.workerId}: ${left.length} message(s) not published and not kept (${file}: ${errorMessage(err)})`);
  }
}

/**
 * At start: publishes again what a previous run kept, but what its fence held for a camera another
 * worker took first, and what is older than the media retention (`maxAgeMs`: snapshots and clips are
 * evidence, never kept longer than the law allows, docs/legal.md).
 */
export async function publishKept(opts: { dataDir: string | undefined; outbox: Pick<Outbox, 'publish'>; leases: Pick<KV, 'get'>; workerId: string; logger: Logger; maxAgeMs: number; nowMs?: number }): Promise<void> {
  if (opts.dataDir === undefined) return;
  const spool = takeSpool(spoolPath(opts.dataDir), (m) => opts.logger.error(`worker ${opts.workerId}: ${m}`));
  if (!spool) return;
  const leases = new Map<string, { workerId?: string; sinceMs?: number } | undefined>();
  const leaseOf = async (key: string): Promise<{ workerId?: string; sinceMs?: number } | undefined> => {
    if (leases.has(key)) return leases.get(key);
    const e = await opts.leases.get(key).catch((err: unknown) => void opts.logger.error(`worker ${opts.workerId}: lease ${key} not read: ${errorMessage(err)}`));
    // An unreadable lease counts as none: the message is published.
    const read = e ? readLease(e) : undefined;
    const lease = read && read.error === undefined ? read.holder : undefined;
    leases.set(key, lease);
    return lease;
  };
  const what = (m: SpooledMessage): string => `kept message to ${m.subject}${m.opts.msgID ? ` (${m.opts.msgID})` : ''}`;
  let dropped = 0;
  const oldestMs = (opts.nowMs ?? Date.now()) - opts.maxAgeMs;
  for (const m of spool.messages) {
    if ((m.opts.fence?.atMs ?? spool.header.savedAtMs) < oldestMs) {
      dropped += 1;
      opts.logger.info(`worker ${opts.workerId}: ${what(m)} deleted unsent: older than the media retention (${Math.round(opts.maxAgeMs / 86_400_000)} days)`);
      continue;
    }
    const lease = m.held && m.opts.fence ? await leaseOf(m.opts.fence.key) : undefined;
    if (spooledVerdict(m, spool.header, lease) === 'drop') {
      dropped += 1;
      opts.logger.error(`worker ${opts.workerId}: ${what(m)} dropped: made after ${lease?.workerId ?? 'another worker'} took the lease of camera ${m.opts.fence?.key}`);
      continue;
    }
    const { msgID, headers, expendable } = m.opts;
    opts.outbox.publish(m.subject, m.data, { ...(msgID !== undefined ? { msgID } : {}), ...(headers !== undefined ? { headers } : {}), ...(expendable !== undefined ? { expendable } : {}) });
  }
  opts.logger.info(`worker ${opts.workerId}: ${spool.messages.length - dropped} message(s) kept by a previous run (${spool.header.workerId}, stopped ${new Date(spool.header.savedAtMs).toISOString()}) queued to be published again${dropped ? `, ${dropped} dropped` : ''}`);
}
