/**
 * Flame regions and their temporal evidence over a short window of flame-colour masks.
 *
 * A pixel is a candidate when it is flame-coloured in a good share of the recent frames AND its
 * brightness really changes (shift-tolerant change, see mask-window.ts) in a good share of them:
 * a lamp, a sign or a salmon-coloured wall is flame-coloured but steady, so it never becomes a
 * candidate, even when it is there from the first frame; a flame that burns from the first frame
 * keeps flickering, so it does. Candidates are grouped into regions, and each region gets the
 * measures the fire rule judges (fire-evidence.ts): how often it is lit and how often it goes dark
 * (a flashing light), how much its shape changes once rigid motion is taken out (a flame changes
 * shape at every frame; a lamp, a sign or a headlight moved by the camera or a vehicle does not),
 * how far it travels, and how periodic its brightness is over the longer window.
 */
import { components, dilate, type Component } from './components.ts';
import type { MaskWindow } from './mask-window.ts';
import { periodicity } from './periodicity.ts';
import { alignedResidual, coreMask, litStats, lumaChange, meanOver, type Rect } from './shape.ts';

export interface FlameRegion extends Rect {
  /** Pixels of the region (candidates grown by one pixel). */
  readonly area: number;
  /** Mean flame-coloured pixels per frame inside the region's box, over its area (0..~1.5). */
  readonly fill: number;
  /** Frames the evidence covers: from the region's first lit frame in the recent window to now. */
  readonly frames: number;
  /** Share of those frames where the region is lit (at least litShare of its most lit frame). */
  readonly onRatio: number;
  /** Lit -> dark transitions in the recent window. */
  readonly blinks: number;
  /** Median shape change between consecutive lit frames after the best rigid shift, 0..1. */
  readonly nonRigid: number;
  /** The same for the region's brightest pixels (coreShare of its box, per frame): a flame's hot core changes shape even where the whole scene is flame-coloured. */
  readonly coreNonRigid: number;
  /** Median mean |luma change| inside the region at the best shift, 0..255. */
  readonly lumaFlicker: number;
  /** Distance between the lit centroids of the first and last lit frames, small pixels. */
  readonly driftPx: number;
  /** Periodicity (periodicity.ts) of the region's mean luma over the whole window, 0..1. */
  readonly periodicity: number;
  /** Set when the region was measured at full resolution (fine.ts): its full-resolution pixels and box size. */
  readonly finePx?: number;
  readonly fineWidthPx?: number;
  readonly fineHeightPx?: number;
}

export interface FlameOptions {
  /** Frames (the most recent) over which pixels and shapes are judged: 10 = 2 s at 5 fps. */
  readonly recentFrames: number;
  /** A pixel is a candidate when flame-coloured in at least this share of the recent frames... */
  readonly minPixelPresence: number;
  /** ...and its change reaches minPixelChange (0..255) in at least this share of the frame pairs. */
  readonly minFlickerShare: number;
  readonly minPixelChange: number;
  /** Regions smaller than this (candidate pixels grown by one) are dropped. */
  readonly minAreaPx: number;
  /** A frame counts as lit when it has at least this share of the region's most lit frame. */
  readonly litShare: number;
  /** Share of the region's box that forms its bright core (coreNonRigid). */
  readonly coreShare: number;
  /** Margin added around the region box for the per-frame measures. */
  readonly marginPx: number;
}

