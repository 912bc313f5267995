import { describe, expect, it } from 'vitest';
import { periodicity } from './periodicity.ts';
import { mulberry32 } from '../../core/random.ts';


const series = (n: number, f: (t: number) => number): number[] => Array.from({ length: n }, (_, t) => f(t));

describe('periodicity', () => {
  it.each([
    { name: 'on/off every other frame', s: series(20, (t) => (t % 2 ? 200 : 50)), min: 0.95, max: 1 },
    { name: 'a 4-frame cycle', s: series(20, (t) => [50, 120, 200, 120][t % 4]!), min: 0.95, max: 1 },
    { name: 'a 5-frame cycle on a rising trend', s: series(20, (t) => 3 * t + (t % 5 === 0 ? 80 : 20)), min: 0.9, max: 1 },
    { name: 'irregular flicker', s: series(20, (t) => 100 + 60 * mulberry32(t + 11)()), min: 0, max: 0.6 },
    { name: 'a steady value', s: series(20, () => 120), min: 0, max: 0 },
    { name: 'a linear ramp (growth, not periodic)', s: series(20, (t) => 10 * t), min: 0, max: 0 },
    { name: 'too short to say', s: series(8, (t) => (t % 2 ? 200 : 50)), min: 0, max: 0 },
  ])('$name', ({ s, min, max }) => {
    const p = periodicity(s);
    expect(p).toBeGreaterThanOrEqual(min);
    expect(p).toBeLessThanOrEqual(max);
  });
});
