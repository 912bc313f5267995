/**
 * Small warm places re-examined at full resolution. A flame a few dozen pixels wide in the analysed
 * frame is a couple of pixels in the ~160 px copy: there its block mixes with the scene around it,
 * and the change test cannot see it flicker (a 3x3 neighbourhood spans the flame and its
 * surroundings, so any value is "explained by motion"). Here, places that are flame-coloured in a
 * good share of the recent small frames but too small for the coarse measures are cut out of the
 * full frames of the window and measured again with the same measures (flame.ts) at full
 * resolution, where the flame has an inside that can flicker and a shape that can change.
 */
import type { Box } from '../../core/types.ts';
import { DEFAULT_FLAME_COLOUR, isFlameColour } from './colour.ts';
import { components, type Component } from './components.ts';
import { flameRegions, type FlameOptions, type FlameRegion } from './flame.ts';
import { shiftTolerantChange, type MaskFrame, type MaskWindow } from './mask-window.ts';
import { clearInside } from './moving-objects.ts';
import type { Rect } from './shape.ts';

export interface FineOptions {
  /** Warm places of at most this many small pixels are re-examined (larger ones are measured in the small frame). */
  readonly maxSmallAreaPx: number;
  /** At most this many places per frame, the most active first (bounds the cost)... */
  readonly maxPlaces: number;
  /** ...among those whose small-frame luma changes by at least this much per frame on average (steady paint is left alone). */
  readonly minActivity: number;
  /** Small pixels added around a place. */
  readonly marginPx: number;
  /** Full-resolution pixels of motion the change test tolerates (the small frame's shift is exact to a small pixel only). */
  readonly motionPx: number;
}

export const DEFAULT_FINE_OPTIONS: FineOptions = { maxSmallAreaPx: 48, maxPlaces: 3, minActivity: 4, marginPx: 2, motionPx: 1 };

/** A region measured at full resolution, in small-frame units like the coarse ones (areas may be fractional). */
export interface FineRegion extends FlameRegion {
  readonly finePx: number;
  readonly fineWidthPx: number;
  readonly fineHeightPx: number;
}

/** Mean |luma change| between consecutive frames over the place's pixels, small frame. */
function activity(frames: readonly MaskFrame[], c: Component): number {
  let sum = 0;
  for (let t = 1; t < frames.length; t++) {
    const a = frames[t - 1]!.luma;
    const b = frames[t]!.luma;
    for (const p of c.pixels) sum += Math.abs(b[p]! - a[p]!);
  }
  return sum / Math.max(1, (frames.length - 1) * c.pixels.length);
}

/** Crops of the latest frames by place (rect), reused while a place keeps its rect (one new crop per frame). */
export type CropCache = Map<string, readonly MaskFrame[]>;

/**
 * The crop of every frame of the window around rect (full-resolution pixels), as a window of its
 * own; crops already in `cached` (same rect, same frame time) are reused.
 */
function cropWindow(win: MaskWindow, r: Rect, f: number, o: FineOptions, cached: readonly MaskFrame[] = []): MaskWindow | undefined {
  const x0 = r.x1 * f;
  const y0 = r.y1 * f;
  const width = (r.x2 - r.x1 + 1) * f;
  const height = (r.y2 - r.y1 + 1) * f;
  const frames: MaskFrame[] = [];
  const byTime = new Map(cached.map((c) => [c.tMs, c]));
  for (const frame of win.frames) {
    const hit = byTime.get(frame.tMs);
    if (hit) {
      frames.push(hit);
      continue;
    }
    const full = frame.full;
    if (!full) return undefined;
    const luma = new Uint8Array(width * height);
    const mask = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      let k = ((y0 + y) * full.width + x0) * 3;
      for (let x = 0; x < width; x++, k += 3) {
        const red = full.data[k]!;
        const green = full.data[k + 1]!;
        const blue = full.data[k + 2]!;
        luma[y * width + x] = (299 * red + 587 * green + 114 * blue) / 1000;
        mask[y * width + x] = luma[y * width + x]! >= DEFAULT_FLAME_COLOUR.minBlockLuma && isFlameColour(red, green, blue) ? 1 : 0;
      }
    }
    const prev = frames[frames.length - 1];
    const shift = { dx: frame.shift.dx * f, dy: frame.shift.dy * f };
    const change = prev ? shiftTolerantChange(prev.luma, luma, width, height, shift.dx, shift.dy, o.motionPx) : new Uint8Array(width * height);
    const moving: Box[] = (frame.moving ?? []).map((b) => ({
      x1: (b.x1 * win.width - r.x1) / (r.x2 - r.x1 + 1),
      y1: (b.y1 * win.height - r.y1) / (r.y2 - r.y1 + 1),
      x2: (b.x2 * win.width - r.x1) / (r.x2 - r.x1 + 1),
      y2: (b.y2 * win.height - r.y1) / (r.y2 - r.y1 + 1),
    }));
    clearInside(change, width, height, moving);
    frames.push({ tMs: frame.tMs, mask, luma, change, shift });
  }
  return { width, height, frames };
}

function toSmall(region: FlameRegion, r: Rect, f: number): FineRegion {
  return {
    ...region,
    x1: r.x1 + region.x1 / f,
    y1: r.y1 + region.y1 / f,
    x2: r.x1 + (region.x2 + 1) / f - 1,
    y2: r.y1 + (region.y2 + 1) / f - 1,
    area: region.area / (f * f),
    driftPx: region.driftPx / f,
    finePx: region.area,
    fineWidthPx: region.x2 - region.x1 + 1,
    fineHeightPx: region.y2 - region.y1 + 1,
  };
}

/**
 * Flame regions measured at full resolution in the small warm places of the window (`warm`, see
 * flame.ts pixelEvidence), whether or not the small frame found a (too small) region there. `factor` is the small frame's downscale factor; frames must carry their full frame.
 */
export function fineRegions(
  win: MaskWindow,
  warm: Uint8Array,
  factor: number,
  flame: FlameOptions,
  cache: CropCache = new Map(),
  o: FineOptions = DEFAULT_FINE_OPTIONS,
): FineRegion[] {
  if (factor <= 1 || win.frames.length < 2) return [];
  const { width, height } = win;
  const recent = win.frames.slice(-flame.recentFrames);
  const places = components(warm, width, height)
    .filter((c) => c.area <= o.maxSmallAreaPx)
    .map((c) => ({ c, active: activity(recent, c) }))
    .filter((p) => p.active >= o.minActivity)
    .sort((a, b) => b.active - a.active)
    .slice(0, o.maxPlaces);
  const out: FineRegion[] = [];
  const used = new Map<string, readonly MaskFrame[]>();
  for (const { c } of places) {
    const r: Rect = {
      x1: Math.max(0, c.x1 - o.marginPx),
      y1: Math.max(0, c.y1 - o.marginPx),
      x2: Math.min(width - 1, c.x2 + o.marginPx),
      y2: Math.min(height - 1, c.y2 + o.marginPx),
    };
    const key = `${r.x1},${r.y1},${r.x2},${r.y2}`;
    const crop = cropWindow({ width, height, frames: recent }, r, factor, o, cache.get(key));
    if (!crop) continue;
    used.set(key, crop.frames);
    const regions = flameRegions(crop, { ...flame, minAreaPx: flame.minAreaPx * factor, marginPx: flame.marginPx * factor });
    out.push(...regions.map((g) => toSmall(g, r, factor)));
  }
  cache.clear();
  for (const [k, v] of used) cache.set(k, v);
  return out;
}
