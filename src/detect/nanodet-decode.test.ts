import { describe, expect, it } from 'vitest';
import type { Label } from '../core/types.ts';
import type { RawTensor } from './candidates.ts';
import { decodeNanodet, expectedBin, identifyNanodetLevels } from './nanodet-decode.ts';
import { createThresholdTable } from './thresholds.ts';

const INPUT = 32;
const CLASSES = 3;
const BINS = 5;
const classMap = new Map<number, Label>([
  [0, 'person'],
  [2, 'car'],
]);
const thresholds = createThresholdTable({ person: 0.3, car: 0.2 });

/** Synthetic outputs for a 32x32 input: strides 8, 16, 32 -> 16, 4, 1 anchors. */
function outputs(hot: { stride: number; anchor: number; cls: number; score: number; bins: [number, number, number, number] }[]): RawTensor[] {
  const result: RawTensor[] = [];
  for (const stride of [8, 16, 32]) {
    const n = (INPUT / stride) ** 2;
    const scores = new Float32Array(n * CLASSES).fill(0.01);
    const dist = new Float32Array(n * 4 * BINS);
    for (const h of hot.filter((x) => x.stride === stride)) {
      scores[h.anchor * CLASSES + h.cls] = h.score;
      h.bins.forEach((bin, side) => (dist[(h.anchor * 4 + side) * BINS + bin] = 40));
    }
    result.push({ dims: [1, n, 4 * BINS], data: dist }, { dims: [1, n, CLASSES], data: scores });
  }
  return result;
}

const levelsOf = (t: RawTensor[]) => identifyNanodetLevels(t, { inputWidth: INPUT, inputHeight: INPUT, numClasses: CLASSES });
const opts = (centerOffset: number) => ({ inputWidth: INPUT, inputHeight: INPUT, numClasses: CLASSES, classMap, thresholds, centerOffset });

describe('expectedBin', () => {
  it.each([
    { name: 'peaked distribution -> its bin', logits: [0, 0, 50, 0, 0], expected: 2 },
    { name: 'flat distribution -> the middle', logits: [1, 1, 1, 1, 1], expected: 2 },
    { name: 'two equal peaks -> between them', logits: [30, 0, 0, 30, 0], expected: 1.5 },
  ])('$name', ({ logits, expected }) => {
    expect(expectedBin(Float32Array.from(logits), 0, 5)).toBeCloseTo(expected, 5);
  });
});

describe('identifyNanodetLevels', () => {
  it('pairs outputs by anchor count whatever their order', () => {
    const levels = levelsOf(outputs([]).reverse());
    expect(levels.map((l) => [l.stride, l.cols, l.rows, l.bins])).toEqual([
      [8, 4, 4, BINS],
      [16, 2, 2, BINS],
      [32, 1, 1, BINS],
    ]);
  });

  it('rejects an output of unknown shape', () => {
    expect(() => levelsOf([{ dims: [1, 16, 7], data: new Float32Array(112) }])).toThrow(/neither scores nor box/);
  });
});

describe('decodeNanodet', () => {
  const cases = [
    {
      name: 'stride 8, anchor (col 1, row 2), offset 0',
      hot: [{ stride: 8, anchor: 2 * 4 + 1, cls: 0, score: 0.9, bins: [1, 2, 3, 4] as [number, number, number, number] }],
      offset: 0,
      expected: [{ label: 'person', box: [8 - 8, 16 - 16, 8 + 24, 16 + 32] }],
    },
    {
      name: 'same anchor with offset 0.5 shifts by half a stride',
      hot: [{ stride: 8, anchor: 2 * 4 + 1, cls: 0, score: 0.9, bins: [1, 2, 3, 4] as [number, number, number, number] }],
      offset: 0.5,
      expected: [{ label: 'person', box: [12 - 8, 20 - 16, 12 + 24, 20 + 32] }],
    },
    {
      name: 'stride 32, single anchor, car',
      hot: [{ stride: 32, anchor: 0, cls: 2, score: 0.25, bins: [0, 0, 1, 1] as [number, number, number, number] }],
      offset: 0,
      expected: [{ label: 'car', box: [0, 0, 32, 32] }],
    },
    {
      name: 'score under the label threshold is dropped',
      hot: [{ stride: 16, anchor: 3, cls: 0, score: 0.29, bins: [1, 1, 1, 1] as [number, number, number, number] }],
      offset: 0,
      expected: [],
    },
    {
      name: 'unmapped class is dropped even with a high score',
      hot: [{ stride: 16, anchor: 3, cls: 1, score: 0.99, bins: [1, 1, 1, 1] as [number, number, number, number] }],
      offset: 0,
      expected: [],
    },
  ];
  it.each(cases)('$name', ({ hot, offset, expected }) => {
    const got = decodeNanodet(levelsOf(outputs(hot)), opts(offset));
    expect(got.map((c) => ({ label: c.label, box: [c.x1, c.y1, c.x2, c.y2].map((v) => Math.round(v * 1000) / 1000 + 0) }))).toEqual(expected);
  });
});
