/**
 * Coasting (part of motion gating): a frame whose motion is all explained skips the detector, as
 * DeepStream's `interval` does between inference passes. Pure functions.
 *
 * The gate measures motion against the frame the detector last saw. The motion is explained when
 * its changed pixels lie on the paths of that frame's detections that belong to confirmed tracks,
 * or within the regions that were already moving when the detector last looked (the detector has
 * seen that motion; such a coast lasts `uncertainMs` at most, `maxMs` otherwise). A path is the hull of the box where the
 * detection was and the box where its track's velocity (measured between the detector's two last
 * passes that saw it) puts it now, widened by a margin; a track with no measured velocity (new, or
 * a box that changed shape between the passes: a person falling) stays where it was, its path its
 * widened box. The detections of that frame are then handed on: tracked ones the motion touched
 * moved by their velocity, with what lies mostly within them (a bag, a weak part box); the others
 * as they were (the tracker takes a handed-on copy as no evidence: it confirms no tentative track).
 * The detector runs for changed pixels beyond every path and every such region (an object entering,
 * a person falling out of their box and away from where anything moved; a few of them, under
 * `smallPixels`, wait like uncertain motion for at most `uncertainMs`), for uncertain motion (a
 * touched detection no confirmed track carries) on cameras that watch falls or fire, and at the
 * latest `maxMs` after its last pass.
 */
import type { Box, Detection, EventType, Label, Point, Track } from '../core/types.ts';
import { boxArea, boxCenter, boxWithin, boxesOverlap, boxHeight, boxWidth, clampBox, growBox, intersection, iou, unionBox } from '../core/geometry.ts';
import { groupOf } from '../core/labels.ts';
import { DEFAULT_MOTION, type GreyImage } from './motion.ts';

/** An untracked detection moves with a tracked one that holds at least this share of its area. */
const CARRIED_SHARE = 0.5;

export interface CoastOptions {
  /** Longest coast since the detector's last pass (camera media time) when confirmed tracks explain all the motion; 0 disables coasting. */
  readonly maxMs: number;
  /**
   * Longest coast when it holds uncertain detections (touched by the motion, carried by no confirmed
   * track: weak, untracked, of a tentative track) or needs the regions already moving at the last pass.
   */
  readonly uncertainMs: number;
  /** Uncertain detections are handed on where they were; false: they run the detector (`coastFor`). */
  readonly holdUncertain: boolean;
  /** A detection belongs to the track whose box overlaps it by at least this IoU (on the detector's frame). */
  readonly minIou: number;
  /** The path of a detection is widened by this share of its width and height on each side. */
  readonly margin: number;
  /** Changed pixels outside every path, fewer than this, are noise (the motion gate's own minimum for a region). */
  readonly strayPixels: number;
  /**
   * Changed pixels outside every path and every region already moving, fewer than this, wait for
   * the detector's next pass as uncertain motion does (the shorter coast): a limb or a shadow
   * beyond its path, a far object. More of them run the detector at once.
   */
  readonly smallPixels: number;
  /** Within the coast, motion the paths leave unexplained asks for a look (a pass on windows around it) rather than a pass on the whole frame. */
  readonly looks: boolean;
}

export const DEFAULT_COAST: CoastOptions = {
  maxMs: 2000,
  uncertainMs: 1000,
  holdUncertain: true,
  minIou: 0.5,
  margin: 0.25,
  strayPixels: DEFAULT_MOTION.minPixels,
  smallPixels: 10,
  looks: true,
};

/** A detection of the detector's last frame, the track it belongs to, and how fast that track moved. */
export interface CoastAnchor {
  readonly detection: Detection;
  /** Media time of the pass that measured it (a full pass, or a pass on a window of the frame that held it). */
  readonly tMs: number;
  readonly trackId?: number;
  /**
   * Velocity of the box centre (normalised units per second) between the detector's two last
   * passes that saw this track: measured on detections only, never on the tracker's estimate (which
   * the handed-on detections feed: estimating from it would amplify its own errors).
   */
  readonly velocity?: Point;
}

/** A track's previous pass further back than this gives no velocity (passes are at most the gate's 2 s refresh apart). */
const MAX_VELOCITY_GAP_MS = 2000;
/** Between the two passes, the box's width and height each changed by less than this share. */
const MAX_SIZE_CHANGE = 0.15;

