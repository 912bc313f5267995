import { describe, expect, it } from 'vitest';
import { detectMotion, greyDownscale, type GreyImage } from './motion.ts';

const W = 160;
const H = 90;

/** A textured scene (gradients), so changes are judged against something other than a flat field. */
function scene(): Uint8Array {
  const d = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) d[y * W + x] = 40 + ((x * 3 + y * 5) % 120);
  return d;
}

function img(data: Uint8Array): GreyImage {
  return { width: W, height: H, data };
}

/** Deterministic pseudo-random noise in [-a, a]. */
function noisy(base: Uint8Array, a: number, seed = 7): Uint8Array {
  let s = seed;
  return base.map((v) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.max(0, Math.min(255, v + Math.round(((s / 2147483648) * 2 - 1) * a)));
  });
}

function withSquare(base: Uint8Array, x0: number, y0: number, size: number, value: number): Uint8Array {
  const d = base.slice();
  for (let y = y0; y < y0 + size; y++) for (let x = x0; x < x0 + size; x++) d[y * W + x] = value;
  return d;
}

describe('detectMotion', () => {
  const base = scene();
  const cases: { name: string; cur: Uint8Array; boxes: number; share: [number, number] }[] = [
    { name: 'same image', cur: base, boxes: 0, share: [0, 0] },
    { name: 'sensor noise of +-8 grey levels', cur: noisy(base, 8), boxes: 0, share: [0, 0] },
    { name: 'illumination flicker: whole frame 20 % brighter', cur: base.map((v) => Math.min(255, Math.round(v * 1.2))), boxes: 0, share: [0, 0.01] },
    { name: 'illumination flicker with noise', cur: noisy(base.map((v) => Math.round(v * 0.85)), 6), boxes: 0, share: [0, 0.01] },
    { name: 'a single hot pixel (fewer than minPixels)', cur: withSquare(base, 50, 50, 1, 255), boxes: 0, share: [0, 0.001] },
    { name: 'a 10 px object appears', cur: withSquare(base, 100, 20, 10, 250), boxes: 1, share: [0.005, 0.01] },
    { name: 'a 10 px object appears among noise', cur: noisy(withSquare(base, 100, 20, 10, 250), 8), boxes: 1, share: [0.005, 0.01] },
  ];
  it.each(cases)('$name', ({ cur, boxes, share }) => {
    const m = detectMotion(img(base), img(cur));
    expect(m.boxes).toHaveLength(boxes);
    expect(m.changedShare).toBeGreaterThanOrEqual(share[0]);
    expect(m.changedShare).toBeLessThanOrEqual(share[1]);
  });

  it('a moving box gives regions at its old and new places, dilated by one pixel', () => {
    const before = withSquare(base, 20, 30, 8, 250);
    const after = withSquare(base, 60, 30, 8, 250);
    const m = detectMotion(img(before), img(after));
    const boxes = [...m.boxes].sort((a, b) => a.x1 - b.x1);
    expect(boxes).toHaveLength(2);
    expect(boxes[0]).toEqual({ x1: 19 / W, y1: 29 / H, x2: 29 / W, y2: 39 / H });
    expect(boxes[1]).toEqual({ x1: 59 / W, y1: 29 / H, x2: 69 / W, y2: 39 / H });
  });

  it('images of different sizes are all change', () => {
    const m = detectMotion(img(base), { width: 80, height: 45, data: new Uint8Array(80 * 45) });
    expect(m.changedShare).toBe(1);
    expect(m.boxes).toEqual([{ x1: 0, y1: 0, x2: 1, y2: 1 }]);
  });
});

describe('greyDownscale', () => {
  it('averages (R + 2G + B) / 4 over square cells', () => {
    // 4x2 RGB frame -> factor 2 -> 2x1 grey.
    const px = (r: number, g: number, b: number): number[] => [r, g, b];
    const data = new Uint8Array([
      ...px(100, 100, 100), ...px(200, 200, 200), ...px(0, 0, 0), ...px(0, 0, 0),
      ...px(100, 100, 100), ...px(200, 200, 200), ...px(40, 80, 120), ...px(0, 0, 0),
    ]);
    const g = greyDownscale({ width: 4, height: 2, data }, 2);
    expect(g).toEqual({ width: 2, height: 1, data: new Uint8Array([150, 20]) });
  });

  it('keeps a frame narrower than the target as it is', () => {
    const g = greyDownscale({ width: 2, height: 1, data: new Uint8Array([10, 20, 30, 0, 255, 0]) }, 160);
    expect(g).toEqual({ width: 2, height: 1, data: new Uint8Array([20, 128]) });
  });
});
