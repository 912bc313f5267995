/**
 * Data retention of `vigie serve`, per kind (config `retention`, each capped by the law: see
 * src/config/retention.ts and docs/legal.md, "Retention"). At start, then every hour, each kind is
 * purged by its own cutoff:
 * - media (`mediaDays`): the snapshot and clip files of older alerts; the alert rows stay, read
 *   back with `mediaPurged` (the console says "image purged");
 * - signals (`signalsDays`): alert rows with their decisions, closed system alerts, the webhook
 *   delivery log, the camera status history (each camera keeps its last status before the cutoff,
 *   so uptime stays computable);
 * - sessions: the expired ones;
 * - the journal (`journalDays`), in one place: purgeJournal().
 * Every run appends one `retention.purge` journal entry (cutoffs, counts per kind, the steps that
 * failed) and one log line. A step that fails does not stop the others, nor the server; the run
 * is tried again after RETRY_FIRST_MS, doubling up to the hour. Time and timers are injected.
 */
import { errorMessage } from '../core/errors.ts';
import { retentionWarnings, type RetentionPolicy } from '../config/retention.ts';
import type { ConsoleStore } from '../store/console-store.ts';
import { journalWriter } from '../store/journal.ts';
import type { Logger } from './log.ts';
import type { Scheduler } from './webhooks.ts';

export const DAY_MS = 86_400_000;
export const RETENTION_INTERVAL_MS = 3_600_000;
/** The wait before trying a failed run again; doubled at each failure in a row, up to the interval. */
export const RETRY_FIRST_MS = 300_000;

export type RetentionStore = Pick<ConsoleStore, 'alerts' | 'webhooks' | 'statusLog' | 'sessions' | 'journal' | 'systemAlerts'>;
export type RetentionStep = 'media' | 'signals' | 'sessions' | 'journal';

/** Wall-clock times before which each kind goes. */
export interface RetentionCutoffs {
  readonly mediaBeforeMs: number;
  readonly signalsBeforeMs: number;
  readonly journalBeforeMs: number;
}

export interface PurgeCounts {
  /** Alerts whose snapshot and clip were deleted (the rows stay). */
  readonly mediaAlerts: number;
  /** Media files deleted (by the media and the signal purges). */
  readonly files: number;
  readonly fileFailures: number;
  readonly alerts: number;
  readonly decisions: number;
  readonly systemAlerts: number;
  readonly deliveries: number;
  readonly statusEntries: number;
  readonly sessions: number;
  readonly journalEntries: number;
}

export interface PurgeSummary extends RetentionCutoffs, PurgeCounts {
  /** The steps that failed (or left files behind); the run is tried again soon. */
  readonly failed: readonly RetentionStep[];
}

export interface RetentionOptions {
  readonly store: RetentionStore;
  readonly policy: RetentionPolicy;
  readonly logger: Logger;
  readonly nowMs?: () => number;
  readonly scheduler?: Scheduler;
  readonly intervalMs?: number;
  readonly retryMs?: number;
}

export interface Retention {
  /** One run now (the next is scheduled from it). Never throws: failures are in `failed`. */
  runOnce(): PurgeSummary;
  close(): void;
}

/** The cutoffs of a policy at a time. Pure. */
export function retentionCutoffs(nowMs: number, p: RetentionPolicy): RetentionCutoffs {
  return {
    mediaBeforeMs: nowMs - p.mediaDays * DAY_MS,
    signalsBeforeMs: nowMs - p.signalsDays * DAY_MS,
    journalBeforeMs: nowMs - p.journalDays * DAY_MS,
  };
}

/**
 * The one place journal entries are deleted. Whatever must happen when the oldest entries go
 * (the signed purge boundary of the journal) belongs here.
 */
export function purgeJournal(journal: RetentionStore['journal'], cutoffMs: number): number {
  return journal.purgeBefore(cutoffMs);
}

type Counts = { -readonly [K in keyof PurgeCounts]: number };
const ZERO: PurgeCounts = { mediaAlerts: 0, files: 0, fileFailures: 0, alerts: 0, decisions: 0, systemAlerts: 0, deliveries: 0, statusEntries: 0, sessions: 0, journalEntries: 0 };

