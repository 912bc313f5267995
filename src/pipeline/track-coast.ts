/**
 * Coasting (part of motion gating): a frame whose motion is all explained by objects already
 * tracked skips the detector, as DeepStream's `interval` does between inference passes. Pure functions.
 *
 * The gate measures motion against the frame the detector last saw. The motion is explained when
 * its changed pixels lie on the paths of that frame's detections that belong to confirmed tracks
 * (or, without the pixels, each changed region within one path). A path is the hull of the box
 * where the detection was and the box where its track's velocity (measured between the
 * detector's two last passes that saw it) puts it now, widened by a margin. Then the detections of
 * that frame are handed on: those the motion touched moved by that velocity, with what lies mostly
 * within them (a bag, a weak part box); those it did not touch as they were (their pixels did not
 * change). Anything else needs the detector: changed pixels beyond every path (an object entering,
 * a person falling out of their box, a missed object moving), a tentative track the motion
 * touched, a touched detection with no confirmed track of its label or no velocity (weak ones
 * included: a person on the floor often scores under the threshold; no velocity either for a box
 * whose width or height changed by 15 % or more between the two passes: a person falling).
 * A coast never lasts longer than `maxMs` since the detector's last pass.
 */
import type { Box, Detection, Point, Track } from '../core/types.ts';
import { boxArea, boxCenter, boxesOverlap, boxHeight, boxWidth, clampBox, intersection, iou } from '../core/geometry.ts';
import { DEFAULT_MOTION, type GreyImage } from './motion.ts';

/** An untracked detection moves with a tracked one that holds at least this share of its area. */
const CARRIED_SHARE = 0.5;

export interface CoastOptions {
  /** Longest coast since the detector's last pass (camera media time); 0 disables coasting. */
  readonly maxMs: number;
  /** A detection belongs to the track whose box overlaps it by at least this IoU (on the detector's frame). */
  readonly minIou: number;
  /** The path of a detection is widened by this share of its width and height on each side. */
  readonly margin: number;
  /** Changed pixels outside every path, fewer than this, are noise (the motion gate's own minimum for a region). */
  readonly strayPixels: number;
}

export const DEFAULT_COAST: CoastOptions = { maxMs: 500, minIou: 0.5, margin: 0.25, strayPixels: DEFAULT_MOTION.minPixels };

/** A detection of the detector's last frame, the track it belongs to, and how fast that track moved. */
export interface CoastAnchor {
  readonly detection: Detection;
  readonly trackId?: number;
  /**
   * Velocity of the box centre (normalised units per second) between the detector's two last
   * passes that saw this track: measured on detections only, never on the tracker's estimate (which
   * the handed-on detections feed: estimating from it would amplify its own errors).
   */
  readonly velocity?: Point;
}

/** A track's previous pass further back than this gives no velocity. */
const MAX_VELOCITY_GAP_MS = 1000;
/** Between the two passes, the box's width and height each changed by less than this share. */
const MAX_SIZE_CHANGE = 0.15;

function steadySize(a: Box, b: Box): boolean {
  const change = (x: number, y: number): number => Math.abs(y - x) / Math.max(x, 1e-6);
  return change(boxWidth(a), boxWidth(b)) < MAX_SIZE_CHANGE && change(boxHeight(a), boxHeight(b)) < MAX_SIZE_CHANGE;
}

/**
 * Pairs the detections of a detector pass (at `tMs`) with the tracks the tracker matched on that
 * frame (all of them, tentative ones included: the velocity is then known when they are
 * confirmed), of the same label, and measures each track's velocity against the previous pass (`previous`, at `previousMs`).
 */
export function anchorDetections(
  detections: readonly Detection[],
  tracks: readonly Track[],
  tMs: number,
  minIou: number,
  previous: readonly CoastAnchor[] = [],
  previousMs = Number.NEGATIVE_INFINITY,
): CoastAnchor[] {
  const matched = tracks.filter((t) => t.state !== 'lost' && t.lastSeenMs === tMs);
  const dt = (tMs - previousMs) / 1000;
  const before = dt > 0 && dt * 1000 <= MAX_VELOCITY_GAP_MS ? new Map(previous.flatMap((a) => (a.trackId === undefined ? [] : [[a.trackId, a.detection.box] as const]))) : new Map<number, Box>();
  return detections.map((detection) => {
    let best: Track | undefined;
    let bestIou = minIou;
    for (const t of matched) {
      const o = iou(detection.box, t.box);
      if (o >= bestIou && t.label === detection.label) {
        best = t;
        bestIou = o;
      }
    }
    if (!best) return { detection };
    const was = before.get(best.id);
    // A box that changed shape (a person falling, bending, turning) is not extrapolated: no velocity.
    if (!was || !steadySize(was, detection.box)) return { detection, trackId: best.id };
    const now = boxCenter(detection.box);
    const then = boxCenter(was);
    return { detection, trackId: best.id, velocity: { x: (now.x - then.x) / dt, y: (now.y - then.y) / dt } };
  });
}

