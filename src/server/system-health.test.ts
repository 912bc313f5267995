import { describe, expect, it } from 'vitest';
import { systemHealth, type SystemHealthInput } from './system-health.ts';

const MB = 1024 * 1024;
const cam = (id: string, level: 'ok' | 'warn' | 'bad', reason?: string, enabled = true) => ({ id, enabled, stats: { health: { level, ...(reason ? { reason } : {}) } } });
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
];

describe('systemHealth', () => {
  it.each(rows)('%s', (_case, change, level, reasons) => {
    const h = systemHealth({ ...base, ...change });
    expect(h.level).toBe(level);
    expect(h.reasons).toHaveLength(reasons.length);
    reasons.forEach((r, i) => expect(h.reasons[i]).toMatch(r));
  });
});
