import { describe, expect, it } from 'vitest';
import { progressLine } from './progress.ts';

describe('progressLine', () => {
  it.each([
    [0, 30, 1, '[..............................]   0 % 0.0/30.0 s (0.0x real time)'],
    [15, 30, 1, '[###############...............]  50 % 15.0/30.0 s (15.0x real time)'],
    [31, 30, 2, '[##############################] 100 % 31.0/30.0 s (15.5x real time)'],
    [4, undefined, 2, 'analysing: 4.0 s (2.0x real time)'],
  ])('%s of %s s after %s s', (seconds, total, elapsed, expected) => {
    expect(progressLine(seconds, total, elapsed)).toBe(expected);
  });
});
