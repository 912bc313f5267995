import { describe, expect, it } from 'vitest';
import { createDiskWatch, diskLevel, type DiskLevel, type DiskState } from './disk-watch.ts';
import { silentLogger } from './log.ts';

const MB = 1024 * 1024;

describe('disk watch', () => {
  it.each<[number, DiskLevel]>([
    [10_000 * MB, 'ok'],
    [2048 * MB, 'ok'],
    [2047 * MB, 'warn'],
    [512 * MB, 'warn'],
    [511 * MB, 'bad'],
    [0, 'bad'],
  ])('%d bytes free -> %s', (free, level) => {
    expect(diskLevel(free, 2048 * MB, 512 * MB)).toBe(level);
  });

  it('reports each crossing once, down and back up; a failed read keeps the level', async () => {
    const frees: (number | Error)[] = [5000 * MB, 1000 * MB, 900 * MB, 100 * MB, new Error('EIO'), 3000 * MB];
    const changes: [DiskLevel, DiskLevel][] = [];
    const watch = createDiskWatch({
      dir: '/data',
      warnBytes: 2048 * MB,
      criticalBytes: 512 * MB,
      intervalMs: 3_600_000,
      logger: silentLogger,
      freeBytes: async () => {
        const next = frees.shift()!;
        if (next instanceof Error) throw next;
        return next;
      },
      onLevel: (s: DiskState, previous) => void changes.push([previous, s.level]),
    });
    const levels: DiskLevel[] = [];
    for (let i = 0; i < 6; i++) levels.push((await watch.check()).level);
    watch.close();
    expect(levels).toEqual(['ok', 'warn', 'warn', 'bad', 'bad', 'ok']);
    expect(changes).toEqual([['ok', 'warn'], ['warn', 'bad'], ['bad', 'ok']]);
  });

  it('reads the real free space of a folder', async () => {
    const watch = createDiskWatch({ dir: '.', warnBytes: 0, criticalBytes: 0, intervalMs: 3_600_000, logger: silentLogger, onLevel: () => undefined });
    const s = await watch.check();
    watch.close();
    expect(s.freeBytes).toBeGreaterThan(0);
  });
});
