/**
 * The configured cameras and their analyses. Every change is written to the database first, then
 * applied to that camera alone (its pipeline restarted); the others keep running. Status changes
 * are logged (uptime) and, like stats, reported through onChange.
 */
import type { CameraStatus, Frame } from '../core/types.ts';
import { errorMessage } from '../core/errors.ts';
import type { CameraConfig } from '../config/schema.ts';
import type { FrameResult } from '../pipeline/analysis.ts';
import type { CameraStore } from '../store/cameras.ts';
import type { StatusLog } from '../store/status-log.ts';
import type { CameraControl, CameraStats, CameraView } from '../api/deps.ts';
import { startCameraRunner, type CameraRunner, type RunnerDeps } from './camera-runner.ts';
import type { Logger } from './log.ts';
import { cameraHealth } from './camera-health.ts';

export interface CameraManagerOptions extends Omit<RunnerDeps, 'onStatus' | 'onFrame'> {
  readonly store: CameraStore;
  readonly statusLog: StatusLog;
  /** A camera's view changed (status or stats); the caller throttles. */
  readonly onChange: (cameraId: string) => void;
  readonly onFrame: (frame: Frame, result: FrameResult) => void;
  /** A camera's analysis stopped (removed, updated, disabled, shut down). */
  readonly onStopped?: (cameraId: string) => Promise<void> | void;
  readonly logger: Logger;
  /** Out of service this long: health red (and, in the server, a system alert). Default 30 s. */
  readonly lossAfterMs?: number;
  /**
   * Why a camera must not run (a stored camera reading a file outside `security.allowedDirs`, the
   * folders having changed since it was saved): it is shown failed with that reason, never started.
   */
  readonly refuse?: (camera: CameraConfig) => string | undefined;
  /**
   * The configuration a camera's analysis runs with (its events narrowed to those authorised);
   * asked at every start and by recheck(). Default: the camera as stored.
   */
  readonly narrow?: (camera: CameraConfig) => CameraConfig;
  /** Starts one camera's analysis with the narrowed configuration (default startCameraRunner; `serve --bus`: a worker's, src/bus/remote-runner.ts). */
  readonly startRunner?: (camera: CameraConfig, deps: RunnerDeps) => CameraRunner;
}

/** What recheck() did to one camera. */
export interface RecheckChange {
  readonly cameraId: string;
  /** stopped: now refused; started: no longer refused; narrowed: restarted with other event types. */
  readonly change: 'stopped' | 'started' | 'narrowed';
  /** The event types analysed before and after (empty when not running). */
  readonly eventsBefore: readonly string[];
  readonly eventsAfter: readonly string[];
}

export interface CameraManager extends CameraControl {
  /** Starts every enabled camera of the store. */
  start(): void;
  /**
   * Asks `refuse` and `narrow` again for every enabled camera (an authorisation started, expired or
   * changed, a kill switch): stops those now refused, starts those no longer refused, restarts those
   * whose analysed events changed. Resolves once done, with what changed.
   */
  recheck(): Promise<RecheckChange[]>;
  /** Stops every camera; resolves once all their ffmpeg children are gone. */
  close(): Promise<void>;
}

interface Entry {
  camera: CameraConfig;
  runner?: CameraRunner;
  idleSinceMs: number;
  /** Set when `refuse` keeps it from running. */
  refused?: string;
  /** The configuration its runner runs with. */
  running?: CameraConfig;
}

const noStats = (sinceMs: number): Omit<CameraStats, 'health'> => ({ fps: 0, dropped: 0, decoded: 0, restarts: 0, dropRate: 0, lastFrameMs: sinceMs });
export const DEFAULT_LOSS_AFTER_MS = 30_000;

