import { describe, expect, it } from 'vitest';
import { childCpuMs, parseProcStatTicks } from './cpu.ts';
import { findOnPath } from './ffmpeg-path.ts';

describe('cpu and binary lookup', () => {
  it('parses utime + stime even when the command name has spaces and parentheses', () => {
    const stat = '1234 (ff (x) y) S 1 2 3 4 5 6 7 8 9 10 150 25 0 0 20 0 1 0 99';
    expect(parseProcStatTicks(stat)).toBe(175);
  });

  it.skipIf(process.platform !== 'linux')('measures this process and nothing for a pid that does not exist', () => {
    let x = 0;
    for (let i = 0; i < 5e6; i++) x += Math.sqrt(i);
    expect(x).toBeGreaterThan(0);
    expect(childCpuMs(process.pid)).toBeGreaterThan(0);
    expect(childCpuMs(2 ** 22 + 12345)).toBeUndefined();
  });

  it('finds executables on a PATH and nothing in an empty one', () => {
    expect(findOnPath('sh', '/nonexistent:/bin:/usr/bin')).toMatch(/\/sh$/);
    expect(findOnPath('sh', '')).toBeUndefined();
  });
});
