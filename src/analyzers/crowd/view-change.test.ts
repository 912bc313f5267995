import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../core/random.ts';
import { changedFraction, thumbnailOf, viewChanged } from './view-change.ts';

const W = 160;
const H = 90;
const all = { x: 0, y: 0, width: W, height: H };

/** A textured scene from a seed: smooth blocks of random grey (a wall, a floor, people). */
function scene(seed: number, shift = 0): Uint8Array {
  const rand = mulberry32(seed);
  const blocks = Array.from({ length: 8 * 5 }, () => 40 + 180 * rand());
  const data = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const v = Math.max(0, Math.min(255, blocks[Math.floor(y / 18) * 8 + Math.floor(x / 20)]! + shift));
      data.fill(v, (y * W + x) * 3, (y * W + x) * 3 + 3);
    }
  }
  return data;
}

const thumb = (data: Uint8Array) => thumbnailOf({ width: W, data }, all, 24);

describe('view change', () => {
  // [what, previous frame, next frame, changed?]
  const cases: [string, () => Uint8Array, () => Uint8Array, boolean][] = [
    ['the same view', () => scene(1), () => scene(1), false],
    ['the same view a little brighter (light, auto exposure)', () => scene(1), () => scene(1, 15), false],
    [
      'people walking through a corner of the view',
      () => scene(1),
      () => {
        const d = scene(1);
        for (let y = 0; y < 30; y++) d.fill(0, y * W * 3, (y * W + 50) * 3);
        return d;
      },
      false,
    ],
    ['another scene (a cut, a PTZ preset)', () => scene(1), () => scene(2), true],
  ];
  it.each(cases)('%s', (_what, prev, next, changed) => {
    expect(viewChanged(thumb(prev()), thumb(next()))).toBe(changed);
  });

  it('thumbnails of different sizes are different views', () => {
    const a = thumb(scene(1));
    const b = thumbnailOf({ width: W, data: scene(1) }, all, 12);
    expect(changedFraction(a, b, 24)).toBe(1);
  });

  it('keeps the region aspect: 24 columns over 160 x 90 px give 14 rows of block means', () => {
    const t = thumb(scene(3));
    expect([t.cols, t.rows]).toEqual([24, 14]);
    expect(Math.min(...t.data)).toBeGreaterThanOrEqual(40);
    expect(Math.max(...t.data)).toBeLessThanOrEqual(220);
  });
});
