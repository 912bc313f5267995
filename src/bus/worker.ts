/**
 * An analysis node of the distributed mode (`vigie worker --bus nats://…`): it announces itself
 * (heartbeat in vigie-workers), follows the console's assignments (vigie-cameras), takes its fair
 * share of the camera leases (vigie-leases, see lease-plan.ts) and runs those cameras, publishing
 * alerts, clips and status on the streams, and live frames while a console watches (worker-live.ts). close({ release: true }) hands its cameras over at once.
 */
import { availableParallelism, hostname } from 'node:os';
import type { Alert } from '../core/types.ts';
import { errorMessage } from '../core/errors.ts';
import type { SiteConfig } from '../config/schema.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { lazyDetector, openSiteDetector, type SharedDetector } from '../server/detector.ts';
import type { Logger } from '../server/log.ts';
import { connectBus, type Bus } from './connect.ts';
import { safeBusUrl, type BusSecurity } from './bus-access.ts';
import { planLeases, type LeaseAction } from './lease-plan.ts';
import { createOutbox } from './publisher.ts';
import { LEASE_TTL_MS, RENEW_MS, SCAN_MS, type WorkerBeat } from './protocol.ts';
import { startWorkerCamera, type WorkerCamera } from './worker-camera.ts';
import { createWorkerClips } from './worker-clips.ts';
import { createStatusPublisher } from './worker-status.ts';
import { createLivePublisher } from './worker-live.ts';
import { watchBus } from './worker-watch.ts';
import { createLeaseFence } from './lease-fence.ts';
import { createLeaseWriter } from './worker-leases.ts';
import { openWorkerJournal, publishKept } from './worker-journal.ts';

const MAX_ALERTS_REMEMBERED = 10_000;

export interface WorkerOptions {
  readonly busUrl: string;
  /** TLS files, an NKey seed or a credentials file (`--bus-ca`, `--bus-nkey`...). */
  readonly busSecurity?: BusSecurity;
  /** Detector and clip rate (the analysis rate and width come with each assignment). */
  readonly site: SiteConfig;
  /** Default: `<host>-<pid>`. Letters, digits, _ and - only. */
  readonly workerId?: string;
  /**
   * Where clips are written before they are sent (default: a temporary folder), and where each alert
   * and clip chunk is kept from when it is queued until the bus acknowledged it (`bus-outbox/`), so
   * that the next start on this folder publishes what a stop, a crash or a kill left unpublished
   * (default: nowhere, it is lost). One worker per folder.
   */
  readonly dataDir?: string;
  /** Overrides the site detector (tests: a fake one). */
  readonly openDetector?: () => Promise<SharedDetector>;
  /** Overrides the ffmpeg used for clips; null: no clips. */
  readonly ffmpegPath?: string | null;
  readonly logger: Logger;
  readonly clip?: { readonly preMs?: number; readonly postMs?: number };
  /** Overrides how a camera is run (the control-plane bench: cameras that decode and analyse nothing). */
  readonly runCamera?: typeof startWorkerCamera;
}

export interface RunningWorker {
  readonly workerId: string;
  /** Camera ids running here, sorted. */
  running(): string[];
  /** Stops the cameras, finishes and sends their clips, flushes the outbox (≤ 10 s); release: deletes its leases and heartbeat so others take over at once. */
  close(opts?: { release?: boolean }): Promise<void>;
  /** Tests: dies as a killed process would (connection cut first, leases left to expire). */
  crash(): Promise<void>;
}

