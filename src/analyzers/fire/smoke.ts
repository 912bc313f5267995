/**
 * Smoke that starts in view, against a running-average background of the luma (frozen under smoke
 * candidates and under tracked persons and vehicles):
 * - pale smoke: grey, soft (it blurs the texture behind it: gradient energy well under the
 *   background's), as bright as or brighter than the background (a shadow is darker);
 * - dark smoke (burning plastics, fuel, tyres): grey to black, much darker than the background, and
 *   soft as well (a shadow darkens the texture behind it but keeps it; opaque smoke hides it).
 * Both need a textured background: over the sky or a plain wall a shadow and smoke look alike.
 * Either way a region counts only when it grows upward from where it started (smoke.ts measures,
 * the rule judges): its top rises steadily while its base stays, unlike a shadow or an object that
 * moves as a whole. Smoke already there when the camera starts becomes background: it is not seen
 * (flames are, see flame.ts).
 */
import type { Box } from '../../core/types.ts';
import { isSmokeColour } from './colour.ts';
import { components, dilate } from './components.ts';
import { clearInside } from './moving-objects.ts';
import type { SmallFrame } from './small-frame.ts';
import type { Rect } from './shape.ts';

export interface SmokeOptions {
  /** Background learning rate per frame (0.05: ~4 s at 5 fps). */
  readonly alpha: number;
  /** Frames before the background is trusted. */
  readonly warmupFrames: number;
  /** Background gradient (0..510) needed for a softening to be measurable. */
  readonly minTexture: number;
  /** Current gradient at most this share of the background's. */
  readonly softRatio: number;
  /** Current luma minus background luma at least this (a shadow darkens more). */
  readonly minBrighten: number;
  /** Dark smoke: at least this much darker than the background (0..255)... */
  readonly minDarken: number;
  /** ...and at most this share of the background's luma. */
  readonly maxDarkRatio: number;
  /** Dark smoke: grey to black, channel spread at most this. */
  readonly maxDarkSpread: number;
  /**
   * Dark candidates count for their neighbours within this many pixels: a dark plume is a cloud
   * whose pixels churn from frame to frame while its extent persists.
   */
  readonly spreadPx: number;
  /** Frames kept, and the share of them a pixel must be a candidate (or a neighbour of one) in. */
  readonly windowFrames: number;
  readonly minPresence: number;
}

export const DEFAULT_SMOKE_OPTIONS: SmokeOptions = {
  alpha: 0.05,
  warmupFrames: 10,
  minTexture: 24,
  softRatio: 0.45,
  minBrighten: -3,
  minDarken: 30,
  maxDarkRatio: 0.75,
  maxDarkSpread: 40,
  spreadPx: 1,
  windowFrames: 15,
  minPresence: 0.5,
};

export interface SmokeModel {
  readonly width: number;
  readonly height: number;
  readonly background: Float32Array;
  readonly frames: number;
  /** Candidate masks of the latest frames (dark ones spread by spreadPx), oldest first: bit 1 = pale smoke, bit 2 = dark smoke. */
  readonly history: readonly Uint8Array[];
  /** Per pixel, in how many of those masks it is a pale / a dark candidate. */
  readonly counts: Uint8Array;
  readonly darkCounts: Uint8Array;
}

export interface SmokeRegion extends Rect {
  readonly tone: 'pale' | 'dark';
  readonly area: number;
  /** Frames the region's evidence covers. */
  readonly frames: number;
  /** Upward travel of the region's top edge from the first to the last third of the window (small pixels, positive = up). */
  readonly risePx: number;
  /** The smaller of the two steps (first -> middle third, middle -> last): a steady rise keeps both positive; an object put down jumps once. */
  readonly minStepPx: number;
  /** Upward travel of the region's bottom edge over the same thirds: smoke grows from a base that stays. */
  readonly baseRisePx: number;
}

function gradient(v: ArrayLike<number>, width: number, height: number, i: number): number {
  const x = i % width;
  const y = (i - x) / width;
  if (x === 0 || y === 0 || x === width - 1 || y === height - 1) return 0;
  return Math.abs(v[i + 1]! - v[i - 1]!) + Math.abs(v[i + width]! - v[i - width]!);
}

/** This frame's smoke candidates against the background (1 = pale, 2 = dark); cheapest tests first. */
export function smokeCandidates(model: SmokeModel, small: SmallFrame, o: SmokeOptions): Uint8Array {
  const { width, height, luma, rgb } = small;
  const bg = model.background;
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) {
    const diff = luma[i]! - bg[i]!;
    const dark = -diff >= o.minDarken && luma[i]! <= o.maxDarkRatio * bg[i]!;
    if (!dark && diff < o.minBrighten) continue;
    const r = rgb[i * 3]!;
    const g = rgb[i * 3 + 1]!;
    const b = rgb[i * 3 + 2]!;
    if (dark ? Math.max(r, g, b) - Math.min(r, g, b) > o.maxDarkSpread : !isSmokeColour(r, g, b)) continue;
    const bgGrad = gradient(bg, width, height, i);
    if (bgGrad >= o.minTexture && gradient(luma, width, height, i) <= o.softRatio * bgGrad) out[i] = dark ? 2 : 1;
  }
  return out;
}

