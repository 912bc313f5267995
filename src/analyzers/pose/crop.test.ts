import { describe, expect, it } from 'vitest';
import { cropToFrame, cropToInput, squareCrop, type RgbFrame } from './crop.ts';

/** A frame whose red channel is x, green is y, blue 200 (x, y < 256). */
function ramp(width: number, height: number): RgbFrame {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x, y, 200], (y * width + x) * 3);
  return { width, height, data };
}

describe('squareCrop', () => {
  it.each([
    { name: 'a tall box: side from its height plus 20 % a side', box: { x1: 0.4, y1: 0.2, x2: 0.5, y2: 0.7 }, w: 200, h: 100, want: { x0: 55, y0: 10, side: 70 } },
    { name: 'a wide box: side from its width', box: { x1: 0.1, y1: 0.5, x2: 0.5, y2: 0.6 }, w: 200, h: 100, want: { x0: 4, y0: -1, side: 112 } },
    { name: 'a tiny box gets the minimum side', box: { x1: 0.5, y1: 0.5, x2: 0.51, y2: 0.51 }, w: 200, h: 100, want: { x0: 85, y0: 34.5, side: 32 } },
  ])('$name', ({ box, w, h, want }) => {
    const r = squareCrop(box, w, h);
    expect(r.x0).toBeCloseTo(want.x0, 6);
    expect(r.y0).toBeCloseTo(want.y0, 6);
    expect(r.side).toBeCloseTo(want.side, 6);
  });
});

describe('cropToInput', () => {
  const frame = ramp(64, 48);

  it('samples pixel centres one to one when the side equals the input size', () => {
    const out = cropToInput(frame, { x0: 10, y0: 5, side: 8 }, 8);
    // NHWC: output pixel (dx, dy) is frame pixel (10 + dx, 5 + dy).
    expect([...out.slice(0, 3)]).toEqual([10, 5, 200]);
    const o = (3 * 8 + 7) * 3;
    expect([...out.slice(o, o + 3)]).toEqual([17, 8, 200]);
  });

  it('interpolates bilinearly when scaling down by two', () => {
    const out = cropToInput(frame, { x0: 0, y0: 0, side: 16 }, 8);
    // output pixel 0 samples frame (0.5, 0.5): the mean of pixels 0 and 1 on each axis.
    expect([...out.slice(0, 3)]).toEqual([1, 1, 200]);
  });

  it('pads outside the frame with black', () => {
    const out = cropToInput(frame, { x0: -8, y0: -8, side: 16 }, 16);
    expect([...out.slice(0, 3)]).toEqual([0, 0, 0]);
    const inside = (10 * 16 + 10) * 3;
    expect([...out.slice(inside, inside + 3)]).toEqual([2, 2, 200]);
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => cropToInput(frame, { x0: 0, y0: 0, side: 8 }, 8, new Int32Array(10))).toThrow(RangeError);
  });
});

describe('cropToFrame', () => {
  it('maps crop fractions back to normalised frame coordinates', () => {
    const rect = { x0: -10, y0: 20, side: 100 };
    expect(cropToFrame({ x: 0.5, y: 0.25 }, rect, 200, 100)).toEqual({ x: 0.2, y: 0.45 });
    expect(cropToFrame({ x: 0, y: 0 }, rect, 200, 100)).toEqual({ x: -0.05, y: 0.2 });
  });
});
