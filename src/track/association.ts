/**
 * Track <-> detection association: a similarity matrix and a global (Hungarian) assignment.
 *
 * Why Hungarian rather than greedy-by-best-IoU: with people crossing or walking side by side, the
 * best single pair can steal the detection that the other track needs, and greedy then swaps IDs;
 * the optimal assignment maximises total similarity instead. With tens of tracks per camera it
 * costs microseconds (see tracker.bench.ts).
 *
 * Similarity: IoU of the predicted box and the detection when IoU >= minIou. At 5 fps a fast object
 * can move more than its own size between frames (IoU = 0), so, failing that, a gated centre
 * distance measured in box sizes gives a similarity strictly below minIou: any real overlap wins.
 * Pairs from different label groups never match (car/bus/truck flips stay one track; a person
 * never takes over a car's track).
 */
import type { Box } from '../core/types.ts';
import { boxArea, boxCenter, iou } from '../core/geometry.ts';

export interface MatchParams {
  /** IoU at or above which a pair matches on overlap. */
  readonly minIou: number;
  /** Max centre distance, in mean box sizes (sqrt of area), for the distance fallback; 0 disables it. */
  readonly centreGate: number;
  /** Max ratio of the larger to the smaller box area for the distance fallback. */
  readonly maxAreaRatio: number;
}

export interface Candidate {
  readonly box: Box;
  readonly group: string | undefined;
  /** Multiplies centreGate (lost tracks: the prediction is less certain the longer they are unseen). */
  readonly gateScale: number;
}

export interface Association {
  readonly matches: readonly (readonly [number, number])[];
  readonly unmatchedTracks: readonly number[];
  readonly unmatchedDetections: readonly number[];
}

const FORBIDDEN = 1e6;

/** 0 means "may not match". */
export function similarity(track: Box, det: Box, p: MatchParams, gateScale = 1): number {
  const overlap = iou(track, det);
  if (overlap >= p.minIou) return overlap;
  if (p.centreGate <= 0) return 0;
  const a1 = boxArea(track);
  const a2 = boxArea(det);
  if (a1 <= 0 || a2 <= 0 || Math.max(a1, a2) / Math.min(a1, a2) > p.maxAreaRatio) return 0;
  const c1 = boxCenter(track);
  const c2 = boxCenter(det);
  const size = (Math.sqrt(a1) + Math.sqrt(a2)) / 2;
  const d = Math.hypot(c1.x - c2.x, c1.y - c2.y) / size;
  const gate = p.centreGate * gateScale;
  if (d >= gate) return 0;
  // In (0, minIou): closer is better, and never above a real overlap match.
  return p.minIou * 0.99 * (1 - d / gate) + 1e-6;
}

export function similarityMatrix(
  tracks: readonly Candidate[],
  dets: readonly Candidate[],
  p: MatchParams,
): number[][] {
  return tracks.map((t) =>
    dets.map((d) => (t.group === d.group ? similarity(t.box, d.box, p, t.gateScale) : 0)),
  );
}

export function associate(
  tracks: readonly Candidate[],
  dets: readonly Candidate[],
  p: MatchParams,
  solve: (cost: readonly (readonly number[])[]) => [number, number][],
): Association {
  const sim = similarityMatrix(tracks, dets, p);
  // One "stay unmatched" column per track at cost 1 (= similarity 0): the solver then maximises the
  // total similarity of the pairs it keeps, rather than the number of pairs (two weak matches must
  // not beat one strong match plus one unmatched track).
  const unmatched = new Array<number>(tracks.length).fill(1);
  const cost = sim.map((row) => [...row.map((s) => (s > 0 ? 1 - s : FORBIDDEN)), ...unmatched]);
  const matches = solve(cost).filter(([t, d]) => d < dets.length && sim[t]![d]! > 0);
  const tUsed = new Set(matches.map(([t]) => t));
  const dUsed = new Set(matches.map(([, d]) => d));
  return {
    matches,
    unmatchedTracks: tracks.map((_, i) => i).filter((i) => !tUsed.has(i)),
    unmatchedDetections: dets.map((_, i) => i).filter((i) => !dUsed.has(i)),
  };
}