/** The candidates as bit flags (1 pale, 2 dark), the dark ones grown by r pixels. */
function spread(candidates: Uint8Array, width: number, height: number, r: number): Uint8Array {
  if (!candidates.includes(2)) return candidates;
  const pale = candidates.map((c) => (c === 1 ? 1 : 0));
  const dark = dilate(candidates.map((c) => (c === 2 ? 1 : 0)), width, height, r);
  return pale.map((p, i) => p | (dark[i]! << 1));
}

const mean = (a: readonly number[]): number => a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);

function thirds(values: readonly number[]): [number, number, number] {
  const third = Math.max(1, Math.floor(values.length / 3));
  return [values.slice(0, third), values.slice(third, -third), values.slice(-third)].map(mean) as [number, number, number];
}

function measure(history: readonly Uint8Array[], width: number, tone: 1 | 2, r: Rect & { area: number }): SmokeRegion {
  const tops: number[] = [];
  const bottoms: number[] = [];
  for (const mask of history) {
    // A frame without the region counts as its top at the region's bottom (smoke appearing rises from there).
    let top = r.y2;
    let bottom = -1;
    for (let y = r.y1; y <= r.y2; y++) {
      for (let x = r.x1; x <= r.x2; x++) {
        if ((mask[y * width + x]! & tone) === 0) continue;
        if (y < top) top = y;
        bottom = y;
      }
    }
    tops.push(top);
    if (bottom >= 0) bottoms.push(bottom);
  }
  const [first, middle, last] = thirds(tops);
  const [baseFirst, , baseLast] = bottoms.length >= 3 ? thirds(bottoms) : [0, 0, 0];
  return {
    x1: r.x1,
    y1: r.y1,
    x2: r.x2,
    y2: r.y2,
    tone: tone === 1 ? 'pale' : 'dark',
    area: r.area,
    frames: history.length,
    risePx: first - last,
    minStepPx: Math.min(first - middle, middle - last),
    baseRisePx: baseFirst - baseLast,
  };
}

function regionsOf(history: readonly Uint8Array[], counts: Uint8Array, width: number, height: number, tone: 1 | 2, o: SmokeOptions): SmokeRegion[] {
  const need = Math.ceil(o.minPresence * history.length);
  const present = new Uint8Array(counts.length);
  for (let i = 0; i < counts.length; i++) present[i] = counts[i]! >= need ? 1 : 0;
  return components(present, width, height, 4).map((c) => measure(history, width, tone, c));
}

/**
 * Learns the background, adds this frame's candidates, returns the model and the regions. For
 * speed the model's arrays are updated in place: keep only the returned model.
 */
export function stepSmoke(model: SmokeModel | undefined, small: SmallFrame, objects: readonly Box[], o: SmokeOptions = DEFAULT_SMOKE_OPTIONS) {
  const { width, height, luma } = small;
  const n = width * height;
  if (!model || model.width !== width || model.height !== height) {
    const fresh: SmokeModel = { width, height, background: Float32Array.from(luma), frames: 1, history: [], counts: new Uint8Array(n), darkCounts: new Uint8Array(n) };
    return { model: fresh, regions: [] as SmokeRegion[] };
  }
  const candidates = model.frames >= o.warmupFrames ? smokeCandidates(model, small, o) : new Uint8Array(n);
  clearInside(candidates, width, height, objects);
  const masked = new Uint8Array(n).fill(1);
  clearInside(masked, width, height, objects);
  // The background is updated in place: the model is owned by one analyzer.
  const background = model.background;
  for (let i = 0; i < n; i++) {
    if (candidates[i] === 0 && masked[i] === 1) background[i] = background[i]! + o.alpha * (luma[i]! - background[i]!);
  }
  const dropped = model.history.length >= o.windowFrames ? model.history[0] : undefined;
  const added = spread(candidates, width, height, o.spreadPx);
  const { counts, darkCounts } = model;
  for (let i = 0; i < n; i++) {
    const c = added[i]!;
    const d = dropped ? dropped[i]! : 0;
    counts[i] = counts[i]! + (c & 1) - (d & 1);
    darkCounts[i] = darkCounts[i]! + ((c & 2) >> 1) - ((d & 2) >> 1);
  }
  const history = [...model.history.slice(dropped ? 1 : 0), added];
  const next: SmokeModel = { width, height, background, frames: model.frames + 1, history, counts, darkCounts };
  if (history.length < o.windowFrames) return { model: next, regions: [] as SmokeRegion[] };
  return { model: next, regions: [...regionsOf(history, counts, width, height, 1, o), ...regionsOf(history, darkCounts, width, height, 2, o)] };
}
