import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../core/random.ts';
import type { GreyImage } from './blobs.ts';
import { textureBands } from './texture-scale.ts';
import { crowdHeads, headsGrey, type Head } from './test-frames.ts';

const W = 240;
const H = 96;

const crowd = (s: number, seed: number, rows: readonly [number, number] = [0, H]): Head[] => crowdHeads(W, s, seed, rows);
const grey = (heads: readonly Head[]): GreyImage => headsGrey(W, H, heads);

describe('textureBands', () => {
  // [what, reference frame, current frame, head scale every band must find within a step of the grid (null: no band at all)]
  const cases: [string, () => GreyImage | null, () => GreyImage, number | null][] = [
    ['a moving crowd of small heads (scale 1.3): its scale', () => grey(crowd(1.3, 1)), () => grey(crowd(1.3, 2)), 1.3],
    ['a moving crowd of heads of scale 1.6', () => grey(crowd(1.6, 1)), () => grey(crowd(1.6, 2)), 1.6],
    ['a moving crowd of heads of scale 3', () => grey(crowd(3, 1)), () => grey(crowd(3, 2)), 3],
    ['the same texture, still (paving, gravel): not a crowd', () => grey(crowd(2, 1)), () => grey(crowd(2, 1)), null],
    ['no reference frame yet: nothing can be shown to move', () => null, () => grey(crowd(2, 2)), null],
    ['an empty floor', () => grey([]), () => grey([]), null],
  ];
  it.each(cases)('%s', (_what, ref, now, sigma) => {
    const bands = textureBands(now(), ref());
    if (sigma === null) {
      expect(bands).toEqual([]);
      return;
    }
    expect(bands.length).toBe(Math.ceil(H / 24));
    for (const b of bands) {
      expect(Math.abs(Math.log(b.sigma / sigma))).toBeLessThan(Math.log(1.3));
      expect(b.peak).toBeGreaterThan(1.2);
      expect(b.motion).toBeGreaterThan(0.6);
    }
  });

  it('heads under about a pixel are beyond the method: no band rather than a guess', () => {
    expect(textureBands(grey(crowd(0.8, 2)), grey(crowd(0.8, 1)))).toEqual([]);
  });

  it('changing sensor noise has no scale of its own: no band', () => {
    const noise = (seed: number): GreyImage => {
      const rand = mulberry32(seed);
      return { width: W, height: H, data: Float32Array.from({ length: W * H }, () => 128 + 60 * (rand() - 0.5)) };
    };
    expect(textureBands(noise(2), noise(1))).toEqual([]);
  });

  it('follows the perspective: small heads far away (top), larger near (bottom), nothing where the floor is empty', () => {
    const ref = grey([...crowd(1.3, 1, [0, 48]), ...crowd(2.6, 3, [48, 72])]);
    const now = grey([...crowd(1.3, 2, [0, 48]), ...crowd(2.6, 4, [48, 72])]);
    const bands = textureBands(now, ref);
    expect(bands.map((b) => b.y0)).toEqual([0, 24, 48]);
    const [far1, far2, near] = bands.map((b) => b.sigma);
    expect(far1).toBe(far2);
    expect(near! / far1!).toBeGreaterThan(1.5);
    expect(near! / far1!).toBeLessThan(2.6);
  });
});
