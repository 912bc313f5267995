import { describe, expect, it } from 'vitest';
import { systemHealth, type SystemHealthInput } from './system-health.ts';
import type { WorkerView } from '../bus/console-workers.ts';

const MB = 1024 * 1024;
const cam = (id: string, level: 'ok' | 'warn' | 'bad', reason?: string, enabled = true) => ({ id, enabled, stats: { health: { level, ...(reason ? { reason } : {}) } } });
const worker = (workerId: string, silentForMs: number, cameras: string[] = []): WorkerView => ({ workerId, host: 'box', pid: 1, startedAtMs: 0, cameras, alive: silentForMs < 6000, silentForMs });
const base: SystemHealthInput = { cameras: [cam('a', 'ok')], storeFailure: undefined, unstoredAlerts: 0, disk: { level: 'ok', freeBytes: 9000 * MB, dir: '/data' }, systemAlerts: [] };

// [case, change to the base input, level, reasons]
const rows: [string, Partial<SystemHealthInput>, 'ok' | 'warn' | 'bad', RegExp[]][] = [
  ['all well', {}, 'ok', []],
  ['a camera slow', { cameras: [cam('a', 'warn', '30 % of frames dropped')] }, 'warn', [/camera a: 30 % of frames dropped/]],
  ['a disabled camera does not count', { cameras: [cam('a', 'bad', 'x', false)] }, 'ok', []],
  ['disk low', { disk: { level: 'warn', freeBytes: 1000 * MB, dir: '/data' } }, 'warn', [/disk low: 1000 MB free in \/data/]],
  ['disk nearly full', { disk: { level: 'bad', freeBytes: 100 * MB, dir: '/data' } }, 'bad', [/disk nearly full/]],
  ['snapshots cannot be written', { systemAlerts: [{ id: 's', kind: 'store_failed', target: 'snapshots', message: 'the snapshot of alert a could not be written', raisedAtMs: 0 }] }, 'bad', [/snapshot of alert a could not be written/]],
  ['store cannot write', { storeFailure: 'database or disk is full', unstoredAlerts: 3 }, 'bad', [/store cannot write: 3 alert\(s\) kept in memory \(database or disk is full\)/]],
  ['bus: two workers alive', { workers: [worker('w1', 1000, ['a']), worker('w2', 0)] }, 'ok', []],
  ['bus: one worker silent for 90 s, the other alive', { workers: [worker('w1', 90_000, ['a']), worker('w2', 0, ['a'])] }, 'warn', [/worker w1 on box: silent for 90 s \(stopped, killed or cut off from the bus\): its cameras go to the other workers/]],
  ['bus: silent for over an hour, no longer listed', { workers: [worker('w1', 3_600_000), worker('w2', 0, ['a'])] }, 'ok', []],
  ['bus: no worker alive while a camera is enabled', { workers: [worker('w1', 20 * 60_000, ['a'])] }, 'bad', [/no worker on the bus: none of the 1 enabled camera\(s\) is analysed/, /worker w1 on box: silent for 20 min/]],
  ['bus: no worker at all', { workers: [] }, 'bad', [/no worker on the bus/]],
  ['bus: no worker, no enabled camera', { workers: [], cameras: [cam('a', 'ok', undefined, false)] }, 'ok', []],
];

describe('systemHealth', () => {
  it.each(rows)('%s', (_case, change, level, reasons) => {
    const h = systemHealth({ ...base, ...change });
    expect(h.level).toBe(level);
    expect(h.reasons).toHaveLength(reasons.length);
    reasons.forEach((r, i) => expect(h.reasons[i]).toMatch(r));
  });
});

describe('systemHealth: the workers (serve --bus)', () => {
  it('lists the alive first, then the silent ones of the last hour, each with its cameras; none without a bus', () => {
    const h = systemHealth({ ...base, workers: [worker('w3', 7000, ['b']), worker('w2', 5_000_000), worker('w1', 0, ['a'])] });
    expect(h.workers?.map((w) => [w.workerId, w.level, w.cameras])).toEqual([
      ['w1', 'ok', ['a']],
      ['w3', 'warn', ['b']],
    ]);
    expect(systemHealth(base).workers).toBeUndefined();
  });
});