export function createCameraManager(opts: CameraManagerOptions): CameraManager {
  const entries = new Map<string, Entry>();
  const latest = new Map<string, Frame>();
  const loggedState = new Map<string, string>();
  const queues = new Map<string, Promise<unknown>>();
  let closed = false;

  const logState = (id: string, state: string, reason?: string): void => {
    if (loggedState.get(id) === state) return;
    loggedState.set(id, state);
    try {
      opts.statusLog.append(id, { state, atMs: Date.now(), ...(reason ? { reason } : {}) });
    } catch (err) {
      opts.logger.error(`camera ${id}: status not logged: ${errorMessage(err)}`);
    }
  };
  const onStatus = (id: string, status: CameraStatus): void => {
    logState(id, status.state, 'reason' in status ? status.reason : undefined);
    if (status.state === 'failed' || status.state === 'reconnecting') opts.logger.info(`camera ${id}: ${status.state} (${status.reason})`);
    opts.onChange(id);
  };
  const onFrame = (frame: Frame, result: FrameResult): void => {
    latest.set(frame.cameraId, frame);
    opts.onFrame(frame, result);
    opts.onChange(frame.cameraId);
  };
  const runnerDeps: RunnerDeps = { ...opts, onStatus, onFrame };

  const limits = { expectedFps: opts.fps, lossAfterMs: opts.lossAfterMs ?? DEFAULT_LOSS_AFTER_MS };
  const view = (e: Entry): CameraView => {
    const status: CameraStatus = e.runner?.status() ?? (e.refused !== undefined ? { state: 'failed', sinceMs: e.idleSinceMs, reason: e.refused } : { state: 'ended', sinceMs: e.idleSinceMs });
    const stats = e.runner?.stats() ?? noStats(e.idleSinceMs);
    return { ...e.camera, status, stats: { ...stats, health: cameraHealth({ status, ...stats }, Date.now(), limits) } };
  };
  const launch = (e: Entry): void => {
    e.refused = undefined;
    if (closed || !e.camera.enabled) return logState(e.camera.id, 'disabled');
    const refused = opts.refuse?.(e.camera);
    if (refused !== undefined) {
      e.refused = refused;
      e.idleSinceMs = Date.now();
      opts.logger.error(`camera ${e.camera.id} not started: ${refused}`);
      return logState(e.camera.id, 'failed', refused);
    }
    e.running = opts.narrow?.(e.camera) ?? e.camera;
    const runner = (opts.startRunner ?? startCameraRunner)(e.running, runnerDeps);
    e.runner = runner;
    // A source that ends by itself (a file played once) closes its clip as a stopped camera does.
    void runner.done.then(() => (e.runner === runner && !closed ? opts.onStopped?.(e.camera.id) : undefined));
  };
  const halt = async (id: string, e: Entry, state: string): Promise<void> => {
    const runner = e.runner;
    e.runner = undefined;
    e.running = undefined;
    e.idleSinceMs = Date.now();
    await runner?.stop();
    latest.delete(id);
    logState(id, state);
    await opts.onStopped?.(id);
  };
  /** Changes to one camera run one after the other. */
  const serial = <T>(id: string, fn: () => Promise<T>): Promise<T> => {
    const next = (queues.get(id) ?? Promise.resolve()).then(fn, fn);
    queues.set(id, next.catch(() => undefined));
    return next;
  };

  const sameEvents = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));
  const recheckOne = (id: string): Promise<RecheckChange | undefined> =>
    serial(id, async () => {
      const e = entries.get(id);
      if (!e || closed || !e.camera.enabled) return undefined;
      const before = e.running?.events ?? [];
      const refused = opts.refuse?.(e.camera);
      if (e.runner && refused !== undefined) {
        await halt(id, e, 'stopped');
        launch(e); // refused: shown failed with the reason, logged
        return { cameraId: id, change: 'stopped', eventsBefore: before, eventsAfter: [] };
      }
      if (!e.runner && e.refused !== undefined && refused === undefined) {
        launch(e);
        return { cameraId: id, change: 'started', eventsBefore: [], eventsAfter: e.running?.events ?? [] };
      }
      if (!e.runner || refused !== undefined) {
        if (refused !== undefined && refused !== e.refused) launch(e); // another reason: shown
        return undefined;
      }
      const next = opts.narrow?.(e.camera) ?? e.camera;
      if (sameEvents(next.events, before)) return undefined;
      await halt(id, e, 'restarting');
      launch(e);
      return { cameraId: id, change: 'narrowed', eventsBefore: before, eventsAfter: e.running?.events ?? [] };
    });

  return {
    start() {
      const { cameras, invalid } = opts.store.list();
      for (const bad of invalid) opts.logger.error(`camera ${bad.id} not started: its stored config is invalid: ${bad.reason}`);
      for (const camera of cameras) {
        const e: Entry = { camera, idleSinceMs: Date.now() };
        entries.set(camera.id, e);
        launch(e);
      }
    },
    async recheck() {
      const changes = await Promise.all([...entries.keys()].map(recheckOne));
      return changes.filter((c): c is RecheckChange => c !== undefined);
    },
    list: () => [...entries.values()].map(view),
    view: (id) => {
      const e = entries.get(id);
      return e ? view(e) : undefined;
    },
    latestFrame: (id) => latest.get(id),
    add: (camera) =>
      serial(camera.id, async () => {
        if (entries.has(camera.id) || !opts.store.insert(camera, Date.now())) return undefined;
        const e: Entry = { camera, idleSinceMs: Date.now() };
        entries.set(camera.id, e);
        launch(e);
        return view(e);
      }),
    update: (camera) =>
      serial(camera.id, async () => {
        const e = entries.get(camera.id);
        if (!e || !opts.store.update(camera, Date.now())) return undefined;
        await halt(camera.id, e, 'restarting');
        e.camera = camera;
        launch(e);
        return view(e);
      }),
    remove: (id) =>
      serial(id, async () => {
        const e = entries.get(id);
        if (!e || !opts.store.remove(id)) return false;
        entries.delete(id);
        await halt(id, e, 'removed');
        return true;
      }),
    async close() {
      closed = true;
      await Promise.all([...queues.values()]);
      await Promise.all([...entries].map(([id, e]) => halt(id, e, 'stopped')));
    },
  };
}
