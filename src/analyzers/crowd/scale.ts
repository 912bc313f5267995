/**
 * Person scale across the frame: the width of a person's box (about the shoulder width) as a
 * function of the row of its top (the head). Built from the detected boxes whose size no tile or
 * frame edge truncated, in two parts:
 *
 * - the ground-plane line. Seen by a pinhole camera above the heads, people of one height standing
 *   on a plane have an image width proportional to the distance, in rows, of their heads from the
 *   horizon: w = slope x (y - y_horizon), a straight line in the row (its slope is the shoulder width
 *   over the camera's height above the heads). Its slope is fitted robustly (Theil-Sen: the median of
 *   the slopes of the pairs of samples at least a person width apart in rows, so group boxes and
 *   parts do not pull it), never negative (people lower in the frame are nearer, never smaller; a
 *   top-down view gives 0). A handful of samples (MIN_SCALE_SAMPLES) gives it.
 * - knots: with enough samples (two groups of SAMPLES_PER_KNOT or more), the samples sorted by row are
 *   cut into groups, each gives a knot (median row, median width), made non-decreasing downwards by
 *   isotonic regression (pool adjacent violators): this follows the detections where the plane
 *   model is only approximate (a lens, a slope, a balcony).
 *
 * Between the first and last knots the width is interpolated; beyond them (or everywhere when there
 * is a single knot) it follows the line through the end knot, so people above the smallest detected
 * ones are searched at the smaller size that perspective gives them, down to the smallest head the
 * blob finder resolves (the caller's floor).
 */
import { median } from './stats.ts';

export interface ScaleSample {
  /** Row of the box top, normalised 0..1. */
  readonly y: number;
  /** Box width, as a fraction of the frame width. */
  readonly w: number;
}

export interface ScaleKnot {
  readonly y: number;
  readonly w: number;
}

export interface ScaleModel {
  /** Sorted by row, widths non-decreasing. */
  readonly knots: readonly ScaleKnot[];
  /** Ground-plane slope: width (frame widths) gained per frame height of rows downwards, >= 0. */
  readonly slope: number;
  /** The smallest detected width (SMALLEST_QUANTILE of the samples): the line is not followed below FAR_FLOOR of it. */
  readonly smallest: number;
  /** Samples behind the model. */
  readonly samples: number;
}

export const MIN_SCALE_SAMPLES = 6;
/**
 * Above the highest knot, the line is followed down to this share of the smallest detected width and
 * no further: one octave beyond the smallest detected people, no sample supports the line any more
 * (an eye-level camera, where heads of every depth sit on the same rows, breaks it completely).
 */
export const FAR_FLOOR = 0.5;
/** The smallest detected width is read at this quantile of the samples (a few part boxes are smaller). */
const SMALLEST_QUANTILE = 0.1;
export const SAMPLES_PER_KNOT = 8;

interface Block {
  y: number;
  w: number;
  n: number;
}

/** Pool adjacent violators: merges neighbouring blocks until widths never decrease downwards. */
function isotonic(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    let cur = { ...b };
    while (out.length > 0 && out[out.length - 1]!.w > cur.w) {
      const prev = out.pop()!;
      const n = prev.n + cur.n;
      cur = { y: (prev.y * prev.n + cur.y * cur.n) / n, w: (prev.w * prev.n + cur.w * cur.n) / n, n };
    }
    out.push(cur);
  }
  return out;
}

/** The slope is fitted on at most this many samples (evenly spread by row): 4,950 pairs. */
const MAX_SLOPE_SAMPLES = 100;
/** Below this many pairs a person width apart in rows, the slope is unknown and taken as 0 (constant width). */
const MIN_SLOPE_PAIRS = 3;

/**
 * Theil-Sen slope of width against row over the pairs at least one (median) person width apart in
 * rows; `widthPerHeight` is the frame's width over its height (samples are in frame fractions).
 */
export function groundSlope(all: readonly ScaleSample[], widthPerHeight: number): number {
  // Every k-th sample by row, at most MAX_SLOPE_SAMPLES: the pairs grow with the square of the samples.
  const sorted = [...all].sort((a, b) => a.y - b.y);
  const step = Math.max(1, Math.ceil(sorted.length / MAX_SLOPE_SAMPLES));
  const samples = sorted.filter((_, i) => i % step === 0);
  const minDy = median(samples.map((s) => s.w)) * widthPerHeight;
  const slopes: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      const dy = samples[j]!.y - samples[i]!.y;
      if (Math.abs(dy) >= minDy) slopes.push((samples[j]!.w - samples[i]!.w) / dy);
    }
  }
  return slopes.length >= MIN_SLOPE_PAIRS ? Math.max(0, median(slopes)) : 0;
}

export function fitScale(samples: readonly ScaleSample[], widthPerHeight = 4 / 3): ScaleModel | null {
  if (samples.length < MIN_SCALE_SAMPLES) return null;
  const sorted = [...samples].sort((a, b) => a.y - b.y);
  const groups = Math.max(1, Math.floor(sorted.length / SAMPLES_PER_KNOT));
  const blocks: Block[] = [];
  for (let g = 0; g < groups; g++) {
    const part = sorted.slice(Math.round((g * sorted.length) / groups), Math.round(((g + 1) * sorted.length) / groups));
    blocks.push({ y: median(part.map((s) => s.y)), w: median(part.map((s) => s.w)), n: part.length });
  }
  const widths = sorted.map((s) => s.w).sort((a, b) => a - b);
  return {
    knots: isotonic(blocks).map(({ y, w }) => ({ y, w })),
    slope: groundSlope(sorted, widthPerHeight),
    smallest: widths[Math.floor(SMALLEST_QUANTILE * (widths.length - 1))]!,
    samples: samples.length,
  };
}

/** Person width (fraction of the frame width) at row y, never under `minW`. */
export function widthAt(model: ScaleModel, y: number, minW: number): number {
  const k = model.knots;
  const first = k[0]!;
  const last = k[k.length - 1]!;
  if (y <= first.y) return Math.max(minW, Math.min(first.w, FAR_FLOOR * model.smallest), first.w - model.slope * (first.y - y));
  if (y >= last.y) return Math.max(minW, last.w + model.slope * (y - last.y));
  let i = 1;
  while (k[i]!.y < y) i++;
  const a = k[i - 1]!;
  const b = k[i]!;
  const t = b.y > a.y ? (y - a.y) / (b.y - a.y) : 0;
  return Math.max(minW, a.w + t * (b.w - a.w));
}
