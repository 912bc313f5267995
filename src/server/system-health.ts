/**
 * The server's health for the console (GET /api/system-health): the worst of the cameras, the
 * store (alerts it could not write) and the disk, each with why. Red means an operator must act.
 */
import type { CameraView } from '../api/deps.ts';
import type { SystemAlert } from '../store/system-alerts.ts';
import type { DiskState } from './disk-watch.ts';
import type { HealthLevel } from './camera-health.ts';

export interface SystemHealth {
  readonly level: HealthLevel;
  readonly reasons: readonly string[];
  readonly store: { readonly ok: boolean; readonly unstoredAlerts: number; readonly reason?: string };
  readonly disk: DiskState & { readonly dir: string };
  readonly cameras: readonly { readonly id: string; readonly level: HealthLevel; readonly reason?: string }[];
  readonly systemAlerts: readonly SystemAlert[];
}

export interface SystemHealthInput {
  readonly cameras: readonly { readonly id: string; readonly enabled: boolean; readonly stats: Pick<CameraView['stats'], 'health'> }[];
  readonly storeFailure: string | undefined;
  readonly unstoredAlerts: number;
  readonly disk: DiskState & { readonly dir: string };
  readonly systemAlerts: readonly SystemAlert[];
}

const RANK: Record<HealthLevel, number> = { ok: 0, warn: 1, bad: 2 };
const worst = (levels: HealthLevel[]): HealthLevel => levels.reduce<HealthLevel>((w, l) => (RANK[l] > RANK[w] ? l : w), 'ok');
const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

export function systemHealth(i: SystemHealthInput): SystemHealth {
  const cameras = i.cameras.filter((c) => c.enabled).map((c) => ({ id: c.id, level: c.stats.health.level, ...(c.stats.health.reason ? { reason: c.stats.health.reason } : {}) }));
  const snapshotFailures = i.systemAlerts.filter((a) => a.kind === 'store_failed' && a.target === 'snapshots');
  const storeLevel: HealthLevel = i.storeFailure !== undefined || i.unstoredAlerts > 0 || snapshotFailures.length > 0 ? 'bad' : 'ok';
  const reasons = [
    ...(i.storeFailure !== undefined || i.unstoredAlerts > 0 ? [`store cannot write: ${i.unstoredAlerts} alert(s) kept in memory${i.storeFailure ? ` (${i.storeFailure})` : ''}`] : []),
    ...(i.disk.level !== 'ok' && i.disk.freeBytes !== undefined ? [`disk ${i.disk.level === 'bad' ? 'nearly full' : 'low'}: ${mb(i.disk.freeBytes)} free in ${i.disk.dir}`] : []),
    ...cameras.filter((c) => c.level !== 'ok').map((c) => `camera ${c.id}: ${c.reason ?? c.level}`),
    ...snapshotFailures.map((a) => a.message),
  ];
  return {
    level: worst([storeLevel, i.disk.level, ...cameras.map((c) => c.level)]),
    reasons,
    store: { ok: storeLevel === 'ok', unstoredAlerts: i.unstoredAlerts, ...(i.storeFailure ? { reason: i.storeFailure } : {}) },
    disk: i.disk,
    cameras,
    systemAlerts: i.systemAlerts,
  };
}
