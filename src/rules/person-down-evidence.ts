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
import type { Box, Detection, Point } from '../core/types.ts';
import { iou } from '../core/geometry.ts';

export interface BoxSample {
  readonly tMs: number;
  readonly box: Box;
  /** The box only kept the track alive (a detection under the label's threshold): never a reference. */
  readonly weak?: boolean;
}

/** The track box matches one of the frame's detections above threshold (`detections` absent: taken as sure). */
export const SURE_IOU = 0.8;
export function isSure(box: Box, detections: readonly Detection[] | undefined): boolean {
  return detections === undefined || detections.some((d) => d.label === 'person' && iou(d.box, box) >= SURE_IOU);
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
  /** Horizontal gap between the box and the reference, in reference heights (pixels); 0 when they overlap. */
  readonly gap: number;
  /** Box area over reference area. */
  readonly area: number;
  /** The box touches an edge of the frame: the body may go on beyond it. */
  readonly cut: boolean;
}

/** What the pose adds, when the analyzer ran it (see analyzers/pose/extras.ts). */
export interface PoseHint {
  readonly torsoDeg?: number;
  readonly torsoScore?: number;
  readonly hipY?: number;
  /** Midpoints of the shoulders and of the hips, normalised frame coordinates. */
  readonly shoulders?: Point;
  readonly hips?: Point;
}

/** The first test a box fails to be a body on the ground (see downCheck). */
export type DownLack = 'low' | 'place' | 'length' | 'flat' | 'bent';

export const FALL = {
  /** A box at most this wide for its height (pixels) is upright. */
  uprightMaxAspect: 0.8,
  /**
   * Smaller references (normalised height) are not judged. Under about 15 % of the frame height a
   * standing person is under ~50 px at the detector's input (416 px, letterboxed) and a lying body
   * under ~15 px thick: its box is then made of fragments and of clutter scored as a person (a
   * tripod, a bin), one fragment moves the top by a tenth of the height, and a passer-by merging
   * with such clutter "falls" into it.
   */
  minRefHeight: 0.15,
  /** A reference touching the frame top has lost its head: unusable. */
  minRefTop: 0.01,
  /** The reference is the highest upright box in this window before the frame judged. */
  refWindowMs: 1000,
  /**
   * A reference is at least this share of the tallest upright box in the history standing on the
   * same ground: its bottom within sameGround of its height (someone walking away from the camera
   * gets smaller with the bottom moving up; someone going down slowly keeps the bottom).
   */
  standingShare: 0.8,
  sameGround: 0.15,
  /**
   * With no upright box in the last refWindowMs, the last one within this time is the reference,
   * provided the top also dropped fallStartDescent within refWindowMs: someone who kneels or bends
   * for a moment and then topples over (see fallOnset).
   */
  standingMemoryMs: 3000,
  /**
   * ...and provided the drop started from kneeling or bending, the top still within this of its
   * upright height (standing heights): lying back from sitting on the floor (~0.5) is deliberate.
   */
  maxToppleStart: 0.4,
  /** Box history kept per track. */
  historyMs: 3500,
  /** A top coming down this much within refWindowMs, with the box shorter or wide, starts a fall. */
  fallStartDescent: 0.25,
  /** A box at most this tall (reference heights) is shorter: its top came down towards its bottom. */
  shorterShrink: 0.85,
  /**
   * From the start of the fall (the first falling frame), the body must be on the ground within this
   * time. A slow descent (sitting or lying down deliberately) never starts a fall: the top must
   * come down fallStartDescent within refWindowMs first.
   */
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
  /**
   * A box cut by the frame edge has no measurable length: it is a body when it still covers this
   * share of the upright box's area and is wide (a walker leaving the frame leaves a remnant that is
   * either tall or small).
   */
  minCutArea: 0.4,
  /** Pixels from a frame edge (normalised) within which a box is cut by it. */
  edgeMargin: 0.01,
  /**
   * A body lying along the line of sight is short: its pose then shows a torso (hips to shoulders)
   * foreshortened to at most this length (reference heights; about 0.3 upright) with the shoulders
   * at least downDescent below the upright top.
   */
  endOnTorso: 0.15,
  /**
   * A fall can land beside where the person stood: the body rotates about the feet, which a stumble
   * carries at most a step (about half a standing height) before it lands; the lying box starts
   * within that of the upright box (reference heights, pixels).
   */
  maxSideGap: 0.5,
  /**
   * A body on the ground lies still: its centre moves at most this much (reference heights, pixels)
   * over stillWindowMs. A walker leaving the frame with the top of the box coming down moves half a
   * standing height a second or more.
   */
  maxBodyShift: 0.3,
  stillWindowMs: 1000,
  /** The bottom of a fallen body comes down at most this much (reference heights). */
  maxDrop: 1,
  /** Hips at least this high above the box bottom (reference heights): bending, not lying. */
  bentHipHeight: 0.4,
  /** Back up: the top above this descent and the box no longer flat. */
  recoverDescent: 0.35,
} as const;

/**
 * The two calibration knobs of a camera (params fallDescent and fallMinHeight, see
 * config/schema.ts) over FALL.downDescent and FALL.minRefHeight.
 */
export interface FallTuning {
  readonly downDescent: number;
  readonly minRefHeight: number;
}

export const DEFAULT_TUNING: FallTuning = { downDescent: FALL.downDescent, minRefHeight: FALL.minRefHeight };

export function tuningOf(params: { readonly fallDescent?: number; readonly fallMinHeight?: number }): FallTuning {
  return { downDescent: params.fallDescent ?? FALL.downDescent, minRefHeight: params.fallMinHeight ?? FALL.minRefHeight };
}

