/**
 * Dual background model on a small frame (after Porikli et al., "Robust abandoned object detection
 * using dual foregrounds", 2008). Two running averages of the scene: a fast one (time constant
 * ~1.5 s) that soon takes in anything that stops moving, and a slow one (~30 s) that is not updated
 * where the scene differs from it (selective update, apart from a very slow absorption), so a person
 * standing for a while leaves no ghost. A pixel that differs from the slow model but already matches
 * the fast one holds something that arrived and stopped; the time it has spent so is its static
 * evidence. The slow model starts as the per-pixel median of the first frames (warm-up): what was
 * there when the camera started is background. A sudden change over much of the frame is taken for
 * a change of light: both models are rescaled by the local light gain (relight.ts), which keeps
 * what differed before (a bag stays a bag when the lights dim); if that does not explain a change
 * over most of the frame, the scene changed (camera moved) and the model starts again. The state is owned and mutated by one
 * analyzer.
 *
 * A pixel differs from a model when its colour distance passes a threshold of its own, set by the
 * background around it rather than in absolute grey levels (pixelThresholds): high where the
 * background is textured (a camera shaking by a pixel changes a pixel by about its local gradient)
 * or bright (a 10 % change of light is no object), low on dark, even ground (dark paving), where a
 * dark bag differs from the ground by only a few grey levels, down to a floor above sensor and
 * compression noise. It never exceeds colourThreshold, the threshold of old.
 */
import { gainImage } from './relight.ts';
import type { SmallFrame } from './small-frame.ts';

export interface DualModelOptions {
  /** Time constant of the fast background. */
  readonly fastTauMs: number;
  /** Time constant of the slow background where the scene matches it. */
  readonly slowTauMs: number;
  /** Time constant with which the slow background takes in lasting changes (minutes). */
  readonly absorbTauMs: number;
  /** The slow background starts as the median of the frames of this first span. */
  readonly warmupMs: number;
  /** RGB Euclidean distance (0..441) above which a pixel differs from a background, at most (textured or bright background). */
  readonly colourThreshold: number;
  /** ... and at least (dark, even background): a margin above the small frame's noise. */
  readonly minColourThreshold: number;
  /** Static evidence kept at most (so that a removed object fades quickly). */
  readonly maxStaticMs: number;
  /** Evidence falls this many times faster than it builds when the pixel matches the slow model. */
  readonly decayFactor: number;
  /** More than this fraction of the frame differing from the slow model: the light changed; rescale the models. */
  readonly relightFraction: number;
  /** Still more than this fraction after rescaling: the scene changed (camera moved), start again. */
  readonly resetFraction: number;
}

export const DEFAULT_DUAL_MODEL: DualModelOptions = {
  fastTauMs: 1500,
  slowTauMs: 30_000,
  absorbTauMs: 600_000,
  warmupMs: 3000,
  colourThreshold: 28,
  minColourThreshold: 12,
  maxStaticMs: 10_000,
  decayFactor: 5,
  relightFraction: 0.2,
  resetFraction: 0.5,
};

/** Per-pixel thresholds follow the slow background this often (it changes slowly). */
const THRESHOLD_REFRESH_MS = 1000;
/** A change of light by this fraction of the background's colour is not an object. */
const LIGHT_FRACTION = 0.1;
/** RGB distance per luminance level of a grey change (sqrt 3), for the shake term. */
const GREY_RGB = Math.sqrt(3);

/** Frames kept for the warm-up median (bounds memory at high frame rates). */
const MAX_WARMUP_FRAMES = 15;
/** Longest gap between frames that still counts in full (a stalled stream must not jump). */
const MAX_STEP_MS = 2000;

export interface DualModel {
  readonly width: number;
  readonly height: number;
  /** RGB running averages. */
  readonly fast: Float32Array;
  readonly slow: Float32Array;
  /** Per pixel: time spent differing from the slow model while matching the fast one. */
  readonly staticMs: Float32Array;
  /** Per pixel, this frame: 1 where the scene differs from the slow model. */
  readonly slowFg: Uint8Array;
  /** Per pixel: the squared colour distance above which it differs (pixelThresholds). */
  readonly thresholdSq: Float32Array;
  thresholdMs: number | undefined;
  warmup: Uint8Array[];
  startMs: number | undefined;
  lastMs: number | undefined;
  /** True once the warm-up is over and the masks mean something. */
  ready: boolean;
}

