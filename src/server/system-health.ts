/**
 * The server's health for the console (GET /api/system-health): the worst of the cameras, the
 * store (alerts it could not write) and the disk, each with why. Red means an operator must act.
 */
import type { CameraView } from '../api/deps.ts';
import type { SystemAlert } from '../store/system-alerts.ts';
import type { DiskState } from './disk-watch.ts';
import type { HealthLevel } from './camera-health.ts';
import type { WorkerView } from '../bus/console-workers.ts';

/** A worker silent longer than this is no longer listed (it was stopped or replaced long ago). */
export const SILENT_WORKER_LISTED_MS = 3_600_000;

/** One analysis node of the distributed mode, as the console hears it. */
export interface WorkerHealth {
  readonly workerId: string;
  readonly host: string;
  readonly level: HealthLevel;
  readonly reason?: string;
  readonly cameras: readonly string[];
  readonly startedAtMs: number;
  readonly silentForMs: number;
}

export interface SystemHealth {
  readonly level: HealthLevel;
  readonly reasons: readonly string[];
  readonly store: { readonly ok: boolean; readonly unstoredAlerts: number; readonly reason?: string };
  readonly disk: DiskState & { readonly dir: string };
  readonly cameras: readonly { readonly id: string; readonly level: HealthLevel; readonly reason?: string }[];
  readonly systemAlerts: readonly SystemAlert[];
  /** `serve --bus` only: the workers heard on the bus (alive first), silent ones for an hour. */
  readonly workers?: readonly WorkerHealth[];
}

export interface SystemHealthInput {
  readonly cameras: readonly { readonly id: string; readonly enabled: boolean; readonly stats: Pick<CameraView['stats'], 'health'> }[];
  readonly storeFailure: string | undefined;
  readonly unstoredAlerts: number;
  readonly disk: DiskState & { readonly dir: string };
  readonly systemAlerts: readonly SystemAlert[];
  /** `serve --bus` only. */
  readonly workers?: readonly WorkerView[];
}

const RANK: Record<HealthLevel, number> = { ok: 0, warn: 1, bad: 2 };
const worst = (levels: HealthLevel[]): HealthLevel => levels.reduce<HealthLevel>((w, l) => (RANK[l] > RANK[w] ? l : w), 'ok');
const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

const seconds = (ms: number): string => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

/**
 * The workers' part (pure): an alive worker is ok; a silent one (killed, cut off, its host down) is
 * amber, its cameras taken over by the others (their own health says whether they run), listed for
 * an hour; no alive worker while cameras are enabled is red: nothing is analysed.
 */
export function workersHealth(workers: readonly WorkerView[], enabledCameras: number): { workers: WorkerHealth[]; level: HealthLevel; reasons: string[] } {
  const listed = workers
    .filter((w) => w.alive || w.silentForMs < SILENT_WORKER_LISTED_MS)
    .map((w): WorkerHealth => {
      const base = { workerId: w.workerId, host: w.host, cameras: w.cameras, startedAtMs: w.startedAtMs, silentForMs: w.silentForMs };
      return w.alive ? { ...base, level: 'ok' } : { ...base, level: 'warn', reason: `silent for ${seconds(w.silentForMs)} (stopped, killed or cut off from the bus): its cameras go to the other workers` };
    })
    .sort((a, b) => RANK[a.level] - RANK[b.level] || a.workerId.localeCompare(b.workerId));
  const alive = listed.filter((w) => w.level === 'ok').length;
  const reasons = [
    ...(alive === 0 && enabledCameras > 0 ? [`no worker on the bus: none of the ${enabledCameras} enabled camera(s) is analysed (start \`vigie worker --bus …\`)`] : []),
    ...listed.filter((w) => w.level !== 'ok').map((w) => `worker ${w.workerId} on ${w.host}: ${w.reason}`),
  ];
  return { workers: listed, level: alive === 0 && enabledCameras > 0 ? 'bad' : worst(listed.map((w) => w.level)), reasons };
}

export function systemHealth(i: SystemHealthInput): SystemHealth {
  const cameras = i.cameras.filter((c) => c.enabled).map((c) => ({ id: c.id, level: c.stats.health.level, ...(c.stats.health.reason ? { reason: c.stats.health.reason } : {}) }));
  const workers = i.workers ? workersHealth(i.workers, cameras.length) : undefined;
  const snapshotFailures = i.systemAlerts.filter((a) => a.kind === 'store_failed' && a.target === 'snapshots');
  const storeLevel: HealthLevel = i.storeFailure !== undefined || i.unstoredAlerts > 0 || snapshotFailures.length > 0 ? 'bad' : 'ok';
  const reasons = [
    ...(i.storeFailure !== undefined || i.unstoredAlerts > 0 ? [`store cannot write: ${i.unstoredAlerts} alert(s) kept in memory${i.storeFailure ? ` (${i.storeFailure})` : ''}`] : []),
    ...(i.disk.level !== 'ok' && i.disk.freeBytes !== undefined ? [`disk ${i.disk.level === 'bad' ? 'nearly full' : 'low'}: ${mb(i.disk.freeBytes)} free in ${i.disk.dir}`] : []),
    ...cameras.filter((c) => c.level !== 'ok').map((c) => `camera ${c.id}: ${c.reason ?? c.level}`),
    ...snapshotFailures.map((a) => a.message),
    ...(workers?.reasons ?? []),
  ];
  return {
    level: worst([storeLevel, i.disk.level, ...cameras.map((c) => c.level), workers?.level ?? 'ok']),
    reasons,
    store: { ok: storeLevel === 'ok', unstoredAlerts: i.unstoredAlerts, ...(i.storeFailure ? { reason: i.storeFailure } : {}) },
    disk: i.disk,
    cameras,
    systemAlerts: i.systemAlerts,
    ...(workers ? { workers: workers.workers } : {}),
  };
}
