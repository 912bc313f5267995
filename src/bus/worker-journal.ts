/**
 * The worker's use of the outbox journal (outbox-journal.ts): every alert and clip chunk is kept in
 * `<data>/bus-outbox/` from when it is queued until the stream acknowledged it; at start, what a
 * previous run on that folder left there (stopped during a bus outage, crashed, killed) is published
 * again (stream and console deduplicate by message id, so a message that did go out is not doubled).
 */
import path from 'node:path';
import type { KV } from '@nats-io/kv';
import { errorMessage } from '../core/errors.ts';
import type { Logger } from '../server/log.ts';
import type { LeaseFence } from './lease-fence.ts';
import { JOURNAL_DIR, keptVerdict, openJournal, type Journal, type KeptMessage } from './outbox-journal.ts';
import type { Outbox, OutboxJournal } from './publisher.ts';
import { readLease } from './worker-watch.ts';

export interface WorkerJournal {
  readonly journal: Journal;
  /** The outbox's side: each message stamped with this worker and, for a fenced one, the lease's sure end as it is queued. */
  readonly forOutbox: OutboxJournal;
  /** What a previous run left, oldest first (for publishKept). */
  readonly kept: KeptMessage[];
}

/** Opens `<dataDir>/bus-outbox/` (undefined without a data folder: messages are then only in memory). Throws when the folder cannot be made. */
export function openWorkerJournal(opts: { dataDir: string | undefined; workerId: string; fence: Pick<LeaseFence, 'safeUntil'>; logger: Logger }): WorkerJournal | undefined {
  if (opts.dataDir === undefined) return undefined;
  const { journal, kept } = openJournal(path.join(opts.dataDir, JOURNAL_DIR), (m) => opts.logger.error(`worker ${opts.workerId}: ${m}`));
  const forOutbox: OutboxJournal = {
    where: journal.dir,
    add: (subject, data, o) => {
      const safeUntilMs = o.fence ? opts.fence.safeUntil(o.fence.key) : undefined;
      // The publish options (id, headers, fence, group) as they are: add() serialises them at once.
      return journal.add({ workerId: opts.workerId, queuedAtMs: Date.now(), subject, ...o, ...(safeUntilMs !== undefined ? { safeUntilMs } : {}) }, data);
    },
    done: (entry) => journal.done(entry as ReturnType<Journal['add']>),
  };
  return { journal, forOutbox, kept };
}

/**
 * At start: publishes again what a previous run left, but what was made after another worker took
 * its camera (keptVerdict) and what is older than the media retention (`maxAgeMs`: snapshots and
 * clips are evidence, never kept longer than the law allows, docs/legal.md). The kept files go once
 * every message queued again is on disk under its new file (a stop in between publishes it twice,
 * deduplicated by id, never zero times).
 */
export async function publishKept(opts: { kept: readonly KeptMessage[]; journal: Pick<Journal, 'forget' | 'settled'>; outbox: Pick<Outbox, 'publish'>; leases: Pick<KV, 'get'>; workerId: string; logger: Logger; maxAgeMs: number; nowMs?: number }): Promise<void> {
  if (opts.kept.length === 0) return;
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
  const what = (m: KeptMessage): string => `kept message to ${m.meta.subject}${m.meta.msgID ? ` (${m.meta.msgID})` : ''}`;
  let dropped = 0;
  const oldestMs = (opts.nowMs ?? Date.now()) - opts.maxAgeMs;
  const from = new Set<string>();
  for (const m of opts.kept) {
    from.add(m.meta.workerId);
    const { fence, subject, msgID, headers, expendable } = m.meta;
    if ((fence?.atMs ?? m.meta.queuedAtMs) < oldestMs) {
      dropped += 1;
      opts.logger.info(`worker ${opts.workerId}: ${what(m)} deleted unsent: older than the media retention (${Math.round(opts.maxAgeMs / 86_400_000)} days)`);
    } else {
      const lease = fence ? await leaseOf(fence.key) : undefined;
      if (keptVerdict(m.meta, lease) === 'drop') {
        dropped += 1;
        opts.logger.error(`worker ${opts.workerId}: ${what(m)} dropped: made after ${lease?.workerId ?? 'another worker'} took the lease of camera ${fence?.key}`);
      } else opts.outbox.publish(subject, m.data, { ...(msgID !== undefined ? { msgID } : {}), ...(headers !== undefined ? { headers } : {}), ...(expendable !== undefined ? { expendable } : {}) });
    }
  }
  opts.logger.info(`worker ${opts.workerId}: ${opts.kept.length - dropped} message(s) left by a previous run (${[...from].sort().join(', ')}) queued to be published again${dropped ? `, ${dropped} dropped` : ''}`);
  await opts.journal.settled();
  for (const m of opts.kept) opts.journal.forget(m.file);
}
