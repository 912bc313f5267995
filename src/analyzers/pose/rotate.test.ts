import { describe, expect, it } from 'vitest';
import { clippedSquare, turnedBoxToFrame, turnedCrop } from './rotate.ts';

/** A black frame with one white pixel at (px, py). */
function dot(width: number, height: number, px: number, py: number) {
  const data = new Uint8Array(width * height * 3);
  data.fill(255, (py * width + px) * 3, (py * width + px) * 3 + 3);
  return { width, height, data };
}
function whereWhite(img: { width: number; height: number; data: Uint8Array }): [number, number] {
  for (let i = 0; i < img.width * img.height; i++) if (img.data[i * 3] === 255) return [i % img.width, Math.floor(i / img.width)];
  return [-1, -1];
}

describe('clippedSquare', () => {
  it('centres the square and clips it to the frame', () => {
    expect(clippedSquare(50, 40, 40, 200, 100)).toEqual({ x0: 30, y0: 20, width: 40, height: 40 });
    expect(clippedSquare(10, 90, 40, 200, 100)).toEqual({ x0: 0, y0: 70, width: 30, height: 30 });
  });
});

describe('turnedCrop', () => {
  const frame = dot(40, 30, 12, 7);
  const rect = { x0: 10, y0: 5, width: 8, height: 6 };

  it.each([
    // crop pixel (2, 2) of an 8 x 6 crop; cw: the left edge becomes the top, so (u, v) -> (5 - v, u)
    { turn: 'cw' as const, want: [3, 2] },
    // ccw: (u, v) -> (v, 7 - u)
    { turn: 'ccw' as const, want: [2, 5] },
  ])('$turn moves a pixel where a quarter turn puts it', ({ turn, want }) => {
    const img = turnedCrop(frame, rect, turn, 100);
    expect([img.width, img.height]).toEqual([6, 8]);
    expect(whereWhite(img)).toEqual(want);
  });

  it('subsamples to the maximum side', () => {
    const img = turnedCrop(dot(400, 300, 0, 0), { x0: 0, y0: 0, width: 400, height: 200 }, 'cw', 100);
    expect([img.width, img.height]).toEqual([50, 100]);
  });

  it.each(['cw', 'ccw'] as const)('%s: a box around the turned pixel maps back onto the frame pixel', (turn) => {
    const img = turnedCrop(frame, rect, turn, 100);
    const [x, y] = whereWhite(img);
    const b = { x1: x / img.width, y1: y / img.height, x2: (x + 1) / img.width, y2: (y + 1) / img.height };
    const f = turnedBoxToFrame(b, rect, turn, 40, 30);
    expect(f.x1 * 40).toBeCloseTo(12, 6);
    expect(f.x2 * 40).toBeCloseTo(13, 6);
    expect(f.y1 * 30).toBeCloseTo(7, 6);
    expect(f.y2 * 30).toBeCloseTo(8, 6);
  });

  it('a body standing in the turned crop is lying in the frame', () => {
    const f = turnedBoxToFrame({ x1: 0.4, y1: 0, x2: 0.6, y2: 1 }, { x0: 0, y0: 0, width: 100, height: 100 }, 'cw', 100, 100);
    expect(f).toEqual({ x1: 0, y1: 0.4, x2: 1, y2: 0.6 });
  });
});