/** Each step adds its counts; true when it left something behind (files it could not delete). */
function steps(store: RetentionStore, nowMs: number, c: RetentionCutoffs): Record<RetentionStep, (n: Counts) => boolean> {
  return {
    media: (n) => {
      const r = store.alerts.purgeMediaBefore(c.mediaBeforeMs);
      n.mediaAlerts += r.alerts;
      n.files += r.files;
      n.fileFailures += r.fileFailures.length;
      return r.fileFailures.length > 0;
    },
    signals: (n) => {
      const r = store.alerts.purgeBefore(c.signalsBeforeMs);
      n.alerts += r.alerts;
      n.decisions += r.decisions;
      n.files += r.files;
      n.fileFailures += r.fileFailures.length;
      n.systemAlerts += store.systemAlerts.purgeClearedBefore(c.signalsBeforeMs);
      n.deliveries += store.webhooks.purgeDeliveriesBefore(c.signalsBeforeMs);
      n.statusEntries += store.statusLog.purgeBefore(c.signalsBeforeMs);
      return r.fileFailures.length > 0;
    },
    sessions: (n) => {
      n.sessions += store.sessions.purgeExpired(nowMs);
      return false;
    },
    journal: (n) => {
      n.journalEntries += purgeJournal(store.journal, c.journalBeforeMs);
      return false;
    },
  };
}

/** Purges each kind by its cutoff; a failing step is reported (onFailure) and the others still run. */
export function purgeByKind(store: RetentionStore, nowMs: number, policy: RetentionPolicy, onFailure: (step: RetentionStep, reason: string) => void = () => undefined): PurgeSummary {
  const cutoffs = retentionCutoffs(nowMs, policy);
  const n: Counts = { ...ZERO };
  const failed: RetentionStep[] = [];
  for (const [step, run] of Object.entries(steps(store, nowMs, cutoffs)) as [RetentionStep, (n: Counts) => boolean][]) {
    try {
      if (run(n)) {
        failed.push(step);
        onFailure(step, 'some files could not be deleted');
      }
    } catch (err) {
      failed.push(step);
      onFailure(step, errorMessage(err));
    }
  }
  return { ...cutoffs, ...n, failed };
}

/** The journal entry's details: the durations, the cutoffs, the counts, the failed steps. */
export function purgeDetails(p: RetentionPolicy, s: PurgeSummary): Record<string, unknown> {
  const { failed, ...rest } = s;
  return { mediaDays: p.mediaDays, signalsDays: p.signalsDays, journalDays: p.journalDays, ...rest, ...(failed.length > 0 ? { failed } : {}) };
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The run in one log line. */
export function purgeLine(p: RetentionPolicy, s: PurgeSummary): string {
  return (
    `retention: media before ${day(s.mediaBeforeMs)} (${p.mediaDays} days): ${s.mediaAlerts} alert(s) lost their images, ${s.files} file(s) deleted; ` +
    `signals before ${day(s.signalsBeforeMs)} (${p.signalsDays} days): ${s.alerts} alert(s) with ${s.decisions} decision(s), ${s.systemAlerts} system alert(s), ${s.deliveries} webhook delivery record(s), ${s.statusEntries} camera status record(s); ` +
    `${s.sessions} expired session(s); journal before ${day(s.journalBeforeMs)} (${p.journalDays} days): ${s.journalEntries} entry(ies)` +
    (s.fileFailures > 0 ? `; ${s.fileFailures} file(s) could not be deleted` : '')
  );
}

const realScheduler: Scheduler = (run, delayMs) => {
  const t = setTimeout(run, delayMs);
  t.unref();
  return { cancel: () => clearTimeout(t) };
};

export function createRetention(opts: RetentionOptions): Retention {
  const now = opts.nowMs ?? Date.now;
  const schedule = opts.scheduler ?? realScheduler;
  const intervalMs = opts.intervalMs ?? RETENTION_INTERVAL_MS;
  const retryMs = opts.retryMs ?? RETRY_FIRST_MS;
  const { policy, logger } = opts;
  const record = journalWriter(opts.store.journal, (m) => logger.error(m));
  let timer = schedule(() => void runOnce(), intervalMs);
  let failuresInRow = 0;
  let closed = false;

  for (const w of retentionWarnings(policy)) logger.info(`warning: ${w}`);
  logger.info(`retention: media ${policy.mediaDays} days, signals ${policy.signalsDays} days, journal ${policy.journalDays} days`);

  function runOnce(): PurgeSummary {
    timer.cancel();
    const s = purgeByKind(opts.store, now(), policy, (step, reason) => logger.error(`retention: the ${step} purge failed: ${reason}`));
    record({ atMs: now(), action: 'retention.purge', details: purgeDetails(policy, s) });
    logger.info(purgeLine(policy, s));
    failuresInRow = s.failed.length > 0 ? failuresInRow + 1 : 0;
    const delayMs = failuresInRow > 0 ? Math.min(intervalMs, retryMs * 2 ** (failuresInRow - 1)) : intervalMs;
    if (failuresInRow > 0) logger.error(`retention: tried again in ${Math.round(delayMs / 60_000)} min`);
    if (!closed) timer = schedule(() => void runOnce(), delayMs);
    return s;
  }

  return {
    runOnce,
    close: () => {
      closed = true;
      timer.cancel();
    },
  };
}
