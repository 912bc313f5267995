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

  /** The definition, pixel by pixel: (R + 2G + B) / 4 averaged over f x f cells, rounded. */
  function reference(width: number, height: number, data: Uint8Array, f: number): Uint8Array {
    const w = Math.floor(width / f);
    const h = Math.floor(height / f);
    const out = new Uint8Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let sum = 0;
        for (let dy = 0; dy < f; dy++)
          for (let dx = 0; dx < f; dx++) {
            const i = ((y * f + dy) * width + x * f + dx) * 3;
            sum += data[i]! + 2 * data[i + 1]! + data[i + 2]!;
          }
        out[y * w + x] = Math.round(sum / (f * f * 4));
      }
    return out;
  }

  function randomBytes(n: number, seed: number): Uint8Array {
    let s = seed;
    return Uint8Array.from({ length: n }, () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return Math.floor((s / 2147483648) * 256);
    });
  }

  // 640 px wide frames take the word-wise path (4x4 cells); the others, and a frame whose bytes do
  // not start on a 4-byte boundary, the byte-wise one: all must give the definition's result.
  const sizes: { name: string; width: number; height: number; target: number; offset: number; fill?: number }[] = [
    { name: '640x360 to 160 px (word-wise)', width: 640, height: 360, target: 160, offset: 0 },
    { name: '640x480, every byte 255 (the largest sums)', width: 640, height: 480, target: 160, offset: 0, fill: 255 },
    { name: '640x362: rows left over below the last cell', width: 640, height: 362, target: 160, offset: 0 },
    { name: '640x360 at an odd byte offset (byte-wise)', width: 640, height: 360, target: 160, offset: 1 },
    { name: '642x360: rows not of whole 32-bit words (byte-wise)', width: 642, height: 360, target: 160, offset: 0 },
    { name: '322x240 to 160 px (2x2 cells)', width: 322, height: 240, target: 160, offset: 0 },
    { name: '640x360 to 100 px (6x6 cells)', width: 640, height: 360, target: 100, offset: 0 },
  ];
  it.each(sizes)('$name: the definition\'s values', ({ width, height, target, offset, fill }) => {
    const bytes = fill === undefined ? randomBytes(offset + width * height * 3, width + height) : new Uint8Array(offset + width * height * 3).fill(fill);
    const data = bytes.subarray(offset);
    const g = greyDownscale({ width, height, data }, target);
    expect(g.data).toEqual(reference(width, height, data, Math.max(1, Math.floor(width / target))));
  });
});
