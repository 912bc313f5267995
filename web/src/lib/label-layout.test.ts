import { describe, expect, it } from 'vitest';
import { labelWidth, placeLabels, type LabelRequest, type Rect } from './label-layout.ts';

const W = 640;
const H = 360;
const req = (x: number, y: number, w = 60, h = 100): LabelRequest => ({ box: { x, y, w, h }, w: 50, h: 14 });
const overlap = (a: Rect, b: Rect): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('placeLabels', () => {
  it.each<[string, LabelRequest[], [number, number][]]>([
    ['alone: just above its box', [req(100, 100)], [[100, 86]]],
    ['at the top edge: inside the box', [req(100, 0)], [[100, 0]]],
    ['at the right edge: slid left into the frame', [req(620, 100)], [[590, 86]]],
    ['two boxes side by side: each above its own', [req(100, 100), req(300, 100)], [[100, 86], [300, 86]]],
    ['two boxes on the same spot: the second goes inside its box', [req(100, 100), req(110, 100)], [[100, 86], [110, 100]]],
    ['three on the same spot: the third below its box', [req(100, 100), req(105, 100), req(110, 100)], [[100, 86], [105, 100], [110, 200]]],
    ['at the bottom: kept inside the frame', [req(100, 350, 60, 10)], [[100, 336]]],
  ])('%s', (_name, requests, expected) => {
    expect(placeLabels(requests, W, H).map((r) => [r.x, r.y])).toEqual(expected);
  });

  it('a crowd of 20 boxes on the same spot: no two labels overlap while the frame has room', () => {
    const requests = Array.from({ length: 20 }, (_, i) => req(200 + i, 150));
    const placed = placeLabels(requests, W, H);
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) expect(overlap(placed[i]!, placed[j]!)).toBe(false);
      expect(placed[i]!.y).toBeGreaterThanOrEqual(0);
      expect(placed[i]!.y + placed[i]!.h).toBeLessThanOrEqual(H);
    }
  });

  it('a full frame: every label still placed (overlapping) inside the frame', () => {
    const placed = placeLabels(Array.from({ length: 40 }, () => req(10, 10)), W, 100);
    expect(placed).toHaveLength(40);
    expect(placed.every((r) => r.y >= 0 && r.y + r.h <= 100)).toBe(true);
  });
});

it.each<[number, number, number]>([
  [0, 10, 8],
  [10, 10, 70],
])('labelWidth(%i chars, %i px) = %i', (chars, size, w) => {
  expect(labelWidth(chars, size)).toBeCloseTo(w);
});
