/**
 * Recovery of person tracks that the motion model lost: matched on where the person was last seen.
 *
 * A person can change shape abruptly (fall, crouch, sit, lie down) and then stop: the Kalman
 * prediction carries the sudden change of the last frames on (a box shrinking to nothing, or
 * moving on down past the floor), and a person lying or curled up scores low with an
 * upright-trained detector. Vehicles and bags move by inertia or are carried, so their prediction
 * is what to trust; a person stops where they fell. So a person track that no stage matched (lost,
 * or just missed) may take a detection left over, at any score above the floor, that lies where it
 * was last seen: overlapping its last real box as a low-score detection must overlap a track
 * (IoU >= lowMinIou), or spreading over it (covering at least half of it while being larger, as a
 * body lying spread out covers where it was crouching) at a similar scale. A smaller box inside
 * the last one is not taken: a fragment, or clutter that would keep a track alive forever. Pure.
 */
import type { Box, Detection } from '../core/types.ts';
import { boxArea, intersection, iou } from '../core/geometry.ts';
import { solveAssignment } from './hungarian.ts';

export const RECOVER = {
  /** The share of the last box a larger detection must cover. */
  minCover: 0.5,
  /**
   * Larger over smaller area at most: a person crouching mid-fall (about half their standing box)
   * and then lying with arms and legs spread (up to twice it) differ by about four; more is
   * another object (a group, a piece of furniture).
   */
  maxAreaRatio: 6,
} as const;

/** 0 when the detection cannot be the person last seen at `last`; else its IoU with it plus the share of it covered. */
export function recoverySimilarity(last: Box, det: Box, minIou: number): number {
  const a = boxArea(last);
  const b = boxArea(det);
  if (a <= 0 || b <= 0 || Math.max(a, b) / Math.min(a, b) > RECOVER.maxAreaRatio) return 0;
  const overlap = iou(last, det);
  const cover = intersection(last, det) / a;
  return overlap >= minIou || (b >= a && cover >= RECOVER.minCover) ? overlap + cover : 0;
}

const FORBIDDEN = 1e6;

/** Pairs [track index, detection index] of the best global assignment on recoverySimilarity. */
export function recoverPersons(lastBoxes: readonly Box[], dets: readonly Detection[], minIou: number): [number, number][] {
  if (lastBoxes.length === 0 || dets.length === 0) return [];
  const sim = lastBoxes.map((b) => dets.map((d) => (d.label === 'person' ? recoverySimilarity(b, d.box, minIou) : 0)));
  // Similarity is at most 2; one "stay unmatched" column per track at cost 2 (similarity 0).
  const cost = sim.map((row) => [...row.map((s) => (s > 0 ? 2 - s : FORBIDDEN)), ...lastBoxes.map(() => 2)]);
  return solveAssignment(cost).filter(([t, d]) => d < dets.length && sim[t]![d]! > 0);
}
