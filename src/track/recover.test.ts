import { describe, expect, it } from 'vitest';
import type { Box, Detection, Label, Track } from '../core/types.ts';
import { createTracker } from './tracker.ts';
import { recoverySimilarity } from './recover.ts';

const b = (x1: number, y1: number, x2: number, y2: number): Box => ({ x1, y1, x2, y2 });
const det = (box: Box, score: number, label: Label = 'person'): Detection => ({ box, score, label });

describe('recoverySimilarity', () => {
  const last = b(0.4, 0.6, 0.6, 0.8);
  it.each([
    { name: 'the same place', d: b(0.41, 0.61, 0.61, 0.81), match: true },
    { name: 'a larger box spreading over it (the body lying down)', d: b(0.25, 0.6, 0.75, 0.85), match: true },
    { name: 'a smaller box inside it (a fragment, clutter)', d: b(0.45, 0.65, 0.5, 0.75), match: false },
    { name: 'beside it', d: b(0.62, 0.6, 0.82, 0.8), match: false },
    { name: 'a box over six times larger (a group, furniture)', d: b(0.1, 0.3, 0.9, 0.95), match: false },
  ])('$name -> $match', ({ d, match }) => {
    expect(recoverySimilarity(last, d, 0.3) > 0).toBe(match);
  });
});

/** Person track ids over rows of detections (5 fps). */
function ids(rows: readonly (readonly Detection[])[]): Track[][] {
  const tracker = createTracker({ highScoreOf: () => 0.3 });
  return rows.map((dets, f) => tracker.update(dets, f * 200));
}

const STAND = b(0.45, 0.3, 0.55, 0.8);
const CROUCH = b(0.42, 0.55, 0.58, 0.8);
const LIE = b(0.3, 0.62, 0.75, 0.82);

describe('tracker on a fall', () => {
  it('keeps the person through a sudden collapse and a lying body scored low', () => {
    const rows = [...Array.from({ length: 6 }, () => [det(STAND, 0.8)]), [det(CROUCH, 0.6)], [], [det(LIE, 0.15)], [det(LIE, 0.18)]];
    const out = ids(rows);
    const id = out[5]![0]!.id;
    expect(out[9]!.map((t) => [t.id, t.state, t.lastSeenMs])).toEqual([[id, 'confirmed', 9 * 200]]);
  });

  it('a missed person keeps the size last measured, not a size shrinking on to nothing', () => {
    const out = ids([...Array.from({ length: 6 }, () => [det(STAND, 0.8)]), [det(CROUCH, 0.6)], []]);
    const lost = out[7]![0]!;
    expect(lost.state).toBe('lost');
    expect(lost.box.y2 - lost.box.y1).toBeCloseTo(CROUCH.y2 - CROUCH.y1, 2);
  });

  it('a vehicle is not recovered on its last box (its prediction is trusted)', () => {
    const car = (x: number) => b(x, 0.5, x + 0.1, 0.6);
    const rows = [...[0, 1, 2, 3, 4].map((k) => [det(car(0.1 + 0.05 * k), 0.8, 'car')]), [], [det(car(0.3), 0.15, 'car')]];
    const out = ids(rows);
    expect(out[6]!.map((t) => t.state)).toEqual(['lost']);
  });

  it('a person that never moved does not take a neighbour detection by centre distance', () => {
    const coat = b(0.1, 0.4, 0.2, 0.8);
    const walker = b(0.24, 0.42, 0.33, 0.8);
    const rows = [...Array.from({ length: 8 }, () => [det(coat, 0.35)]), [det(walker, 0.8)], [det(walker, 0.8)]];
    const out = ids(rows);
    const coatId = out[7]![0]!.id;
    const last = out[9]!;
    expect(last.find((t) => t.id === coatId)?.state).toBe('lost');
    expect(last.find((t) => t.id !== coatId)?.state).toBe('confirmed');
  });
});