export function pixelAspect(box: Box, frameAspect: number): number {
  const h = box.y2 - box.y1;
  return h > 0 ? ((box.x2 - box.x1) * frameAspect) / h : Number.POSITIVE_INFINITY;
}

export function isUpright(box: Box, frameAspect: number, k: FallTuning = DEFAULT_TUNING): boolean {
  return pixelAspect(box, frameAspect) <= FALL.uprightMaxAspect && box.y2 - box.y1 >= k.minRefHeight && box.y1 >= FALL.minRefTop;
}

/**
 * The highest upright box within windowMs before tMs (tMs itself excluded) that is also standing
 * tall: at least standingShare of the tallest upright box in the history with its bottom at the
 * same place. Someone lying down slowly passes through boxes that are still upright but already
 * half way down (the feet where they were): not references. Someone walking away is smaller at
 * each step, but with the feet further up the image: each step is a reference.
 * Only sure boxes count: an upright person is what an upright-trained detector scores best, a weak
 * box is a fragment of someone or clutter that kept the track alive.
 */
export function referenceAt(
  history: readonly BoxSample[],
  tMs: number,
  frameAspect: number,
  windowMs: number = FALL.refWindowMs,
  k: FallTuning = DEFAULT_TUNING,
): UprightRef | undefined {
  const upright = history.filter((s) => s.tMs < tMs && !s.weak && isUpright(s.box, frameAspect, k));
  const height = (b: Box): number => b.y2 - b.y1;
  const tallestAt = (b: Box): number =>
    Math.max(0, ...upright.filter((u) => Math.abs(u.box.y2 - b.y2) <= FALL.sameGround * height(b)).map((u) => height(u.box)));
  let best: BoxSample | undefined;
  for (const s of upright) {
    if (tMs - s.tMs > windowMs || height(s.box) < FALL.standingShare * tallestAt(s.box)) continue;
    if (!best || s.box.y1 < best.box.y1) best = s;
  }
  return best && { tMs: best.tMs, box: best.box, height: best.box.y2 - best.box.y1 };
}

export function measure(box: Box, ref: UprightRef, frameAspect: number): FallMeasure {
  const r = ref.box;
  const e = FALL.edgeMargin;
  const refArea = (r.x2 - r.x1) * (r.y2 - r.y1);
  return {
    descent: (box.y1 - r.y1) / ref.height,
    shrink: (box.y2 - box.y1) / ref.height,
    aspect: pixelAspect(box, frameAspect),
    lift: (r.y2 - box.y2) / ref.height,
    span: Math.max((box.x2 - box.x1) * frameAspect, box.y2 - box.y1) / ref.height,
    overlaps: Math.min(box.x2, r.x2) > Math.max(box.x1, r.x1),
    gap: (Math.max(0, box.x1 - r.x2, r.x1 - box.x2) * frameAspect) / ref.height,
    area: refArea > 0 ? ((box.x2 - box.x1) * (box.y2 - box.y1)) / refArea : 0,
    cut: box.x1 <= e || box.y1 <= e || box.x2 >= 1 - e || box.y2 >= 1 - e,
  };
}

/**
 * The reference a fall starts from at this box, if it starts: the person's upright box of the last
 * refWindowMs, the top now down by fallStartDescent with the box shorter or wide (isDescending).
 * With no upright box that recent (someone kneeling or bending first, a few weak frames), the
 * upright box of the last standingMemoryMs, provided the top also dropped fallStartDescent within
 * refWindowMs from a kneeling or bent posture (maxToppleStart): the topple itself is fast. A slow
 * descent (sitting or lying down deliberately), or lying back from sitting on the floor, has neither.
 */
export function fallOnset(history: readonly BoxSample[], box: Box, tMs: number, frameAspect: number, k: FallTuning = DEFAULT_TUNING): UprightRef | undefined {
  const ref = referenceAt(history, tMs, frameAspect, FALL.refWindowMs, k);
  if (ref) return isDescending(measure(box, ref, frameAspect), FALL.fallStartDescent) ? ref : undefined;
  const older = referenceAt(history, tMs, frameAspect, FALL.standingMemoryMs, k);
  if (!older || !isDescending(measure(box, older, frameAspect), FALL.fallStartDescent)) return undefined;
  const recentTop = Math.min(...history.filter((s) => s.tMs < tMs && tMs - s.tMs <= FALL.refWindowMs).map((s) => s.box.y1));
  const fromKneeling = (recentTop - older.box.y1) / older.height <= FALL.maxToppleStart;
  return fromKneeling && (box.y1 - recentTop) / older.height >= FALL.fallStartDescent ? older : undefined;
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

/** How far the centre of the latest body box moved from the earliest of the last stillWindowMs (reference heights, pixels). */
export function bodyShift(bodies: readonly BoxSample[], ref: UprightRef, frameAspect: number): number {
  const last = bodies.at(-1);
  if (!last) return 0;
  const first = bodies.find((b) => last.tMs - b.tMs <= FALL.stillWindowMs) ?? last;
  const dx = ((first.box.x1 + first.box.x2 - last.box.x1 - last.box.x2) / 2) * frameAspect;
  const dy = (first.box.y1 + first.box.y2 - last.box.y1 - last.box.y2) / 2;
  return Math.hypot(dx, dy) / ref.height;
}

/** Keeps the samples of the last historyMs. */
export function pushSample(history: readonly BoxSample[], sample: BoxSample): BoxSample[] {
  return [...history.filter((s) => sample.tMs - s.tMs <= FALL.historyMs && s.tMs < sample.tMs), sample];
}
