/**
 * Smoke that starts in view: grey, soft (it blurs the texture behind it: gradient energy well
 * under the learned background's), brighter than or as bright as the background (a shadow is
 * darker), and rising or spreading over the window. The background is a running average of the
 * luma, frozen under smoke candidates and under tracked persons and vehicles. Smoke already there
 * when the camera starts becomes background: it is not seen (flames are, see flame.ts).
 */
import type { Box } from '../../core/types.ts';
import { isSmokeColour } from './colour.ts';
import { components } from './components.ts';
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
  /** Frames kept, and the share of them a pixel must be a candidate in. */
  readonly windowFrames: number;
  readonly minPresence: number;
}

export const DEFAULT_SMOKE_OPTIONS: SmokeOptions = {
  alpha: 0.05,
  warmupFrames: 10,
  minTexture: 24,
  softRatio: 0.45,
  minBrighten: -3,
  windowFrames: 15,
  minPresence: 0.5,
};

export interface SmokeModel {
  readonly width: number;
  readonly height: number;
  readonly background: Float32Array;
  readonly frames: number;
  /** Candidate masks of the latest frames, oldest first. */
  readonly history: readonly Uint8Array[];
  /** Per pixel, in how many of those masks it is a candidate. */
  readonly counts: Uint8Array;
}

export interface SmokeRegion extends Rect {
  readonly area: number;
  /** Frames the region's evidence covers. */
  readonly frames: number;
  /** Upward travel of the region's top edge from the first to the last third of the window (small pixels, positive = up). */
  readonly risePx: number;
  /** The smaller of the two steps (first -> middle third, middle -> last): a steady rise keeps both positive; an object put down jumps once. */
  readonly minStepPx: number;
}

function gradient(v: ArrayLike<number>, width: number, height: number, i: number): number {
  const x = i % width;
  const y = (i - x) / width;
  if (x === 0 || y === 0 || x === width - 1 || y === height - 1) return 0;
  return Math.abs(v[i + 1]! - v[i - 1]!) + Math.abs(v[i + width]! - v[i - width]!);
}

/** This frame's smoke candidates against the background (1 = candidate); cheapest tests first. */
export function smokeCandidates(model: SmokeModel, small: SmallFrame, o: SmokeOptions): Uint8Array {
  const { width, height, luma, rgb } = small;
  const bg = model.background;
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) {
    if (luma[i]! - bg[i]! < o.minBrighten || !isSmokeColour(rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!)) continue;
    const bgGrad = gradient(bg, width, height, i);
    if (bgGrad >= o.minTexture && gradient(luma, width, height, i) <= o.softRatio * bgGrad) out[i] = 1;
  }
  return out;
}

function measure(history: readonly Uint8Array[], width: number, r: Rect & { area: number }): SmokeRegion {
  const tops: number[] = [];
  for (const mask of history) {
    let top = r.y2;
    for (let y = r.y2; y >= r.y1; y--) {
      for (let x = r.x1; x <= r.x2; x++) if (mask[y * width + x] !== 0) top = y;
    }
    tops.push(top);
  }
  const third = Math.max(1, Math.floor(history.length / 3));
  const mean = (a: readonly number[]): number => a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);
  const [first, middle, last] = [tops.slice(0, third), tops.slice(third, -third), tops.slice(-third)].map(mean) as [number, number, number];
  return {
    x1: r.x1,
    y1: r.y1,
    x2: r.x2,
    y2: r.y2,
    area: r.area,
    frames: history.length,
    risePx: first - last,
    minStepPx: Math.min(first - middle, middle - last),
  };
}

/**
 * Learns the background, adds this frame's candidates, returns the model and the regions. For
 * speed the model's arrays are updated in place: keep only the returned model.
 */
export function stepSmoke(model: SmokeModel | undefined, small: SmallFrame, objects: readonly Box[], o: SmokeOptions = DEFAULT_SMOKE_OPTIONS) {
  const { width, height, luma } = small;
  if (!model || model.width !== width || model.height !== height) {
    const fresh: SmokeModel = { width, height, background: Float32Array.from(luma), frames: 1, history: [], counts: new Uint8Array(width * height) };
    return { model: fresh, regions: [] as SmokeRegion[] };
  }
  const candidates = model.frames >= o.warmupFrames ? smokeCandidates(model, small, o) : new Uint8Array(width * height);
  clearInside(candidates, width, height, objects);
  const masked = new Uint8Array(width * height).fill(1);
  clearInside(masked, width, height, objects);
  // The background is updated in place: the model is owned by one analyzer.
  const background = model.background;
  for (let i = 0; i < background.length; i++) {
    if (candidates[i] === 0 && masked[i] === 1) background[i] = background[i]! + o.alpha * (luma[i]! - background[i]!);
  }
  const dropped = model.history.length >= o.windowFrames ? model.history[0] : undefined;
  const counts = model.counts;
  for (let i = 0; i < counts.length; i++) counts[i] = counts[i]! + candidates[i]! - (dropped ? dropped[i]! : 0);
  const history = [...model.history.slice(dropped ? 1 : 0), candidates];
  const next: SmokeModel = { width, height, background, frames: model.frames + 1, history, counts };
  if (history.length < o.windowFrames) return { model: next, regions: [] as SmokeRegion[] };
  const need = Math.ceil(o.minPresence * history.length);
  const present = new Uint8Array(counts.length);
  for (let i = 0; i < counts.length; i++) present[i] = counts[i]! >= need ? 1 : 0;
  const regions = components(present, width, height, 4).map((c) => measure(history, width, c));
  return { model: next, regions };
}
