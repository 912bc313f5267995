/**
 * Data retention of `vigie serve`: once at start, then every hour, everything older than
 * `retention.days` goes: alerts with their snapshot and clip files, the webhook delivery log and the
 * camera status history (each camera keeps its last status before the cutoff, so uptime stays
 * computable), and expired sessions; journal entries older than `retention.journalDays`. Each
 * purge that deleted something is itself journaled. A failed purge is logged and tried again at the
 * next run; it never stops the server.
 */
import { errorMessage } from '../core/errors.ts';
import type { ConsoleStore } from '../store/console-store.ts';
import type { Logger } from './log.ts';
import { journalWriter } from '../store/journal.ts';

export const DAY_MS = 86_400_000;
export const RETENTION_INTERVAL_MS = 3_600_000;

export interface PurgeSummary {
  readonly cutoffMs: number;
  readonly alerts: number;
  readonly files: number;
  readonly fileFailures: number;
  readonly deliveries: number;
  readonly statusEntries: number;
  readonly sessions: number;
  readonly journalEntries: number;
}

export interface RetentionOptions {
  readonly store: Pick<ConsoleStore, 'alerts' | 'webhooks' | 'statusLog' | 'sessions' | 'journal'>;
  readonly days: number;
  readonly journalDays: number;
  readonly logger: Logger;
  readonly nowMs?: () => number;
  readonly intervalMs?: number;
}

export interface Retention {
  /** One purge now; undefined when it failed (logged). */
  runOnce(): PurgeSummary | undefined;
  close(): void;
}

export function purgeOlderThan(store: RetentionOptions['store'], nowMs: number, days: number, journalDays: number): PurgeSummary {
  const cutoffMs = nowMs - days * DAY_MS;
  const alerts = store.alerts.purgeBefore(cutoffMs);
  return {
    cutoffMs,
    alerts: alerts.alerts,
    files: alerts.files,
    fileFailures: alerts.fileFailures.length,
    deliveries: store.webhooks.purgeDeliveriesBefore(cutoffMs),
    statusEntries: store.statusLog.purgeBefore(cutoffMs),
    sessions: store.sessions.purgeExpired(nowMs),
    journalEntries: store.journal.purgeBefore(nowMs - journalDays * DAY_MS),
  };
}

export function createRetention(opts: RetentionOptions): Retention {
  const now = opts.nowMs ?? Date.now;
  const record = journalWriter(opts.store.journal, (m) => opts.logger.error(m));
  const runOnce = (): PurgeSummary | undefined => {
    try {
      const s = purgeOlderThan(opts.store, now(), opts.days, opts.journalDays);
      if (s.alerts + s.deliveries + s.statusEntries + s.journalEntries > 0 || s.fileFailures > 0) {
        const { cutoffMs: _cutoff, ...counts } = s;
        record({ atMs: now(), action: 'retention.purge', details: { days: opts.days, journalDays: opts.journalDays, ...counts } });
        opts.logger.info(
          `retention (${opts.days} days): deleted ${s.alerts} alert(s) and ${s.files} media file(s), ${s.deliveries} webhook delivery record(s), ${s.statusEntries} camera status record(s), ${s.journalEntries} journal entry(ies) (${opts.journalDays} days)` +
            (s.fileFailures > 0 ? `; ${s.fileFailures} file(s) could not be deleted` : ''),
        );
      }
      return s;
    } catch (err) {
      opts.logger.error(`retention: purge failed, retried in an hour: ${errorMessage(err)}`);
      return undefined;
    }
  };
  const timer = setInterval(runOnce, opts.intervalMs ?? RETENTION_INTERVAL_MS);
  timer.unref();
  return { runOnce, close: () => clearInterval(timer) };
}