export const DEFAULT_FLAME_OPTIONS: FlameOptions = {
  recentFrames: 10,
  minPixelPresence: 0.3,
  minFlickerShare: 0.4,
  minPixelChange: 10,
  minAreaPx: 4,
  litShare: 0.4,
  coreShare: 0.25,
  marginPx: 2,
};

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function measure(win: MaskWindow, c: Component, o: FlameOptions): FlameRegion {
  const { width, height } = win;
  const all = win.frames;
  const frames = all.slice(-o.recentFrames);
  const r: Rect = {
    x1: Math.max(0, c.x1 - o.marginPx),
    y1: Math.max(0, c.y1 - o.marginPx),
    x2: Math.min(width - 1, c.x2 + o.marginPx),
    y2: Math.min(height - 1, c.y2 + o.marginPx),
  };
  const stats = frames.map((f) => litStats(f.mask, width, r));
  const maxLit = Math.max(...stats.map((s) => s.count));
  const lit = stats.map((s) => s.count > 0 && s.count >= o.litShare * maxLit);
  let blinks = 0;
  const shapes: number[] = [];
  const cores: number[] = [];
  const lumas: number[] = [];
  const coreOf = (t: number): Uint8Array => coreMask(frames[t]!.luma, width, height, r, o.coreShare);
  let prevCore: Uint8Array | undefined;
  for (let t = 1; t < frames.length; t++) {
    if (lit[t - 1] && !lit[t]) blinks += 1;
    if (!lit[t - 1] || !lit[t]) {
      prevCore = undefined;
      continue;
    }
    const a = stats[t - 1]!;
    const b = stats[t]!;
    const cur = frames[t]!;
    const centres: [number, number][] = [[0, 0], [cur.shift.dx, cur.shift.dy], [Math.round(b.cx - a.cx), Math.round(b.cy - a.cy)]];
    const best = alignedResidual(frames[t - 1]!.mask, cur.mask, width, height, r, centres);
    shapes.push(best.residual);
    const before = prevCore ?? coreOf(t - 1);
    prevCore = coreOf(t);
    cores.push(alignedResidual(before, prevCore, width, height, r, centres).residual);
    lumas.push(lumaChange(frames[t - 1]!.luma, cur.luma, width, height, c, best.dx, best.dy));
  }
  const litIdx = lit.flatMap((l, i) => (l ? [i] : []));
  const firstLit = litIdx[0] ?? frames.length - 1;
  const first = stats[firstLit]!;
  const last = stats[litIdx[litIdx.length - 1] ?? firstLit]!;
  return {
    x1: c.x1,
    y1: c.y1,
    x2: c.x2,
    y2: c.y2,
    area: c.area,
    fill: stats.slice(firstLit).reduce((s, x) => s + x.count, 0) / (frames.length - firstLit) / c.area,
    frames: frames.length - firstLit,
    onRatio: litIdx.length / (frames.length - firstLit),
    blinks,
    nonRigid: median(shapes),
    coreNonRigid: median(cores),
    lumaFlicker: median(lumas),
    driftPx: Math.hypot(last.cx - first.cx, last.cy - first.cy),
    periodicity: periodicity(all.map((f) => meanOver(f.luma, c))),
  };
}

export interface PixelEvidence {
  /** 1 where the pixel is flame-coloured in at least minPixelPresence of the recent frames. */
  readonly warm: Uint8Array;
  /** 1 where it is also flickering: a flame candidate (see the module comment). */
  readonly candidates: Uint8Array;
}

/** Per pixel of the recent frames: warm, and flame candidate. */
export function pixelEvidence(win: MaskWindow, o: FlameOptions = DEFAULT_FLAME_OPTIONS): PixelEvidence {
  const frames = win.frames.slice(-o.recentFrames);
  const n = win.width * win.height;
  const coloured = new Uint8Array(n);
  const flicker = new Uint8Array(n);
  frames.forEach((f, k) => {
    for (let i = 0; i < n; i++) {
      coloured[i]! += f.mask[i]!;
      if (k > 0 && f.change[i]! >= o.minPixelChange) flicker[i]! += 1;
    }
  });
  const needColour = Math.max(2, Math.ceil(o.minPixelPresence * frames.length));
  const needFlicker = Math.max(1, Math.ceil(o.minFlickerShare * (frames.length - 1)));
  const warm = new Uint8Array(n);
  const candidates = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    warm[i] = coloured[i]! >= needColour ? 1 : 0;
    candidates[i] = warm[i] === 1 && flicker[i]! >= needFlicker ? 1 : 0;
  }
  return { warm, candidates };
}

/** 1 where a pixel of the recent frames is a flame candidate (see the module comment). */
export function candidatePixels(win: MaskWindow, o: FlameOptions = DEFAULT_FLAME_OPTIONS): Uint8Array {
  return pixelEvidence(win, o).candidates;
}

/** Regions of the window with their evidence, from its candidate pixels; none until the window holds two frames. */
export function flameRegions(win: MaskWindow, o: FlameOptions = DEFAULT_FLAME_OPTIONS, candidates?: Uint8Array): FlameRegion[] {
  if (win.frames.length < 2) return [];
  const grown = dilate(candidates ?? candidatePixels(win, o), win.width, win.height, 1);
  return components(grown, win.width, win.height, o.minAreaPx).map((c) => measure(win, c, o));
}
