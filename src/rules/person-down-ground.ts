/**
 * Is a box a person on the ground? The tests of the person_down rule's "down" state, each against
 * the person's own upright reference (person-down-evidence.ts): low, where it stood, a body's length,
 * flat, not bent. downCheck names the first test that fails (for explanations).
 */
import type { Box } from '../core/types.ts';
import { intersection } from '../core/geometry.ts';
import { DEFAULT_TUNING, FALL, type DownLack, type FallMeasure, type FallTuning, type PoseHint, type UprightRef } from './person-down-evidence.ts';

/**
 * A body on the ground lies where it stood: it overlaps the upright box horizontally, or, when the
 * fall went sideways, it touches the box last seen during the fall (`trail`: the body moves
 * continuously) and lies within a body length of where it stood; and its bottom came down at most
 * maxDrop heights (falling towards the camera). A box elsewhere is another object that took over
 * the track (an ID switch), not a fall.
 */
export function isNear(m: FallMeasure, box?: Box, trail?: Box): boolean {
  if (m.lift < -FALL.maxDrop) return false;
  return m.overlaps || (box !== undefined && trail !== undefined && m.gap <= FALL.maxSideGap && intersection(box, trail) > 0);
}

/** Hips high above the box bottom: a person bending over, whatever the box looks like. */
export function isBent(box: Box, ref: UprightRef, pose: PoseHint | undefined): boolean {
  return pose?.hipY !== undefined && (box.y2 - pose.hipY) / ref.height >= FALL.bentHipHeight;
}

export function isFlat(m: FallMeasure, pose: PoseHint | undefined): boolean {
  const torsoFlat = (pose?.torsoDeg ?? 0) >= FALL.flatTorsoDeg && (pose?.torsoScore ?? 0) >= FALL.minPoseScore;
  return m.aspect >= FALL.flatAspect || m.shrink <= FALL.flatShrink || torsoFlat;
}

/**
 * A body lying along the line of sight, by its pose: a torso found (shoulders and hips) but
 * foreshortened to half its upright length or less, the shoulders low. Sitting or kneeling upright
 * shows a full-length torso; bending towards the camera foreshortens it too, but keeps the hips
 * high (isBent).
 */
export function isEndOn(ref: UprightRef, pose: PoseHint | undefined, frameAspect: number, k: FallTuning = DEFAULT_TUNING): boolean {
  const { shoulders, hips } = pose ?? {};
  if (!shoulders || !hips || (pose?.torsoScore ?? 0) < FALL.minPoseScore) return false;
  const torsoLength = Math.hypot((shoulders.x - hips.x) * frameAspect, shoulders.y - hips.y) / ref.height;
  return torsoLength <= FALL.endOnTorso && (shoulders.y - ref.box.y1) / ref.height >= k.downDescent;
}

/**
 * Still a body's length: a box that shrank all round is a part of someone (hidden behind
 * something). A box cut by the frame edge is longer than it looks: its area and width stand in;
 * a body lying end-on is short: its pose stands in.
 */
export function hasLength(m: FallMeasure, ref: UprightRef, pose: PoseHint | undefined, frameAspect: number, k: FallTuning = DEFAULT_TUNING): boolean {
  if (m.span >= FALL.minSpan) return true;
  if (m.cut && m.area >= FALL.minCutArea && m.aspect >= FALL.flatAspect) return true;
  return isEndOn(ref, pose, frameAspect, k);
}

/**
 * Why a box is not a body on the ground, or undefined when it is: low (the top at least
 * downDescent down), where it stood (isNear), a body's length (hasLength), flat, and unless very
 * low, the hips not high above the feet (a deep forward bend brings the head to about half the
 * standing height, rarely below deepDescent). Low alone is not enough: seen from above, a person
 * walking down the image has a top that comes down as fast, with a box that stays upright.
 */
export function downCheck(
  box: Box,
  ref: UprightRef,
  m: FallMeasure,
  pose: PoseHint | undefined,
  frameAspect: number,
  trail?: Box,
  k: FallTuning = DEFAULT_TUNING,
): DownLack | undefined {
  if (m.descent < k.downDescent) return 'low';
  if (!isNear(m, box, trail)) return 'place';
  if (!hasLength(m, ref, pose, frameAspect, k)) return 'length';
  if (!isFlat(m, pose)) return 'flat';
  if (m.descent < FALL.deepDescent && isBent(box, ref, pose)) return 'bent';
  return undefined;
}

export function isDown(box: Box, ref: UprightRef, m: FallMeasure, pose: PoseHint | undefined, frameAspect = 1, trail?: Box, k: FallTuning = DEFAULT_TUNING): boolean {
  return downCheck(box, ref, m, pose, frameAspect, trail, k) === undefined;
}
