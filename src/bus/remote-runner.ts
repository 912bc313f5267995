/**
 * A camera of `vigie serve --bus` runs on a worker: its "runner" in the console puts the camera as
 * it must run (events narrowed by the legal control) in KV vigie-cameras, reads its status and
 * stats from the latest status message of a worker, and deletes the key when stopped (the worker
 * stops it). An unchanged assignment is not put again (a console restart must not restart the
 * workers' cameras: putAtMs is part of the alert ids of file cameras). While the console closes
 * the runners are detached: the keys stay, the cameras keep running on the workers.
 */
import type { KV } from '@nats-io/kv';
import type { CameraStatus } from '../core/types.ts';
import { errorMessage } from '../core/errors.ts';
import { cameraSchema, type CameraConfig } from '../config/schema.ts';
import type { CameraRunner, RunnerDeps } from '../server/camera-runner.ts';
import type { Logger } from '../server/log.ts';
import { busKey, cameraAssignmentSchema, parseBusMessage, STATUS_MS, type CameraAssignment, type StatusMessage } from './protocol.ts';

/** The latest status message per camera id (console-status.ts). */
export interface StatusLookup {
  latest(cameraId: string): StatusMessage | undefined;
}

export interface RemoteRunnersOptions {
  readonly cameras: Pick<KV, 'get' | 'put' | 'delete' | 'keys'>;
  readonly analysis: CameraAssignment['analysis'];
  readonly status: StatusLookup;
  readonly logger: Logger;
  readonly nowMs?: () => number;
  /** Between two tries of a put or a delete the bus refused (default 2 s). */
  readonly retryMs?: number;
}

export interface RemoteRunners {
  /** The camera manager's runner factory. */
  startRunner(camera: CameraConfig, deps: Pick<RunnerDeps, 'onStatus'>): CameraRunner;
  /** From now on a stopped runner leaves its key: the console is closing, the workers go on. */
  detach(): void;
  /** Deletes the keys no running runner wants (cameras removed while the console was down); returns them. */
  prune(): Promise<string[]>;
  /** Resolves once every assignment started so far is in the bucket (or its runner stopped). */
  settled(): Promise<void>;
  /** A status message for a camera arrived: its runner tells the manager when the state changed. */
  statusChanged(cameraId: string): void;
}

/** A status older than this is stale (its worker stopped publishing): its fps is not shown. */
export const STALE_STATUS_MS = 5 * STATUS_MS;

/** JSON with sorted keys: two configurations compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

/** Whether the stored assignment already says what `camera` and `analysis` say (then it is not put again). */
export function sameAssignment(stored: CameraAssignment | undefined, camera: CameraConfig, analysis: CameraAssignment['analysis']): boolean {
  if (!stored) return false;
  const parsed = cameraSchema.safeParse(camera);
  return parsed.success && canonicalJson({ camera: stored.camera, analysis: stored.analysis }) === canonicalJson({ camera: parsed.data, analysis });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

export function createRemoteRunners(opts: RemoteRunnersOptions): RemoteRunners {
  const now = opts.nowMs ?? Date.now;
  const retryMs = opts.retryMs ?? 2000;
  const active = new Map<string, { readonly cameraId: string; readonly notify: () => void }>();
  const putting = new Set<Promise<void>>();
  let detached = false;

  /** Puts the assignment unless the stored one is the same; retried until done or stopped. */
  const assign = async (camera: CameraConfig, key: string, stopped: () => boolean): Promise<void> => {
    for (let attempt = 1; !stopped(); attempt++) {
      try {
        const entry = await opts.cameras.get(key);
        const stored = entry && entry.operation === 'PUT' ? parseBusMessage(cameraAssignmentSchema, `${key} in vigie-cameras`, entry.value) : undefined;
        if (stored && !stored.ok) opts.logger.error(`camera ${camera.id}: stored assignment replaced: ${stored.error}`);
        if (sameAssignment(stored?.ok ? stored.value : undefined, camera, opts.analysis)) return;
        if (stopped()) return;
        const assignment: CameraAssignment = { camera, analysis: opts.analysis, putAtMs: now() };
        await opts.cameras.put(key, JSON.stringify(assignment));
        opts.logger.info(`camera ${camera.id}: assigned to the workers (${camera.events.join(', ') || 'no event type'})`);
        return;
      } catch (err) {
        if (attempt === 1 || attempt % 30 === 0) opts.logger.error(`camera ${camera.id}: not assigned yet (bus: ${errorMessage(err)}); trying again every ${retryMs / 1000} s`);
        await sleep(retryMs);
      }
    }
  };
  const unassign = async (cameraId: string, key: string): Promise<void> => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await opts.cameras.delete(key);
        return;
      } catch (err) {
        if (attempt === 3) opts.logger.error(`camera ${cameraId}: its assignment could not be deleted (bus: ${errorMessage(err)}); a worker may still analyse it until the console's next start`);
        else await sleep(retryMs);
      }
    }
  };

  return {
    startRunner(camera, deps) {
      const key = busKey(camera.id);
      const startedMs = now();
      let stopped = false;
      let finish = (): void => undefined;
      const done = new Promise<void>((resolve) => (finish = resolve));
      const put = assign(camera, key, () => stopped);
      putting.add(put);
      void put.finally(() => putting.delete(put));
      // The worker's latest status of this camera, even from before this start (a console restart shows what the worker runs).
      const current = (): StatusMessage | undefined => opts.status.latest(camera.id);
      const status = (): CameraStatus => current()?.status ?? { state: 'connecting', sinceMs: startedMs };
      let shown = status();
      const token = {
        cameraId: camera.id,
        notify: () => {
          const next = status();
          if (next.state === shown.state && next.sinceMs === shown.sinceMs) return;
          shown = next;
          deps.onStatus(camera.id, next);
        },
      };
      active.set(key, token);
      return {
        status,
        stats() {
          const s = current();
          if (!s) return { fps: 0, dropped: 0, decoded: 0, restarts: 0, dropRate: 0, lastFrameMs: startedMs };
          const stale = now() - s.atMs > STALE_STATUS_MS;
          return { ...s.stats, ...(stale ? { fps: 0, dropRate: 0 } : {}) };
        },
        async stop() {
          stopped = true;
          if (active.get(key) === token) active.delete(key);
          await put;
          if (!detached) await unassign(camera.id, key);
          finish();
        },
        done,
      };
    },
    detach: () => void (detached = true),
    async prune() {
      const unwanted: string[] = [];
      for await (const key of await opts.cameras.keys()) if (!active.has(key)) unwanted.push(key);
      for (const key of unwanted) await unassign(key, key);
      if (unwanted.length > 0) opts.logger.info(`${unwanted.length} camera assignment(s) no longer wanted deleted from the bus: ${unwanted.join(', ')}`);
      return unwanted;
    },
    settled: async () => void (await Promise.all([...putting])),
    statusChanged(cameraId) {
      active.get(busKey(cameraId))?.notify();
    },
  };
}
