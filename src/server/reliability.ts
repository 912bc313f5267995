/**
 * What keeps `vigie serve` trustworthy through a night shift, composed in one place: leftovers of a
 * stopped run swept at start, alerts the store refuses kept and retried (alert-buffer.ts), system
 * alerts (camera lost, store failed, disk low), the disk-space watchdog, and the server's health.
 */
import type { SiteConfig } from '../config/schema.ts';
import type { ServerMessage } from '../api/doc-schemas.ts';
import type { ConsoleStore } from '../store/console-store.ts';
import type { JournalInput } from '../store/journal.ts';
import { sweepLeftovers } from '../store/media.ts';
import type { Store } from '../store/types.ts';
import { createAlertBuffer, type AlertBuffer } from './alert-buffer.ts';
import { RESCUE_FILE as RESCUE_FILE_NAME, readRescue, removeRescue, writeRescue, type RescueWrite } from './alert-rescue.ts';
import type { Alert } from '../core/types.ts';
import { startCameraWatch, type WatchedCamera } from './camera-watch.ts';
import { createDiskWatch } from './disk-watch.ts';
import type { Logger } from './log.ts';
import { createSystemAlerts, type SystemAlerts } from './system-alerts.ts';
import { systemHealth, type SystemHealth, type SystemHealthInput } from './system-health.ts';

type AlertStore = Pick<Store, 'insertAlert' | 'mediaDir'>;

export interface ReliabilityOptions {
  readonly store: ConsoleStore;
  readonly health: SiteConfig['health'];
  readonly logger: Logger;
  readonly record: (e: JournalInput) => void;
  /** To every console (the WebSocket hub). */
  readonly broadcast: (m: ServerMessage) => void;
  readonly cameras: () => readonly (WatchedCamera & SystemHealthInput['cameras'][number])[];
  /** `serve --bus`: the workers heard on the bus. */
  readonly workers?: () => SystemHealthInput['workers'];
  /** Fault injection for tests: wraps the alert store the sink writes into. */
  readonly wrapAlertStore?: (store: AlertStore) => AlertStore;
  readonly diskFreeBytes?: (dir: string) => Promise<number>;
  readonly watchIntervalMs?: number;
}

export interface Reliability {
  /** The sink writes here: a refused alert is kept, not thrown. */
  readonly alertStore: AlertStore;
  readonly isKept: AlertBuffer['isKept'];
  readonly systemAlerts: SystemAlerts;
  health(): SystemHealth;
  /** Starts the watchdogs (after the cameras). */
  start(): void;
  /** Stops the watchdogs (before the cameras stop: a camera shut down is not a camera lost). */
  stop(): void;
  /** Alerts the store refused, kept in memory until it writes again (oldest first). */
  unstored(): Alert[];
  /**
   * Writes the kept alerts one last time (before the store closes); those still refused go to the
   * rescue file (alert-rescue.ts), read back at the next start. Returns how many are left and where.
   */
  flush(): { readonly left: number; readonly rescue?: RescueWrite };
}

const MB = 1024 * 1024;

export function createReliability(opts: ReliabilityOptions): Reliability {
  const { store, logger, record } = opts;
  const dir = store.alerts.dir;
  const swept = sweepLeftovers(store.alerts.mediaDir);
  if (swept.removed > 0) logger.info(`${swept.removed} unfinished clip/snapshot file(s) of the last run deleted`);
  for (const f of swept.failures) logger.error(`leftover ${f.path} not deleted: ${f.reason}`);

  const systemAlerts = createSystemAlerts({ store: store.systemAlerts, record, broadcast: opts.broadcast, logger });
  const buffer = createAlertBuffer({
    store: opts.wrapAlertStore ? opts.wrapAlertStore(store.alerts) : store.alerts,
    logger,
    onStoreState: (failure) =>
      failure ? systemAlerts.raise('store_failed', undefined, `alerts cannot be stored (${failure}): kept in memory, stored when the disk has room`) : systemAlerts.clear('store_failed', undefined),
    onStored: (alert) => {
      const stored = store.alerts.getAlert(alert.id);
      if (stored) opts.broadcast({ type: 'alert-updated', alert: stored });
    },
  });
  const disk = createDiskWatch({
    dir,
    warnBytes: opts.health.diskWarnFreeMb * MB,
    criticalBytes: opts.health.diskCriticalFreeMb * MB,
    intervalMs: opts.health.diskCheckS * 1000,
    logger,
    ...(opts.diskFreeBytes ? { freeBytes: opts.diskFreeBytes } : {}),
    onLevel: (state, previous) => {
      const freeMb = Math.round((state.freeBytes ?? 0) / MB);
      record({ atMs: Date.now(), action: 'disk.level', target: dir, details: { level: state.level, previous, freeMb } });
      if (state.level === 'bad') systemAlerts.raise('disk_low', dir, `disk nearly full: ${freeMb} MB free in ${dir}`);
      else systemAlerts.clear('disk_low', dir);
    },
  });
  let watch: { close(): void } | undefined;

  // Alerts a stop during a full disk left in the rescue file: stored now (or kept again).
  const rescued = readRescue(dir);
  for (const p of rescued.problems) logger.error(`${RESCUE_FILE_NAME}: ${p} (line skipped)`);
  const fresh = rescued.alerts.filter((a) => store.alerts.getAlert(a.id) === undefined);
  for (const a of fresh) buffer.store.insertAlert(a);
  if (rescued.alerts.length > 0 || rescued.problems.length > 0) {
    removeRescue(dir);
    record({ atMs: Date.now(), action: 'alerts.rescued', target: dir, details: { alerts: fresh.length, kept: buffer.kept().length, skippedLines: rescued.problems.length } });
    logger.info(`${fresh.length} alert(s) of the last run read back from ${RESCUE_FILE_NAME}${buffer.kept().length ? ` (${buffer.kept().length} still wait for the store)` : ''}`);
  }

  return {
    alertStore: buffer.store,
    isKept: buffer.isKept,
    systemAlerts,
    health: () =>
      systemHealth({
        cameras: opts.cameras(),
        storeFailure: buffer.failure(),
        unstoredAlerts: buffer.kept().length,
        disk: { ...disk.state(), dir },
        systemAlerts: systemAlerts.open(),
        ...(opts.workers ? { workers: opts.workers() } : {}),
      }),
    start() {
      void disk.check();
      watch = startCameraWatch({
        cameras: opts.cameras,
        systemAlerts,
        lossAfterMs: opts.health.cameraLossS * 1000,
        ...(opts.watchIntervalMs !== undefined ? { intervalMs: opts.watchIntervalMs } : {}),
        // Each check also writes what the store refused before, once it takes it again.
        onTick: () => {
          if (buffer.kept().length > 0 || buffer.failure()) buffer.retry();
          systemAlerts.retryUnsaved();
        },
      });
    },
    stop() {
      watch?.close();
      disk.close();
    },
    unstored: () => buffer.kept(),
    flush: () => {
      const left = buffer.kept().length > 0 ? buffer.retry() : 0;
      return left === 0 ? { left } : { left, rescue: writeRescue(dir, buffer.kept()) };
    },
  };
}
