/**
 * What kind of change a static blob is, from the current frame and the slow background:
 * - ghost: something that was in the background went away (the edges along the blob outline are
 *   in the background, not in the frame), after Connell et al., IBM PeopleVision (2004); unless
 *   nothing distinct was there to leave: the place looked like its surroundings in the background
 *   (surround.ts), with no contour of its own there (outline edges no stronger than the texture
 *   around). A bag in front of a railing hides the bars' strong edges behind its own weaker
 *   outline, yet nothing left the background there;
 * - illumination: light, shadow, reflection or puddle shine: the colour hue (chromaticity) is kept,
 *   only the brightness changed within bounds, and the texture is kept (gradients still correlate)
 *   or there is none on either side;
 * - object: anything else, i.e. something new that adds its own outline and colour or texture.
 */
import type { Component } from '../image/components.ts';
import type { SmallFrame } from './small-frame.ts';
import { standOut, type Gradients } from './surround.ts';

export type BlobKind = 'object' | 'ghost' | 'illumination';

export interface BlobMeasures {
  /** Mean distance between the normalised (r, g) chromaticities of frame and background. */
  readonly chromaShift: number;
  /** Mean luminance of the frame over that of the background, inside the blob. */
  readonly lumaRatio: number;
  /** Mean luminance of the background inside the blob (0..255). */
  readonly lumaBackground: number;
  /** Correlation of the luminance gradients of frame and background inside the outline (-1..1). */
  readonly textureCorr: number;
  /** Mean gradient magnitude inside the outline, frame and background (luminance levels per 2 px). */
  readonly gradientCurrent: number;
  readonly gradientBackground: number;
  /** Mean gradient magnitude on the blob outline, frame and background. */
  readonly edgeCurrent: number;
  readonly edgeBackground: number;
  /** How much the blob stands out from its surroundings in the frame and in the background, in units of their own variation (surround.ts). */
  readonly standNow: number;
  readonly standBefore: number;
  /** Mean gradient of the background around the blob: the texture its outline is seen against. */
  readonly ringGradient: number;
}

/** Thresholds of classifyBlob. */
export const BLOB_LIMITS = {
  maxChromaShift: 0.03,
  minLumaRatio: 0.3,
  maxLumaRatio: 3,
  minTextureCorr: 0.6,
  /** Below this mean gradient a region has no texture to compare. */
  flatGradient: 6,
  /** The outline carries less than this fraction of the background's edges: a ghost. */
  ghostEdgeRatio: 0.7,
  /** ... provided the background had an outline at all. */
  minGhostEdge: 8,
  /** Nothing distinct was in the background: the place's stand-out under this (units of the surroundings' variation) ... */
  maxStandBefore: 0.5,
  /** ... and its outline edges under this many times the texture around. */
  contourGain: 1.2,
};

export function luminance(rgb: ArrayLike<number>, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let p = 0, i = 0; p < n; p++, i += 3) out[p] = 0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!;
  return out;
}

function gradient(l: Float32Array, w: number, h: number, x: number, y: number): [number, number] {
  const p = y * w + x;
  const gx = l[x < w - 1 ? p + 1 : p]! - l[x > 0 ? p - 1 : p]!;
  const gy = l[y < h - 1 ? p + w : p]! - l[y > 0 ? p - w : p]!;
  return [gx, gy];
}

function chroma(rgb: ArrayLike<number>, i: number): [number, number] {
  const s = rgb[i]! + rgb[i + 1]! + rgb[i + 2]! + 1;
  return [rgb[i]! / s, rgb[i + 1]! / s];
}

function onOutline(labels: Int32Array, w: number, h: number, x: number, y: number, label: number): boolean {
  const p = y * w + x;
  return (
    (x > 0 && labels[p - 1] !== label) ||
    (x < w - 1 && labels[p + 1] !== label) ||
    (y > 0 && labels[p - w] !== label) ||
    (y < h - 1 && labels[p + w] !== label)
  );
}

