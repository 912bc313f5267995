import { describe, expect, it } from 'vitest';
import { mulberry32, parkMiller } from './random.ts';

describe('seeded generators', () => {
  it.each([
    ['mulberry32', mulberry32],
    ['parkMiller', parkMiller],
  ])('%s repeats its sequence for a seed and stays in [0, 1)', (_name, make) => {
    const a = make(42);
    const b = make(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });

  it('parkMiller is the minimal standard generator', () => {
    const r = parkMiller(1);
    expect(r() * 2147483647).toBeCloseTo(16807, 3);
    expect(r() * 2147483647).toBeCloseTo(282475249, 0);
  });
});