export function createDualModel(width: number, height: number): DualModel {
  const n = width * height;
  return {
    width,
    height,
    fast: new Float32Array(n * 3),
    slow: new Float32Array(n * 3),
    staticMs: new Float32Array(n),
    slowFg: new Uint8Array(n),
    thresholdSq: new Float32Array(n),
    thresholdMs: undefined,
    warmup: [],
    startMs: undefined,
    lastMs: undefined,
    ready: false,
  };
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const m = values.length >> 1;
  return values.length % 2 === 1 ? values[m]! : (values[m - 1]! + values[m]!) / 2;
}

function finishWarmup(m: DualModel, current: Uint8Array): void {
  const column: number[] = [];
  for (let i = 0; i < m.slow.length; i++) {
    column.length = 0;
    for (const f of m.warmup) column.push(f[i]!);
    m.slow[i] = median(column);
    m.fast[i] = current[i]!;
  }
  m.warmup = [];
  m.staticMs.fill(0);
  m.thresholdMs = undefined;
  m.ready = true;
}

/**
 * Each pixel's threshold from the slow background: the larger of the change a one-pixel shake makes
 * there (the strongest luminance gradient of its 3x3 neighbourhood, per pixel, as an RGB distance)
 * and a LIGHT_FRACTION change of its colour, within [minColourThreshold, colourThreshold].
 */
export function pixelThresholds(m: DualModel, o: DualModelOptions): void {
  const { width: w, height: h } = m;
  const lum = new Float32Array(w * h);
  for (let p = 0, i = 0; p < lum.length; p++, i += 3) lum[p] = 0.299 * m.slow[i]! + 0.587 * m.slow[i + 1]! + 0.114 * m.slow[i + 2]!;
  const grad = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      const gx = (lum[x < w - 1 ? p + 1 : p]! - lum[x > 0 ? p - 1 : p]!) / 2;
      const gy = (lum[y < h - 1 ? p + w : p]! - lum[y > 0 ? p - w : p]!) / 2;
      grad[p] = Math.hypot(gx, gy);
    }
  }
  // 3x3 maximum, separably: along rows, then along columns.
  const rowMax = new Float32Array(w * h);
  for (let p = 0; p < grad.length; p++) {
    const x = p % w;
    rowMax[p] = Math.max(grad[p]!, x > 0 ? grad[p - 1]! : 0, x < w - 1 ? grad[p + 1]! : 0);
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      const g = Math.max(rowMax[p]!, y > 0 ? rowMax[p - w]! : 0, y < h - 1 ? rowMax[p + w]! : 0);
      const light = LIGHT_FRACTION * Math.hypot(m.slow[p * 3]!, m.slow[p * 3 + 1]!, m.slow[p * 3 + 2]!);
      const t = Math.min(o.colourThreshold, Math.max(o.minColourThreshold, GREY_RGB * g, light));
      m.thresholdSq[p] = t * t;
    }
  }
}

/** Starts again from this frame (first frame, or a scene change such as a camera moved). */
export function resetDualModel(m: DualModel, frame: SmallFrame, tMs: number): void {
  m.warmup = [frame.data.slice()];
  m.startMs = tMs;
  m.lastMs = tMs;
  m.ready = false;
  m.staticMs.fill(0);
  m.slowFg.fill(0);
  m.thresholdMs = undefined;
}

function distanceSq(data: Uint8Array, model: Float32Array, i: number): number {
  const r = data[i]! - model[i]!;
  const g = data[i + 1]! - model[i + 1]!;
  const b = data[i + 2]! - model[i + 2]!;
  return r * r + g * g + b * b;
}

const rate = (dtMs: number, tauMs: number): number => 1 - Math.exp(-dtMs / tauMs);
/** Gains within this of 1 everywhere: the light did not change (a busy scene, not a lamp). */
const SAME_LIGHT = 0.06;

