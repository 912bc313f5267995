import { describe, expect, it } from 'vitest';
import { cropRgb, personCrop, toFrame } from './crop.ts';

describe('personCrop', () => {
  it.each([
    { name: 'a square around the box, grown by the margin', box: { x1: 0.4, y1: 0.25, x2: 0.5, y2: 0.75 }, want: { x1: 4, y1: 1, x2: 14, y2: 11 } },
    { name: 'clipped at the frame edges', box: { x1: 0, y1: 0.5, x2: 0.1, y2: 1 }, want: { x1: 0, y1: 4, x2: 6, y2: 12 } },
  ])("$name", ({ box, want }) => {
    // 20 x 12 frame: the first box is 2 x 6 px, its square of side 6 * 1.5 = 9 centred on (9, 6)
    expect(personCrop(box, 20, 12, 0.25)).toEqual(want);
  });
});

describe('cropRgb and toFrame', () => {
  it('copies the rectangle and maps crop boxes back to the frame', () => {
    const w = 8;
    const h = 6;
    const data = new Uint8Array(w * h * 3).map((_, i) => Math.floor(i / 3));
    const rect = { x1: 2, y1: 1, x2: 6, y2: 4 };
    const crop = cropRgb({ width: w, height: h, data }, rect);
    expect([crop.width, crop.height]).toEqual([4, 3]);
    expect(crop.data[0]).toBe(1 * w + 2);
    expect(crop.data[(2 * 4 + 3) * 3]).toBe(3 * w + 5);
    const d = toFrame({ label: 'knife', score: 0.9, box: { x1: 0.5, y1: 0, x2: 1, y2: 1 } }, rect, w, h);
    expect(d.box).toEqual({ x1: 4 / 8, y1: 1 / 6, x2: 6 / 8, y2: 4 / 6 });
    expect(d.label).toBe('knife');
  });
});
