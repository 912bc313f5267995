import { describe, expect, it } from 'vitest';
import type { Label } from '../core/types.ts';
import { decodeYolo, yoloLayout } from './yolo-decode.ts';
import { createThresholdTable } from './thresholds.ts';

const classMap = new Map<number, Label>([
  [0, 'person'],
  [1, 'car'],
  [2, 'truck'],
]);
const thresholds = createThresholdTable({ person: 0.3, vehicle: 0.2 });

/** rows: per anchor [cx, cy, w, h, ...scores]; builds the [1, 4+C, N] channel-first tensor. */
function channelsFirst(rows: number[][]): { dims: number[]; data: Float32Array } {
  const f = rows[0]!.length;
  const n = rows.length;
  const data = new Float32Array(f * n);
  rows.forEach((row, i) => row.forEach((v, j) => (data[j * n + i] = v)));
  return { dims: [1, f, n], data };
}

const padAnchors = (rows: number[][], n: number) => [...rows, ...Array.from({ length: n - rows.length }, () => [0, 0, 0, 0, 0, 0, 0, 0])];

describe('yoloLayout', () => {
  it.each([
    { dims: [1, 84, 8400], anchors: 8400, classes: 80 },
    { dims: [1, 8400, 84], anchors: 8400, classes: 80 },
    { dims: [1, 6, 10], anchors: 10, classes: 2 },
  ])('$dims', ({ dims, anchors, classes }) => {
    const l = yoloLayout(dims);
    expect([l.anchors, l.classes]).toEqual([anchors, classes]);
  });

  it('rejects a 2-D output', () => {
    expect(() => yoloLayout([84, 8400])).toThrow(/expected \[1, 4\+C, N\]/);
  });
});

describe('decodeYolo', () => {
  const cases = [
    { name: 'one person', rows: [[100, 50, 20, 40, 0.8, 0, 0, 0]], expected: ['person 0.8 90,30,110,70'] },
    { name: 'best mapped class wins (truck over car)', rows: [[10, 10, 4, 4, 0, 0.3, 0.5, 0]], expected: ['truck 0.5 8,8,12,12'] },
    { name: 'below threshold is dropped', rows: [[10, 10, 4, 4, 0.29, 0, 0, 0]], expected: [] },
    { name: 'unmapped class 3 ignored', rows: [[10, 10, 4, 4, 0, 0, 0, 0.99]], expected: [] },
    { name: 'a passing class beats a higher failing one', rows: [[10, 10, 4, 4, 0.25, 0.21, 0, 0]], expected: ['car 0.21 8,8,12,12'] },
  ];
  it.each(cases)('$name', ({ rows, expected }) => {
    const got = decodeYolo(channelsFirst(padAnchors(rows, 10)), { classMap, thresholds });
    expect(got.map((c) => `${c.label} ${Math.round(c.score * 100) / 100} ${[c.x1, c.y1, c.x2, c.y2].join(',')}`)).toEqual(expected);
  });

  it('decodes the transposed layout identically', () => {
    const rows = padAnchors([[100, 50, 20, 40, 0.8, 0, 0, 0]], 10);
    const data = Float32Array.from(rows.flat());
    const got = decodeYolo({ dims: [1, 10, 8], data }, { classMap, thresholds });
    expect(got.map((c) => [c.label, c.x1, c.y2])).toEqual([['person', 90, 70]]);
  });

  it('rejects a class map beyond the model classes', () => {
    const big = new Map<number, Label>([[7, 'knife']]);
    expect(() => decodeYolo(channelsFirst(padAnchors([], 10)), { classMap: big, thresholds })).toThrow(/index 7 beyond the model's 4 classes/);
  });
});
