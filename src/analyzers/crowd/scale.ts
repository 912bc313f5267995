/**
 * Person scale across the frame: the width of a person's box (about the shoulder width) as a
 * function of the row of its top (the head). Built from the detected boxes whose size no tile or
 * frame edge truncated: sorted by row, cut into groups of SAMPLES_PER_KNOT, each group gives a
 * knot (median row, median width), and the knots are made non-decreasing downwards by isotonic
 * regression (pool adjacent violators): on a ground plane seen in perspective, people lower in
 * the frame are nearer, never smaller. Between knots the width is interpolated; beyond the first
 * and last knots it stays constant, so rows above the smallest detected people get that smallest
 * width (the blob counter then undercounts there rather than inventing heads; see the docs).
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
  /** Samples behind the model. */
  readonly samples: number;
}

export const MIN_SCALE_SAMPLES = 6;
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

export function fitScale(samples: readonly ScaleSample[]): ScaleModel | null {
  if (samples.length < MIN_SCALE_SAMPLES) return null;
  const sorted = [...samples].sort((a, b) => a.y - b.y);
  const groups = Math.max(1, Math.floor(sorted.length / SAMPLES_PER_KNOT));
  const blocks: Block[] = [];
  for (let g = 0; g < groups; g++) {
    const part = sorted.slice(Math.round((g * sorted.length) / groups), Math.round(((g + 1) * sorted.length) / groups));
    blocks.push({ y: median(part.map((s) => s.y)), w: median(part.map((s) => s.w)), n: part.length });
  }
  return { knots: isotonic(blocks).map(({ y, w }) => ({ y, w })), samples: samples.length };
}

/** Person width (fraction of the frame width) at row y, never under `minW`. */
export function widthAt(model: ScaleModel, y: number, minW: number): number {
  const k = model.knots;
  const first = k[0]!;
  const last = k[k.length - 1]!;
  if (y <= first.y) return Math.max(minW, first.w);
  if (y >= last.y) return Math.max(minW, last.w);
  let i = 1;
  while (k[i]!.y < y) i++;
  const a = k[i - 1]!;
  const b = k[i]!;
  const t = b.y > a.y ? (y - a.y) / (b.y - a.y) : 0;
  return Math.max(minW, a.w + t * (b.w - a.w));
}