/** `<host>-<pid>` with anything but letters, digits, _ and - replaced (a KV key and a subject token). */
export function defaultWorkerId(): string {
  return `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}

export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  const { logger } = opts;
  const workerId = opts.workerId ?? defaultWorkerId();
  const where = safeBusUrl(opts.busUrl);
  const fence = createLeaseFence({ ttlMs: LEASE_TTL_MS });
  // Before connecting: a data folder that cannot be written fails the start with nothing to undo.
  const journal = openWorkerJournal({ dataDir: opts.dataDir, workerId, fence, logger });
  const bus: Bus = await connectBus({ url: opts.busUrl, ...(opts.busSecurity ? { security: opts.busSecurity } : {}), name: `vigie-worker-${workerId}`, logger }).catch(async (err: unknown) => {
    await journal?.journal.release();
    throw err;
  });
  const startedAtMs = Date.now();
  let watchingSinceMs = startedAtMs;
  let connected = true;
  let closing = false;

  const outbox = createOutbox({ js: bus.js, logger, decide: (key, atMs) => fence.decide(key, atMs), ...(journal ? { journal: journal.forOutbox } : {}) });
  const detector = lazyDetector(opts.openDetector ?? (() => openSiteDetector(opts.site.detector, Math.max(1, Math.min(4, availableParallelism() - 1)))));
  const alertCameras = new Map<string, { cameraId: string; createdAtMs: number }>();
  const clips = createWorkerClips({
    outbox,
    ffmpegPath: opts.ffmpegPath === null ? undefined : (opts.ffmpegPath ?? resolveFfmpegPath()),
    fps: opts.site.analysis.fps,
    logger,
    alertOf: (id) => alertCameras.get(id),
    ...(opts.dataDir ? { dir: opts.dataDir } : {}),
    ...(opts.clip ? { clip: opts.clip } : {}),
  });
  const live = createLivePublisher({ nc: bus.nc, workerId, logger });
  const cameras = new Map<string, WorkerCamera>();
  const finishing = new Set<Promise<void>>();
  const recentlyReleased = new Map<string, number>();
  const status = createStatusPublisher({ js: bus.js, workerId, logger, cameras: () => [...cameras.values()], connected: () => connected });

  const view = watchBus({
    cameras: bus.cameras,
    leases: bus.leases,
    workers: bus.workers,
    logger,
    onChange: (bucket, key) => {
      // A lost lease or a changed assignment of a running camera: act now, not at the next scan.
      if (cameras.has(key)) kick();
    },
  });

  void (async () => {
    for await (const s of bus.nc.status()) {
      if (s.type === 'disconnect') connected = false;
      else if (s.type === 'reconnect') {
        connected = true;
        watchingSinceMs = Date.now();
        view.resetClocks(watchingSinceMs);
      }
    }
  })();

  const leases = createLeaseWriter({
    kv: bus.leases,
    workerId,
    view,
    logger,
    connected: () => connected,
    onHeld: (key, sentAtMs, revision, onRevision) => {
      fence.held(key, sentAtMs, revision, onRevision);
      outbox.recheck();
    },
  });

  let lastLogged: string | undefined;
  const logRunning = (): void => {
    const list = [...cameras.values()].map((c) => c.assignment.camera.id).sort().join(', ');
    if (list === lastLogged) return;
    lastLogged = list;
    logger.info(`worker ${workerId} on ${where}: running ${list || 'nothing'}`);
  };

  const startCamera = (key: string): void => {
    const watched = view.assignments.get(key);
    if (!watched || cameras.has(key)) return;
    cameras.set(
      key,
      (opts.runCamera ?? startWorkerCamera)(watched.assignment, watched.content, {
        workerId,
        detector,
        outbox,
        motionGating: opts.site.analysis.motionGating,
        clips: clips.recorder,
        live,
        logger,
        onAlert: (alert: Alert) => {
          alertCameras.set(alert.id, { cameraId: alert.cameraId, createdAtMs: alert.createdAtMs });
          // Bounded: the oldest (their clips long sent) go.
          for (const id of alertCameras.keys()) {
            if (alertCameras.size <= MAX_ALERTS_REMEMBERED) break;
            alertCameras.delete(id);
          }
        },
        onStatus: (id) => status.publishOne(id),
      }),
    );
  };
  /** Resolves once the analysis stopped (nothing more is published for it); its clip is finished in the background. */
  const stopCamera = async (key: string, reason: string): Promise<void> => {
    const cam = cameras.get(key);
    if (!cam) return;
    cameras.delete(key);
    logger.info(`worker ${workerId}: camera ${cam.assignment.camera.id} stopped (${reason})`);
    await cam.runner.stop();
    // Another worker holds its lease: what this one made from the takeover on is dropped (lease-fence.ts).
    const lease = view.leases.get(key);
    if (lease?.workerId !== undefined && lease.workerId !== workerId) {
      leases.forget(key);
      const fromMs = fence.lost(key, lease.sinceMs);
      outbox.recheck();
      if (Number.isFinite(fromMs)) logger.info(`worker ${workerId}: camera ${cam.assignment.camera.id} taken by ${lease.workerId}: what it raised here from ${new Date(fromMs).toISOString()} on is not published`);
    }
    const clip = cam.finishClip().finally(() => finishing.delete(clip));
    finishing.add(clip);
  };

  const apply = async (a: LeaseAction): Promise<void> => {
    if (a.kind === 'renew') await leases.renew(a.key, a.revision);
    else if (a.kind === 'claim') {
      if (await leases.claim(a.key, a.revision)) startCamera(a.key);
    } else if (a.kind === 'stop') await stopCamera(a.key, a.reason);
    else {
      await stopCamera(a.key, a.reason);
      recentlyReleased.set(a.key, Date.now());
      await leases.release(a.key, a.revision);
    }
  };

  const scan = async (): Promise<void> => {
    const nowMs = Date.now();
    for (const [key, at] of recentlyReleased) if (nowMs - at >= LEASE_TTL_MS) recentlyReleased.delete(key);
    // A changed assignment restarts its camera (same camera and analysis: nothing to do).
    for (const [key, cam] of [...cameras]) {
      const watched = view.assignments.get(key);
      if (watched && watched.content !== cam.content) {
        await stopCamera(key, 'assignment changed');
        startCamera(key);
        logger.info(`worker ${workerId}: camera ${watched.assignment.camera.id} restarted with its new assignment`);
      }
    }
    const wanted = [...view.assignments].filter(([, w]) => w.assignment.camera.enabled).map(([k]) => k);
    const actions = planLeases({
      me: workerId,
      nowMs,
      startedAtMs,
      watchingSinceMs,
      wanted,
      leases: view.leases,
      liveWorkers: view.liveWorkers(nowMs),
      running: [...cameras.keys()],
      recentlyReleased: new Set(recentlyReleased.keys()),
    });
    // One action per key: all at once (a slow stop never holds a renewal back).
    await Promise.all(actions.map(apply));
  };

  let scanning: Promise<void> | undefined;
  let again = false;
  const kick = (): void => {
    if (closing) return;
    if (scanning) {
      again = true;
      return;
    }
    scanning = (async () => {
      do {
        again = false;
        if (connected) await scan().catch((err: unknown) => logger.error(`worker ${workerId}: scan failed: ${errorMessage(err)}`));
      } while (again && !closing);
      logRunning();
    })().finally(() => (scanning = undefined));
  };
  const scanTimer = setInterval(kick, SCAN_MS);

  const beat = async (): Promise<void> => {
    if (!connected) return;
    const value: WorkerBeat = { workerId, host: hostname(), pid: process.pid, startedAtMs, atMs: Date.now(), cameras: [...cameras.values()].map((c) => c.assignment.camera.id).sort() };
    await bus.workers.put(workerId, JSON.stringify(value)).catch((err: unknown) => logger.error(`worker ${workerId}: heartbeat not written: ${errorMessage(err)}`));
  };
  void beat();
  if (journal) void publishKept({ kept: journal.kept, journal: journal.journal, outbox, leases: bus.leases, workerId, logger, maxAgeMs: opts.site.retention.mediaDays * 86_400_000 });
  const beatTimer = setInterval(() => void beat(), RENEW_MS);
  logger.info(`worker ${workerId} on ${where}: started; ${journal ? `what it queues for the bus is kept in ${journal.journal.dir} until published` : 'no data folder (--data): what it has not published yet is lost if it is stopped during a bus outage or killed'}`);

  const stopEverything = async (): Promise<void> => {
    closing = true;
    clearInterval(scanTimer);
    clearInterval(beatTimer);
    status.stop();
    live.stop();
    await scanning;
    view.stop();
  };

  return {
    workerId,
    running: () => [...cameras.values()].map((c) => c.assignment.camera.id).sort(),
    async close({ release = true } = {}) {
      if (closing) return;
      await stopEverything();
      const mine = [...view.leases].filter(([, l]) => l.workerId === workerId);
      await Promise.all([...cameras.keys()].map((key) => stopCamera(key, 'worker stopping')));
      await Promise.all([...finishing]);
      await clips.close();
      if (!(await outbox.flush(10_000))) logger.error(`worker ${workerId}: ${outbox.pending()} message(s) not published within 10 s`);
      outbox.close();
      await journal?.journal.release();
      if (release) {
        await Promise.all([
          ...mine.map(([key, lease]) => bus.leases.delete(key, { previousSeq: lease.revision }).catch((err: unknown) => logger.error(`worker ${workerId}: lease ${key} not released: ${errorMessage(err)}`))),
          bus.workers.delete(workerId).catch((err: unknown) => logger.error(`worker ${workerId}: heartbeat not removed: ${errorMessage(err)}`)),
        ]);
      }
      await detector.close();
      // A bus that is out of reach fails the drain: closed anyway.
      const drain = bus.close().then(
        () => true,
        (err: unknown) => (logger.error(`worker ${workerId}: bus connection not drained: ${errorMessage(err)}`), false),
      );
      const drained = await Promise.race([drain, new Promise<boolean>((r) => setTimeout(() => r(false), 5000).unref())]);
      if (!drained) await bus.nc.close();
      logRunning();
    },
    async crash() {
      if (closing) return;
      closing = true;
      view.stop();
      await bus.nc.close();
      await stopEverything();
      outbox.close();
      await Promise.all([...cameras.keys()].map((key) => stopCamera(key, 'crash')));
      await Promise.all([...finishing]);
      await clips.close();
      // As a killed process: its messages stay in the journal, the folder is free for the next start.
      await journal?.journal.release();
      await detector.close();
    },
  };
}