function steadySize(a: Box, b: Box): boolean {
  const change = (x: number, y: number): number => Math.abs(y - x) / Math.max(x, 1e-6);
  return change(boxWidth(a), boxWidth(b)) < MAX_SIZE_CHANGE && change(boxHeight(a), boxHeight(b)) < MAX_SIZE_CHANGE;
}

/** A label's group (car, bus and truck are vehicles), the kind the tracker pairs by; a label in no group is its own kind. */
const kindOf = (label: Label): string => groupOf(label) ?? label;

/**
 * Pairs the detections of a detector pass (at `tMs`) with the tracks the tracker matched on that
 * frame (all of them, tentative ones included: the velocity is then known when they are
 * confirmed), of the same label group (car, bus and truck are one), and measures each track's velocity against its anchor of a previous pass (`previous`).
 */
export function anchorDetections(detections: readonly Detection[], tracks: readonly Track[], tMs: number, minIou: number, previous: readonly CoastAnchor[] = []): CoastAnchor[] {
  const matched = tracks.filter((t) => t.state !== 'lost' && t.lastSeenMs === tMs);
  const before = new Map(previous.flatMap((a) => (a.trackId === undefined || !(tMs > a.tMs && tMs - a.tMs <= MAX_VELOCITY_GAP_MS) ? [] : [[a.trackId, a] as const])));
  return detections.map((detection) => {
    let best: Track | undefined;
    let bestIou = minIou;
    for (const t of matched) {
      const o = iou(detection.box, t.box);
      // The tracker's own pairing: the same label group (car/bus/truck flips stay one track).
      if (o >= bestIou && kindOf(t.label) === kindOf(detection.label)) {
        best = t;
        bestIou = o;
      }
    }
    if (!best) return { detection, tMs };
    const was = before.get(best.id);
    // A box that changed shape (a person falling, bending, turning) is not extrapolated: no velocity.
    if (!was || !steadySize(was.detection.box, detection.box)) return { detection, tMs, trackId: best.id };
    const dt = (tMs - was.tMs) / 1000;
    const now = boxCenter(detection.box);
    const then = boxCenter(was.detection.box);
    return { detection, tMs, trackId: best.id, velocity: { x: (now.x - then.x) / dt, y: (now.y - then.y) / dt } };
  });
}

export interface CoastInput {
  /** The detections of the detector's last pass, paired with their tracks (`anchorDetections`). */
  readonly anchors: readonly CoastAnchor[];
  /** The tracker's tracks after the previous frame, confirmed and lost: a touched track moves only if still confirmed. */
  readonly tracks: readonly Track[];
  /**
   * The changed regions of the detector's last pass (what was moving when it looked), normalised:
   * changed pixels within them, widened by `margin` of their size, are motion it has seen.
   */
  readonly examined: readonly Box[];
  /** Changed regions since the detector's last frame (normalised), at least one. */
  readonly motion: readonly Box[];
  /**
   * The changed pixels behind those regions (motion.ts). With them, the motion is explained when
   * the changed pixels of the regions lie within the paths (a region spanning two walkers is
   * explained by their two paths); without, when each region lies within one path.
   */
  readonly changed?: GreyImage;
  /** Media time since the detector's last pass on the whole frame (the coasts' limits count from it). */
  readonly sinceDetectMs: number;
  /** Media time of this frame (an anchor moves by its velocity times the time since its own pass); default: its pass was `sinceDetectMs` ago. */
  readonly tMs?: number;
}

/**
 * Events whose changes play out within a second, frame by frame (a fall, a flame): their cameras
 * coast at most `QUICK_COAST_MS` and run the detector on uncertain motion. Measured on the dev
 * scenarios otherwise: with uncertain motion held, two falls and a fire missed (a falling person
 * often scores under the threshold; the fire analyzer masks moving people by their tracks); with
 * 2 s coasts, a fall alerted 1 s later; with 2 s coasts and looks (stop 23), a fall missed (a weak
 * lying person carried along with a walking one for 1.2 s) and a person leaving the frame at its
 * bottom edge taken for one lying down (their copy stood for 2 s).
 */
export const QUICK_EVENTS: readonly EventType[] = ['person_down', 'fire'];
export const QUICK_COAST_MS = 500;

