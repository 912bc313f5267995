/**
 * Camera loss as a system alert: each check compares the cameras' views with the open camera_lost
 * incidents. A camera out of service (no analysed frame) for lossAfterMs raises one; it is cleared
 * when the camera analyses again, or is disabled or removed.
 */
import type { CameraView } from '../api/deps.ts';
import { lostReason } from './camera-health.ts';
import type { SystemAlerts } from './system-alerts.ts';

/** What the loss check reads of a camera. */
export interface WatchedCamera extends Pick<CameraView, 'id' | 'name' | 'enabled' | 'status'> {
  readonly stats: Pick<CameraView['stats'], 'lastFrameMs'>;
}

export interface LossChanges {
  readonly raise: readonly { readonly cameraId: string; readonly message: string }[];
  readonly clear: readonly string[];
}

export function cameraLossChanges(
  views: readonly WatchedCamera[],
  openCameraIds: ReadonlySet<string>,
  nowMs: number,
  lossAfterMs: number,
): LossChanges {
  const raise: { cameraId: string; message: string }[] = [];
  const lost = new Set<string>();
  for (const v of views) {
    const reason = v.enabled ? lostReason({ status: v.status, lastFrameMs: v.stats.lastFrameMs }, nowMs, lossAfterMs) : undefined;
    if (!reason) continue;
    lost.add(v.id);
    if (!openCameraIds.has(v.id)) raise.push({ cameraId: v.id, message: `camera ${v.name ?? v.id} lost: ${reason}` });
  }
  return { raise, clear: [...openCameraIds].filter((id) => !lost.has(id)) };
}

export interface CameraWatchOptions {
  readonly cameras: () => readonly WatchedCamera[];
  readonly systemAlerts: Pick<SystemAlerts, 'raise' | 'clear' | 'open'>;
  readonly lossAfterMs: number;
  /** Between checks; default a quarter of lossAfterMs, 250 ms to 5 s. */
  readonly intervalMs?: number;
  readonly onTick?: () => void;
  readonly nowMs?: () => number;
}

/** Checks the cameras every intervalMs, raising and clearing camera_lost system alerts. */
export function startCameraWatch(opts: CameraWatchOptions): { check(): void; close(): void } {
  const now = opts.nowMs ?? Date.now;
  const check = (): void => {
    const open = new Set(opts.systemAlerts.open().flatMap((a) => (a.kind === 'camera_lost' && a.target ? [a.target] : [])));
    const changes = cameraLossChanges(opts.cameras(), open, now(), opts.lossAfterMs);
    for (const r of changes.raise) opts.systemAlerts.raise('camera_lost', r.cameraId, r.message);
    for (const id of changes.clear) opts.systemAlerts.clear('camera_lost', id);
    opts.onTick?.();
  };
  const timer = setInterval(check, opts.intervalMs ?? Math.min(5000, Math.max(250, opts.lossAfterMs / 4)));
  timer.unref();
  return { check, close: () => clearInterval(timer) };
}
