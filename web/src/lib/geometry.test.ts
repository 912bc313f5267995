import { describe, expect, it } from 'vitest';
import { arrow, centroid, roundNorm, unit } from './geometry.ts';

describe('centroid', () => {
  it.each<[string, [number, number][], [number, number]]>([
    ['unit square', [[0, 0], [1, 0], [1, 1], [0, 1]], [0.5, 0.5]],
    ['triangle', [[0, 0], [0.6, 0], [0, 0.3]], [0.2, 0.1]],
    ['degenerate line falls back to the mean', [[0, 0], [1, 1], [0.5, 0.5]], [0.5, 0.5]],
  ])('%s', (_name, poly, [x, y]) => {
    const [cx, cy] = centroid(poly);
    expect(cx).toBeCloseTo(x, 6);
    expect(cy).toBeCloseTo(y, 6);
  });
});

describe('arrow', () => {
  it('points along the direction with the tip at the given length', () => {
    const { head } = arrow([10, 10], [0, 2], 40);
    expect(head[0]).toEqual([10, 50]);
  });
  it('unit() refuses the zero vector', () => {
    expect(unit(0, 0)).toBeUndefined();
    expect(unit(3, 4)).toEqual([0.6, 0.8]);
  });
});

describe('roundNorm', () => {
  it.each([[0.123456, 0.1235], [-0.2, 0], [1.7, 1]])('%f -> %f', (v, out) => expect(roundNorm(v)).toBe(out));
});