/** Feeds one small frame (same size as the model). Returns the fraction of pixels differing from the slow model. */
export function updateDualModel(m: DualModel, frame: SmallFrame, tMs: number, o: DualModelOptions = DEFAULT_DUAL_MODEL): number {
  if (m.startMs === undefined || m.lastMs === undefined || tMs < m.lastMs) {
    resetDualModel(m, frame, tMs);
    return 0;
  }
  const dtMs = Math.min(MAX_STEP_MS, tMs - m.lastMs);
  m.lastMs = tMs;
  if (!m.ready) {
    if (m.warmup.length < MAX_WARMUP_FRAMES) m.warmup.push(frame.data.slice());
    if (tMs - m.startMs >= o.warmupMs) finishWarmup(m, frame.data);
    return 0;
  }
  const t2 = o.colourThreshold * o.colourThreshold;
  if (m.thresholdMs === undefined || tMs - m.thresholdMs >= THRESHOLD_REFRESH_MS || tMs < m.thresholdMs) {
    pixelThresholds(m, o);
    m.thresholdMs = tMs;
  }
  const aFast = rate(dtMs, o.fastTauMs);
  const aSlow = rate(dtMs, o.slowTauMs);
  const aAbsorb = rate(dtMs, o.absorbTauMs);
  const data = frame.data;
  let changed = 0;
  for (let p = 0, i = 0; p < m.staticMs.length; p++, i += 3) {
    const tp2 = m.thresholdSq[p]!;
    const slowFg = distanceSq(data, m.slow, i) > tp2;
    const fastFg = distanceSq(data, m.fast, i) > tp2;
    m.slowFg[p] = slowFg ? 1 : 0;
    if (slowFg) changed++;
    if (slowFg && !fastFg) m.staticMs[p] = Math.min(o.maxStaticMs, m.staticMs[p]! + dtMs);
    else if (!slowFg) m.staticMs[p] = Math.max(0, m.staticMs[p]! - o.decayFactor * dtMs);
    // slowFg && fastFg: something moving over the pixel (a passer-by in front of a bag): evidence held.
    const aS = slowFg ? aAbsorb : aSlow;
    for (let c = 0; c < 3; c++) {
      m.fast[i + c] = m.fast[i + c]! + aFast * (data[i + c]! - m.fast[i + c]!);
      m.slow[i + c] = m.slow[i + c]! + aS * (data[i + c]! - m.slow[i + c]!);
    }
  }
  const fraction = changed / m.staticMs.length;
  if (fraction > o.relightFraction && !relight(m, data, t2, o.resetFraction) && fraction > o.resetFraction) resetDualModel(m, frame, tMs);
  return fraction;
}

/**
 * Rescales both models to the frame's light (relight.ts). False (models untouched) when the frame
 * does not look like a light change (busy foreground, a new scene), or still leaves more than
 * `maxFraction` of it differing.
 */
function relight(m: DualModel, data: Uint8Array, t2: number, maxFraction: number): boolean {
  const gains = gainImage(data, m.slow, m.staticMs, m.width, m.height);
  if (!gains || gains.every((g) => Math.abs(g - 1) < SAME_LIGHT)) return false;
  let changed = 0;
  for (let i = 0; i < m.slow.length; i += 3) {
    let d2 = 0;
    for (let c = 0; c < 3; c++) d2 += (data[i + c]! - m.slow[i + c]! * gains[i + c]!) ** 2;
    if (d2 > t2) changed++;
  }
  if (changed / m.staticMs.length > maxFraction) return false;
  for (let i = 0; i < m.slow.length; i++) {
    m.slow[i] = Math.min(255, m.slow[i]! * gains[i]!);
    m.fast[i] = Math.min(255, m.fast[i]! * gains[i]!);
  }
  return true;
}

/** 1 where the static evidence reaches `minStaticMs`. */
export function staticMask(m: DualModel, minStaticMs: number): Uint8Array {
  const mask = new Uint8Array(m.staticMs.length);
  for (let p = 0; p < mask.length; p++) mask[p] = m.staticMs[p]! >= minStaticMs ? 1 : 0;
  return mask;
}

/** Takes the current scene into the slow background inside `mask` (a ghost or a light change found out). */
export function absorbInto(m: DualModel, frame: SmallFrame, mask: Uint8Array): void {
  for (let p = 0; p < mask.length; p++) {
    if (!mask[p]) continue;
    for (let c = 0; c < 3; c++) m.slow[p * 3 + c] = frame.data[p * 3 + c]!;
    m.staticMs[p] = 0;
  }
}