/** The coasting options of a camera watching `events`. */
export function coastFor(events: readonly EventType[], base: CoastOptions = DEFAULT_COAST): CoastOptions {
  if (!events.some((e) => QUICK_EVENTS.includes(e))) return base;
  const quick = { ...base, maxMs: Math.min(base.maxMs, QUICK_COAST_MS), uncertainMs: Math.min(base.uncertainMs, QUICK_COAST_MS), holdUncertain: false, smallPixels: base.strayPixels };
  // Fire evidence is judged frame by frame on the colour mask less the tracks' boxes: window passes, which score and box
  // objects a little differently, moved a borderline fire past its clip's end on the dev scenarios. Fire cameras pass on the whole frame.
  return events.includes('fire') ? { ...quick, looks: false } : quick;
}

function shift(b: Box, dx: number, dy: number): Box {
  return { x1: b.x1 + dx, y1: b.y1 + dy, x2: b.x2 + dx, y2: b.y2 + dy };
}

/** The hull of the box at the detector's frame and the box now, widened by `margin` of its size. */
function path(from: Box, to: Box, margin: number): Box {
  const mx = boxWidth(from) * margin;
  const my = boxHeight(from) * margin;
  return { x1: Math.min(from.x1, to.x1) - mx, y1: Math.min(from.y1, to.y1) - my, x2: Math.max(from.x2, to.x2) + mx, y2: Math.max(from.y2, to.y2) + my };
}

const STILL: Point = { x: 0, y: 0 };

/**
 * What a frame that moved needs: `coast`, the detections to hand on instead of a detector pass;
 * `look`, a detector pass on the parts of the frame the motion left unexplained (`looks`, normalised:
 * each cluster of changed pixels beyond every path, each uncertain detection the motion touched), `copies`
 * being the handed-on detections, one per anchor, for the rest of the frame; `detect`, a pass on
 * the whole frame (the coast too long, or nothing to localise the pass on).
 */
export type CoastVerdict =
  | { readonly kind: 'coast'; readonly detections: Detection[] }
  | { readonly kind: 'look'; readonly looks: readonly Box[]; readonly copies: Detection[]; readonly touched: readonly boolean[] }
  | { readonly kind: 'detect' };

const DETECT: CoastVerdict = { kind: 'detect' };

/**
 * The detections to hand on instead of a detector pass, or undefined when the detector must run
 * (motion not all explained, uncertain motion that asks for it, the coast too long).
 */
export function coastDetections(input: CoastInput, opts: CoastOptions = DEFAULT_COAST): Detection[] | undefined {
  const v = coastVerdict(input, opts);
  return v.kind === 'coast' ? v.detections : undefined;
}

