import { describe, expect, it } from 'vitest';
import { downscale, factorFor } from './small-frame.ts';

describe('downscale', () => {
  it('averages f x f blocks and computes the luma', () => {
    // 4 x 2 frame, factor 2: left block red and black, right block all white
    const px = [[200, 0, 0], [0, 0, 0], [255, 255, 255], [255, 255, 255], [200, 0, 0], [0, 0, 0], [255, 255, 255], [255, 255, 255]];
    const s = downscale({ width: 4, height: 2, data: Uint8Array.from(px.flat()) }, 2);
    expect([s.width, s.height, s.factor]).toEqual([2, 1, 2]);
    expect([...s.rgb]).toEqual([100, 0, 0, 255, 255, 255]);
    expect([...s.luma]).toEqual([29, 255]);
  });

  it.each([[640, 160, 4], [320, 160, 2], [100, 160, 1], [426, 160, 3]])('factorFor(%i, %i) = %i', (w, t, f) => {
    expect(factorFor(w, t)).toBe(f);
  });

  it('drops the remainder columns and rows of a size that is not a multiple', () => {
    const s = downscale({ width: 10, height: 7, data: new Uint8Array(10 * 7 * 3).fill(50) }, 5);
    expect([s.width, s.height]).toEqual([5, 3]);
    expect(s.rgb.every((v) => v === 50)).toBe(true);
  });
});