/**
 * Measures one component of `labels`; lumCur and lumBg are the luminance of frame and background,
 * `grad` their gradient magnitudes, `changed` the pixels that differ from the background this frame
 * (kept out of the surroundings).
 */
export function measureBlob(
  c: Component,
  labels: Int32Array,
  frame: SmallFrame,
  background: Float32Array,
  lumCur: Float32Array,
  lumBg: Float32Array,
  grad: Gradients,
  changed: Uint8Array,
): BlobMeasures {
  const w = frame.width;
  const h = frame.height;
  let n = 0;
  let chromaSum = 0;
  let lc = 0;
  let lb = 0;
  const inner = { n: 0, gc: 0, gb: 0, dot: 0, cc: 0, bb: 0 };
  const all = { ...inner };
  let outline = 0;
  let ec = 0;
  let eb = 0;
  for (let y = c.y1; y <= c.y2; y++) {
    for (let x = c.x1; x <= c.x2; x++) {
      const p = y * w + x;
      if (labels[p] !== c.label) continue;
      n++;
      const [rc, gc] = chroma(frame.data, p * 3);
      const [rb, gb] = chroma(background, p * 3);
      chromaSum += Math.hypot(rc - rb, gc - gb);
      lc += lumCur[p]!;
      lb += lumBg[p]!;
      const [cx, cy] = gradient(lumCur, w, h, x, y);
      const [bx, by] = gradient(lumBg, w, h, x, y);
      const mc = Math.hypot(cx, cy);
      const mb = Math.hypot(bx, by);
      const edge = onOutline(labels, w, h, x, y, c.label);
      for (const acc of edge ? [all] : [all, inner]) {
        acc.n++;
        acc.gc += mc;
        acc.gb += mb;
        acc.dot += cx * bx + cy * by;
        acc.cc += cx * cx + cy * cy;
        acc.bb += bx * bx + by * by;
      }
      if (edge) {
        outline++;
        ec += mc;
        eb += mb;
      }
    }
  }
  // Texture is judged inside the outline (a hard-edged light patch adds an outline, not texture);
  // a blob too thin to have an inside is judged whole.
  const t = inner.n > 0 ? inner : all;
  const nn = Math.max(1, n);
  const no = Math.max(1, outline);
  const stand = standOut(c, labels, frame, background, grad, changed);
  return {
    standNow: stand.now,
    standBefore: stand.before,
    ringGradient: stand.ringGradient,
    chromaShift: chromaSum / nn,
    lumaRatio: lc / Math.max(1, lb),
    lumaBackground: lb / nn,
    textureCorr: t.cc > 0 && t.bb > 0 ? t.dot / Math.sqrt(t.cc * t.bb) : 0,
    gradientCurrent: t.gc / Math.max(1, t.n),
    gradientBackground: t.gb / Math.max(1, t.n),
    edgeCurrent: ec / no,
    edgeBackground: eb / no,
  };
}

export function classifyBlob(m: BlobMeasures, l = BLOB_LIMITS): BlobKind {
  const outlineGone = m.edgeBackground >= l.minGhostEdge && m.edgeCurrent < l.ghostEdgeRatio * m.edgeBackground;
  const nothingThere = m.standBefore < l.maxStandBefore && m.edgeBackground < l.contourGain * m.ringGradient;
  if (outlineGone && !nothingThere) return 'ghost';
  const hueKept = m.chromaShift <= l.maxChromaShift;
  const brightnessOnly = m.lumaRatio >= l.minLumaRatio && m.lumaRatio <= l.maxLumaRatio;
  const flat = m.gradientCurrent < l.flatGradient && m.gradientBackground < l.flatGradient;
  if (hueKept && brightnessOnly && (flat || m.textureCorr >= l.minTextureCorr)) return 'illumination';
  return 'object';
}