export interface CoastInput {
  /** The detections of the detector's last pass, paired with their tracks (`anchorDetections`). */
  readonly anchors: readonly CoastAnchor[];
  /** The tracker's tracks after the previous frame, confirmed and lost: a touched track must still be confirmed. */
  readonly tracks: readonly Track[];
  /**
   * Boxes of the tracker's tentative tracks (something new, waiting for a second detection). One
   * the motion touched needs the detector; an untouched one is confirmed by its handed-on
   * detection, as on a still frame: same pixels, same detection.
   */
  readonly tentative: readonly Box[];
  /** Changed regions since the detector's last frame (normalised), at least one. */
  readonly motion: readonly Box[];
  /**
   * The changed pixels behind those regions (motion.ts). With them, the motion is explained when
   * the changed pixels of the regions lie within the paths (a region spanning two walkers is
   * explained by their two paths); without, when each region lies within one path.
   */
  readonly changed?: GreyImage;
  /** Media time since the detector's last pass. */
  readonly sinceDetectMs: number;
}

const inside = (a: Box, b: Box): boolean => a.x1 >= b.x1 && a.y1 >= b.y1 && a.x2 <= b.x2 && a.y2 <= b.y2;

function shift(b: Box, dx: number, dy: number): Box {
  return { x1: b.x1 + dx, y1: b.y1 + dy, x2: b.x2 + dx, y2: b.y2 + dy };
}

/** The hull of the box at the detector's frame and the box now, widened by `margin` of its size. */
function path(from: Box, to: Box, margin: number): Box {
  const mx = boxWidth(from) * margin;
  const my = boxHeight(from) * margin;
  return { x1: Math.min(from.x1, to.x1) - mx, y1: Math.min(from.y1, to.y1) - my, x2: Math.max(from.x2, to.x2) + mx, y2: Math.max(from.y2, to.y2) + my };
}

/**
 * The detections to hand on instead of a detector pass, or undefined when the motion is not all
 * explained by tracked objects (the detector must run).
 */
export function coastDetections(input: CoastInput, opts: CoastOptions = DEFAULT_COAST): Detection[] | undefined {
  if (opts.maxMs <= 0 || input.sinceDetectMs >= opts.maxMs || input.motion.length === 0) return undefined;
  const byId = new Map(input.tracks.map((t) => [t.id, t]));
  const touched = (d: Detection): boolean => input.motion.some((m) => boxesOverlap(m, d.box));
  if (input.tentative.some((b) => input.motion.some((m) => boxesOverlap(m, b)))) return undefined;
  const trackOf = (a: CoastAnchor): Track | undefined => (a.trackId === undefined ? undefined : byId.get(a.trackId));
  // Tracked detections the motion touched carry their velocity, and what lies mostly within them (a bag, a weak part box).
  const carriers = input.anchors.flatMap((a) => {
    const t = trackOf(a);
    return t && t.state === 'confirmed' && a.velocity && touched(a.detection) ? [{ box: a.detection.box, velocity: a.velocity }] : [];
  });
  const velocityOf = (a: CoastAnchor): Point | undefined => {
    if (a.trackId !== undefined) return trackOf(a)?.state === 'confirmed' ? a.velocity : undefined;
    const area = boxArea(a.detection.box);
    const carrier = carriers.find((c) => area > 0 && intersection(a.detection.box, c.box) >= CARRIED_SHARE * area);
    return carrier?.velocity;
  };
  const dt = input.sinceDetectMs / 1000;
  const paths: Box[] = [];
  const out: Detection[] = [];
  for (const a of input.anchors) {
    const d = a.detection;
    if (!touched(d)) {
      out.push(d);
      continue;
    }
    const v = velocityOf(a);
    if (!v) return undefined;
    const moved = clampBox(shift(d.box, v.x * dt, v.y * dt));
    paths.push(path(d.box, moved, opts.margin));
    out.push({ ...d, box: moved });
  }
  const explained = input.changed ? unexplainedPixels(input.changed, input.motion, paths) < opts.strayPixels : input.motion.every((m) => paths.some((p) => inside(m, p)));
  return explained ? out : undefined;
}

/** Changed pixels inside the motion regions that lie in no path (pixel centres, normalised). */
function unexplainedPixels(changed: GreyImage, regions: readonly Box[], paths: readonly Box[]): number {
  const { width: w, height: h, data } = changed;
  const seen = new Uint8Array(w * h);
  let count = 0;
  for (const r of regions) {
    for (let y = Math.max(0, Math.floor(r.y1 * h)); y < Math.min(h, Math.ceil(r.y2 * h)); y++) {
      const cy = (y + 0.5) / h;
      for (let x = Math.max(0, Math.floor(r.x1 * w)); x < Math.min(w, Math.ceil(r.x2 * w)); x++) {
        const i = y * w + x;
        if (!data[i] || seen[i]) continue;
        seen[i] = 1;
        const cx = (x + 0.5) / w;
        if (!paths.some((p) => cx >= p.x1 && cx <= p.x2 && cy >= p.y1 && cy <= p.y2)) count += 1;
      }
    }
  }
  return count;
}