/** The verdict for a frame that moved (`CoastVerdict`); a look is only asked within `maxMs` of the last whole-frame pass. */
export function coastVerdict(input: CoastInput, opts: CoastOptions = DEFAULT_COAST): CoastVerdict {
  const since = input.sinceDetectMs;
  if (opts.maxMs <= 0 || since >= Math.max(opts.maxMs, opts.uncertainMs) || input.motion.length === 0) return DETECT;
  const confirmed = new Set(input.tracks.flatMap((t) => (t.state === 'confirmed' ? [t.id] : [])));
  // Whether the motion touched each anchor's detection, measured once.
  const touched = input.anchors.map((a) => input.motion.some((m) => boxesOverlap(m, a.detection.box)));
  const isTracked = (a: CoastAnchor): boolean => a.trackId !== undefined && confirmed.has(a.trackId);
  // Touched detections of confirmed tracks with a measured velocity carry what lies mostly within them (a bag, a weak part box).
  const carriers = input.anchors.flatMap((a, i) => (isTracked(a) && a.velocity && touched[i] ? [{ box: a.detection.box, velocity: a.velocity }] : []));
  const carrierOf = (d: Detection): Point | undefined => {
    const area = boxArea(d.box);
    return carriers.find((c) => area > 0 && intersection(d.box, c.box) >= CARRIED_SHARE * area)?.velocity;
  };
  const paths: Box[] = [];
  // The box each path's detection is handed on with, by path.
  const movedTo: Box[] = [];
  const out: Detection[] = [];
  const uncertain: Box[] = [];
  input.anchors.forEach((a, i) => {
    const d = a.detection;
    const hit = touched[i];
    // A confirmed track with no measured velocity stays where it was, its path its widened box.
    const v = !hit ? undefined : isTracked(a) ? (a.velocity ?? STILL) : a.trackId === undefined ? carrierOf(d) : undefined;
    if (!v) {
      // Touched and not carried (weak, untracked, of a tentative or lost track): uncertain, handed on where it was.
      if (hit) uncertain.push(d.box);
      out.push(d);
      return;
    }
    const dt = (input.tMs === undefined ? since : input.tMs - a.tMs) / 1000;
    const moved = clampBox(shift(d.box, v.x * dt, v.y * dt));
    paths.push(path(d.box, moved, opts.margin));
    movedTo.push(moved);
    out.push({ ...d, box: moved });
  });
  // Motion the detector saw at its last pass: the regions moving then, widened.
  const seen = input.examined.map((r) => growBox(r, opts.margin));
  const withinShortCoast = since < opts.uncertainMs;
  const nearPaths = [...paths, ...seen];
  // The pixels a set of paths leaves unexplained, counted once per set: the coasts and the look may ask about the same one.
  const counted = new Map<readonly Box[], ReturnType<typeof unexplained>>();
  const leftBy = (changed: GreyImage, ps: readonly Box[]): ReturnType<typeof unexplained> => {
    const known = counted.get(ps);
    if (known) return known;
    const r = unexplained(changed, input.motion, ps);
    counted.set(ps, r);
    return r;
  };
  // Whether the paths explain the motion, fewer than `stray` changed pixels left over (without the pixels: each region within one path).
  const explainedBy = (ps: readonly Box[], stray: number): boolean => (input.changed ? leftBy(input.changed, ps).count < stray : input.motion.every((m) => ps.some((p) => boxWithin(m, p))));
  if (uncertain.length === 0 || opts.holdUncertain) {
    if (uncertain.length === 0 && since < opts.maxMs && explainedBy(paths, opts.strayPixels)) return { kind: 'coast', detections: out };
    // Uncertain motion, or motion explained only with the regions already moving at the last pass: the shorter coast.
    if (withinShortCoast && explainedBy(nearPaths, Math.max(opts.strayPixels, opts.smallPixels))) return { kind: 'coast', detections: out };
  }
  if (!opts.looks || since >= opts.maxMs || !input.changed) return DETECT;
  // Where the detector must look: each cluster of changed pixels left unexplained, each uncertain detection touched.
  const left = leftBy(input.changed, withinShortCoast ? nearPaths : paths);
  // A cluster reaches a path it overlaps or touches (within a cluster cell, as the pixels of one cluster do).
  const cx = CLUSTER_CELL / input.changed.width;
  const cy = CLUSTER_CELL / input.changed.height;
  const reaches = (p: Box, c: Box): boolean => boxesOverlap(p, { x1: c.x1 - cx, y1: c.y1 - cy, x2: c.x2 + cx, y2: c.y2 + cy });
  // A window on part of an object cuts it (the edge band drops it, its copy stays where it was): a cluster takes in the
  // uncertain detections it reaches (a weak car whose leading and trailing edges changed) and the tracked objects whose
  // paths it reaches (a person standing up or falling out of their box).
  const around = (c: Box): Box => {
    const withUncertain = uncertain.reduce((u, d) => (reaches(d, c) ? unionBox(u, d) : u), c);
    return paths.reduce((u, p, i) => (reaches(p, c) ? unionBox(u, movedTo[i]!) : u), withUncertain);
  };
  // Clusters smaller than the gate's own minimum region are noise. Uncertain detections are looked at on their own only on
  // cameras that run the detector on uncertain motion; elsewhere where a cluster reaches them.
  const clusters = left.clusters.flatMap((c) => (c.pixels >= opts.strayPixels ? [around(c.box)] : []));
  const looks = opts.holdUncertain ? clusters : [...uncertain, ...clusters.filter((c) => !uncertain.some((u) => boxWithin(c, u)))];
  return looks.length > 0 ? { kind: 'look', looks, copies: out, touched } : DETECT;
}

/** A cluster of unexplained pixels: its box (normalised) and how many pixels it holds. */
export interface Cluster {
  readonly box: Box;
  readonly pixels: number;
}

/** Pixel extent x1, y1, x2, y2 (exclusive) and pixel count. */
type Extent = readonly [number, number, number, number, number];

const joinExtents = (a: Extent, b: Extent): Extent => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3]), a[4] + b[4]];

/** Unexplained pixels closer than this (grey-image pixels, cells of a grid this size that touch) are one cluster: one area to look at. */
export const CLUSTER_CELL = 8;

/**
 * Changed pixels inside the motion regions that lie in no path (pixel centres): how many, and the
 * boxes of their clusters (normalised; `CLUSTER_CELL`).
 */
