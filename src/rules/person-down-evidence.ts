/**
 * person_down evidence from a track's own box history (shared by the rule and the pose analyzer,
 * which uses it to pick the few tracks worth a pose).
 *
 * A person's reference is the highest upright box (w/h <= FALL.uprightMaxAspect in pixels) seen
 * shortly before. Against it a later box gives, in reference heights:
 * - descent: how far the top (head) came down (0 standing, ~0.3 sitting on a chair, ~0.5 sitting
 *   on the floor or crouching, 0.5-1 lying);
 * - shrink: box height; lift: how far the bottom went up; span: the longer side of the box;
 * and its pixel aspect w/h (a lying body is wide). All relative to the person's own size, so the
 * thresholds hold near and far from the camera.
 */
import type { Box } from '../core/types.ts';

export interface BoxSample {
  readonly tMs: number;
  readonly box: Box;
}

/** The upright box a fall is measured from. */
export interface UprightRef {
  readonly tMs: number;
  readonly box: Box;
  readonly height: number;
}

export interface FallMeasure {
  readonly descent: number;
  readonly shrink: number;
  readonly aspect: number;
  /** How far the bottom went up, in reference heights (negative: down). */
  readonly lift: number;
  /** The box and the reference overlap horizontally. */
  readonly overlaps: boolean;
  /** The box's longer side in pixels over the reference height in pixels. */
  readonly span: number;
}

/** What the pose adds, when the analyzer ran it (see analyzers/pose/extras.ts). */
export interface PoseHint {
  readonly torsoDeg?: number;
  readonly torsoScore?: number;
  readonly hipY?: number;
}

export const FALL = {
  /** A box at most this wide for its height (pixels) is upright. */
  uprightMaxAspect: 0.8,
  /** Smaller references (normalised height) are too noisy to judge a posture. */
  minRefHeight: 0.08,
  /** A reference touching the frame top has lost its head: unusable. */
  minRefTop: 0.01,
  /** The reference is the highest upright box in this window before the frame judged. */
  refWindowMs: 1000,
  /** A reference is at least this share of the tallest upright box in the history. */
  standingShare: 0.8,
  /** Box history kept per track. */
  historyMs: 2500,
  /** A top coming down this much within refWindowMs, with the box shorter or wide, starts a fall. */
  fallStartDescent: 0.25,
  /** A box at most this tall (reference heights) is shorter: its top came down towards its bottom. */
  shorterShrink: 0.85,
  /** From the reference, the body must be on the ground within this time: a fall, not sitting down. */
  fallMaxMs: 2000,
  /** On the ground: the top at least this low and the body flat; below deepDescent the bend test is skipped. */
  downDescent: 0.5,
  deepDescent: 0.7,
  flatAspect: 1.0,
  flatShrink: 0.5,
  flatTorsoDeg: 50,
  minPoseScore: 0.3,
  /**
   * A body on the ground still spans at least this share of its standing height (foreshortened
   * when it lies along the line of sight): a box that shrank all round is a part of someone.
   */
  minSpan: 0.5,
  /** The bottom of a fallen body comes down at most this much (reference heights). */
  maxDrop: 1,
  /** Hips at least this high above the box bottom (reference heights): bending, not lying. */
  bentHipHeight: 0.4,
  /** Back up: the top above this descent and the box no longer flat. */
  recoverDescent: 0.35,
} as const;

export function pixelAspect(box: Box, frameAspect: number): number {
  const h = box.y2 - box.y1;
  return h > 0 ? ((box.x2 - box.x1) * frameAspect) / h : Number.POSITIVE_INFINITY;
}

export function isUpright(box: Box, frameAspect: number): boolean {
  return pixelAspect(box, frameAspect) <= FALL.uprightMaxAspect && box.y2 - box.y1 >= FALL.minRefHeight && box.y1 >= FALL.minRefTop;
}

/**
 * The highest upright box within windowMs before tMs (tMs itself excluded) that is also standing
 * tall: at least standingShare of the tallest upright box in the history. Someone lying down
 * slowly passes through boxes that are still upright but already half way down: not references.
 */
export function referenceAt(
  history: readonly BoxSample[],
  tMs: number,
  frameAspect: number,
  windowMs: number = FALL.refWindowMs,
): UprightRef | undefined {
  const upright = history.filter((s) => s.tMs < tMs && isUpright(s.box, frameAspect));
  const tallest = Math.max(0, ...upright.map((s) => s.box.y2 - s.box.y1));
  let best: BoxSample | undefined;
  for (const s of upright) {
    if (tMs - s.tMs > windowMs || s.box.y2 - s.box.y1 < FALL.standingShare * tallest) continue;
    if (!best || s.box.y1 < best.box.y1) best = s;
  }
  return best && { tMs: best.tMs, box: best.box, height: best.box.y2 - best.box.y1 };
}

export function measure(box: Box, ref: UprightRef, frameAspect: number): FallMeasure {
  return {
    descent: (box.y1 - ref.box.y1) / ref.height,
    shrink: (box.y2 - box.y1) / ref.height,
    aspect: pixelAspect(box, frameAspect),
    lift: (ref.box.y2 - box.y2) / ref.height,
    span: Math.max((box.x2 - box.x1) * frameAspect, box.y2 - box.y1) / ref.height,
    overlaps: Math.min(box.x2, ref.box.x2) > Math.max(box.x1, ref.box.x1),
  };
}

/**
 * A body on the ground lies where it stood: it overlaps the upright box horizontally and its
 * bottom came down at most maxDrop heights (falling towards the camera). A box elsewhere is
 * another object that took over the track (an ID switch), not a fall.
 */
export function isNear(m: FallMeasure): boolean {
  return m.overlaps && m.lift >= -FALL.maxDrop;
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
 * On the ground: low, flat, still a body's length, where it stood, and unless very low, the hips
 * not high above the feet (a deep forward bend brings the head to about half the standing height,
 * rarely below deepDescent). Low alone is not enough: seen from above, a person walking down the
 * image has a top that comes down as fast, with a box that stays upright.
 */
export function isDown(box: Box, ref: UprightRef, m: FallMeasure, pose: PoseHint | undefined): boolean {
  if (m.descent < FALL.downDescent || m.span < FALL.minSpan || !isNear(m) || !isFlat(m, pose)) return false;
  return m.descent >= FALL.deepDescent || !isBent(box, ref, pose);
}

/**
 * The top came down by at least minDescent towards the bottom (the box got shorter) or the box
 * turned wide. A box that just moves down the image with its size (someone walking towards a
 * high camera) does not count.
 */
export function isDescending(m: FallMeasure, minDescent: number): boolean {
  return m.descent >= minDescent && (m.shrink <= FALL.shorterShrink || m.aspect >= FALL.flatAspect);
}

export function isRecovered(m: FallMeasure): boolean {
  return m.descent < FALL.recoverDescent && m.aspect < FALL.flatAspect;
}

/** Keeps the samples of the last historyMs. */
export function pushSample(history: readonly BoxSample[], sample: BoxSample): BoxSample[] {
  return [...history.filter((s) => sample.tMs - s.tMs <= FALL.historyMs && s.tMs < sample.tMs), sample];
}
