import { describe, expect, it } from 'vitest';
import { createFrameMasker, maskFrame, maskSpans } from './frame-mask.ts';
import type { Frame, Point } from './types.ts';

const poly = (...pts: [number, number][]): Point[] => pts.map(([x, y]) => ({ x, y }));
const rect = (x1: number, y1: number, x2: number, y2: number): Point[] => poly([x1, y1], [x2, y1], [x2, y2], [x1, y2]);

/** The mask drawn as text: one string per row, '#' masked, '.' kept. */
function picture(polygons: Point[][], width: number, height: number): string[] {
  const rows = Array.from({ length: height }, () => Array<string>(width).fill('.'));
  for (const s of maskSpans(polygons, width, height)) for (let x = s.x0; x < s.x1; x++) (rows[s.y] ?? [])[x] = '#';
  return rows.map((r) => r.join(''));
}

describe('maskSpans: the pixels whose centre lies inside a polygon', () => {
  it.each<[string, Point[][], number, number, string[]]>([
    ['no polygon', [], 4, 2, ['....', '....']],
    ['left half', [rect(0, 0, 0.5, 1)], 4, 2, ['##..', '##..']],
    ['whole frame', [rect(0, 0, 1, 1)], 3, 2, ['###', '###']],
    ['centre square', [rect(0.25, 0.25, 0.75, 0.75)], 4, 4, ['....', '.##.', '.##.', '....']],
    ['pixel centres on an edge are masked (the mask errs on the side of covering)', [rect(0.125, 0, 0.625, 1)], 4, 1, ['###.']],
    ['triangle, apex up', [poly([0.5, 0], [1, 1], [0, 1])], 6, 3, ['..##..', '.####.', '######']],
    ['two polygons overlapping: their union', [rect(0, 0, 0.5, 1), rect(0.25, 0, 0.75, 1)], 8, 1, ['######..']],
    ['two disjoint polygons on one row', [rect(0, 0, 0.25, 1), rect(0.75, 0, 1, 1)], 8, 1, ['##....##']],
    ['concave U: the notch stays', [poly([0, 0], [0.25, 0], [0.25, 0.5], [0.75, 0.5], [0.75, 0], [1, 0], [1, 1], [0, 1])], 4, 4, ['#..#', '#..#', '####', '####']],
    ['a sliver thinner than a pixel centre row is not painted', [rect(0, 0.1, 1, 0.2)], 2, 2, ['..', '..']],
  ])('%s', (_name, polygons, width, height, want) => {
    expect(picture(polygons, width, height)).toEqual(want);
  });
});

function frameOf(width: number, height: number, fill: (x: number, y: number) => number): Frame {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.fill(fill(x, y), (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { cameraId: 'c', seq: 0, tMs: 0, wallMs: 0, width, height, data };
}

describe('maskFrame', () => {
  it('blacks out every channel inside and leaves the pixels outside untouched', () => {
    const frame = frameOf(40, 30, (x, y) => 1 + ((x * 7 + y * 13) % 250));
    const out = maskFrame(frame, maskSpans([rect(0.25, 0.5, 0.75, 1)], 40, 30));
    for (let y = 0; y < 30; y++) {
      for (let x = 0; x < 40; x++) {
        const inside = x >= 10 && x < 30 && y >= 15;
        const px = Array.from(out.data.subarray((y * 40 + x) * 3, (y * 40 + x) * 3 + 3));
        const was = Array.from(frame.data.subarray((y * 40 + x) * 3, (y * 40 + x) * 3 + 3));
        expect(px, `pixel ${x},${y}`).toEqual(inside ? [0, 0, 0] : was);
      }
    }
  });

  it('returns a copy: the input buffer keeps its pixels', () => {
    const frame = frameOf(4, 4, () => 200);
    const out = maskFrame(frame, maskSpans([rect(0, 0, 1, 1)], 4, 4));
    expect(out.data.every((v) => v === 0)).toBe(true);
    expect(frame.data.every((v) => v === 200)).toBe(true);
    expect({ ...out, data: undefined }).toEqual({ ...frame, data: undefined });
  });
});

describe('createFrameMasker', () => {
  it('without polygons hands the frame on as it is', () => {
    const frame = frameOf(4, 4, () => 9);
    expect(createFrameMasker([])(frame)).toBe(frame);
  });

  it('follows a change of frame size', () => {
    const mask = createFrameMasker([rect(0, 0, 0.5, 1)]);
    const dark = (f: Frame): number => f.data.reduce((n, v, i) => n + (i % 3 === 0 && v === 0 ? 1 : 0), 0);
    expect(dark(mask(frameOf(8, 2, () => 50)))).toBe(8);
    expect(dark(mask(frameOf(4, 4, () => 50)))).toBe(8);
    expect(dark(mask(frameOf(10, 1, () => 50)))).toBe(5);
  });

  it.each([
    ['drops the decoder\'s JPEG of a masked frame: it shows the masked pixels', [rect(0, 0, 0.5, 0.5)], false],
    ['keeps it when no pixel is masked (the frame is handed on as it is)', [], true],
  ])('%s', (_name, polygons, kept) => {
    const evidence = Promise.resolve(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
    const out = maskFrame({ ...frameOf(4, 4, () => 9), evidence }, maskSpans(polygons, 4, 4));
    expect('evidence' in out).toBe(kept);
  });
});