export function unexplained(changed: GreyImage, regions: readonly Box[], paths: readonly Box[]): { count: number; clusters: Cluster[] } {
  const { width: w, height: h, data } = changed;
  const seen = new Uint8Array(w * h);
  let count = 0;
  const left: number[] = [];
  for (const r of regions) {
    for (let y = Math.max(0, Math.floor(r.y1 * h)); y < Math.min(h, Math.ceil(r.y2 * h)); y++) {
      const cy = (y + 0.5) / h;
      for (let x = Math.max(0, Math.floor(r.x1 * w)); x < Math.min(w, Math.ceil(r.x2 * w)); x++) {
        const i = y * w + x;
        if (!data[i] || seen[i]) continue;
        seen[i] = 1;
        const cx = (x + 0.5) / w;
        if (paths.some((p) => cx >= p.x1 && cx <= p.x2 && cy >= p.y1 && cy <= p.y2)) continue;
        count += 1;
        left.push(i);
      }
    }
  }
  return { count, clusters: count === 0 ? [] : clusterBoxes(left, w, h) };
}

/** The clusters of pixels `at` (indices in a w x h image; pixels in the same or touching `CLUSTER_CELL` cells): their boxes (normalised), their pixel counts. */
function clusterBoxes(at: readonly number[], w: number, h: number): Cluster[] {
  const cw = Math.ceil(w / CLUSTER_CELL);
  const ch = Math.ceil(h / CLUSTER_CELL);
  // Each occupied cell's pixel extent and count, then union-find over touching occupied cells.
  const extent = new Map<number, Extent>();
  for (const i of at) {
    const x = i % w;
    const y = (i - x) / w;
    const c = Math.floor(y / CLUSTER_CELL) * cw + Math.floor(x / CLUSTER_CELL);
    const e = extent.get(c);
    extent.set(c, e ? joinExtents(e, [x, y, x + 1, y + 1, 1]) : [x, y, x + 1, y + 1, 1]);
  }
  const parent = new Map<number, number>([...extent.keys()].map((c) => [c, c]));
  const root = (c: number): number => {
    let r = c;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(c, r);
    return r;
  };
  for (const c of extent.keys()) {
    const cx = c % cw;
    const cy = (c - cx) / cw;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const nx = cx + dx;
        const ny = cy + dy;
        if (nx < 0 || ny < 0 || nx >= cw || ny >= ch || !extent.has(ny * cw + nx)) continue;
        parent.set(root(ny * cw + nx), root(c));
      }
    }
  }
  const boxes = new Map<number, Extent>();
  for (const [c, e] of extent) {
    const r = root(c);
    const b = boxes.get(r);
    boxes.set(r, b ? joinExtents(b, e) : e);
  }
  return [...boxes.values()].map(([x1, y1, x2, y2, pixels]) => ({ box: { x1: x1 / w, y1: y1 / h, x2: x2 / w, y2: y2 / h }, pixels }));
}

/** A window detection and a copy of the same kind overlapping by this IoU are one object: the copy gives way. */
const SAME_OBJECT_IOU = 0.3;

/**
 * The detections of a frame the detector looked at through windows (`CoastVerdict` look): what
 * it found within the parts they cover (`interiors`), and the copies handed on, one per anchor, but
 * those the window measured again: overlapping one of its detections of the same kind, or lying
 * within it where the motion touched them. A copy no motion touched stands on pixels that did not
 * change since its pass, as on a still frame: it stays when the window does not find it again
 * (a window sees less context than the whole frame and scores weak objects differently).
 * `copies` are the handed-on ones (no evidence for the tracker); `kept` their anchors, still those
 * of the passes that measured them.
 */
export function mergeLook(
  anchors: readonly CoastAnchor[],
  look: { readonly copies: readonly Detection[]; readonly touched: readonly boolean[] },
  found: readonly Detection[],
  interiors: readonly Box[],
): { detections: Detection[]; copies: ReadonlySet<Detection>; kept: CoastAnchor[] } {
  const kind = (d: Detection): string => kindOf(d.label);
  const kept: CoastAnchor[] = [];
  const handed: Detection[] = [];
  look.copies.forEach((c, i) => {
    if ((look.touched[i] && interiors.some((interior) => boxWithin(c.box, interior))) || found.some((f) => kind(f) === kind(c) && iou(f.box, c.box) >= SAME_OBJECT_IOU)) return;
    handed.push(c);
    kept.push(anchors[i]!);
  });
  return { detections: [...handed, ...found], copies: new Set(handed), kept };
}
