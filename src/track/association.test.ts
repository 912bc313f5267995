import { describe, expect, it } from 'vitest';
import type { Box } from '../core/types.ts';
import { associate, similarity, type Candidate, type MatchParams } from './association.ts';
import { solveAssignment } from './hungarian.ts';

const P: MatchParams = { minIou: 0.2, centreGate: 1.5, maxAreaRatio: 4 };
const box = (x: number, y: number, w = 0.1, h = 0.1): Box => ({ x1: x, y1: y, x2: x + w, y2: y + h });
const cand = (b: Box, group = 'person', gateScale = 1): Candidate => ({ box: b, group, gateScale });

describe('similarity', () => {
  it.each([
    { name: 'same box', a: box(0.1, 0.1), b: box(0.1, 0.1), check: (s: number) => s === 1 },
    { name: 'overlap above minIou is the IoU', a: box(0.1, 0.1), b: box(0.15, 0.1), check: (s: number) => Math.abs(s - 1 / 3) < 1e-9 },
    { name: 'no overlap, 1.2 sizes apart: fallback below minIou', a: box(0.1, 0.1), b: box(0.22, 0.1), check: (s: number) => s > 0 && s < 0.2 },
    { name: 'no overlap, 2 sizes apart: gated out', a: box(0.1, 0.1), b: box(0.3, 0.1), check: (s: number) => s === 0 },
    { name: 'near but 9x the area: gated out', a: box(0.1, 0.1), b: box(0.12, 0.1, 0.3, 0.3), check: (s: number) => s === 0 },
  ])('$name', ({ a, b, check }) => {
    expect(check(similarity(a, b, P))).toBe(true);
  });

  it('the gate widens with gateScale (lost tracks)', () => {
    expect(similarity(box(0.1, 0.1), box(0.3, 0.1), P, 2)).toBeGreaterThan(0);
  });
});

describe('associate', () => {
  it('prefers one strong pair over two weak ones', () => {
    // T0 sits on D0; T1 is near D0 only by distance; D1 is reachable by T0 only by distance.
    const tracks = [cand(box(0.1, 0.1)), cand(box(0.0, 0.1))];
    const dets = [cand(box(0.1, 0.1)), cand(box(0.22, 0.1))];
    const a = associate(tracks, dets, { ...P, centreGate: 1.3 }, solveAssignment);
    expect(a.matches).toEqual([[0, 0]]);
    expect(a.unmatchedTracks).toEqual([1]);
    expect(a.unmatchedDetections).toEqual([1]);
  });

  it('never pairs across label groups', () => {
    const a = associate([cand(box(0.1, 0.1), 'vehicle')], [cand(box(0.1, 0.1), 'person')], P, solveAssignment);
    expect(a.matches).toEqual([]);
  });
});
