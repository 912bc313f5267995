/**
 * How much a static blob stands out from what surrounds it, in the frame and in the background,
 * measured against the surroundings' own variation (their colour spread and texture) rather than in
 * grey levels. A thing put down stands out now where its place looked like its surroundings before
 * (a bag in front of a railing breaks the railing's pattern; a grey case on dark paving is darker
 * than the paving around it by many times the paving's own grain); a ghost (something taken away)
 * is the reverse: its place stood out before and matches its surroundings now. This holds on tiles,
 * railings and dark paving alike, where the blob's outline and its absolute colour distance say
 * little.
 *
 * The ring is the band around the blob's box (RING_SHARE of its size, RING_MIN_PX..RING_MAX_PX), minus
 * the blob itself and anything else that differs from the background now (a person standing by the
 * bag): what is there both in the frame and in the background.
 */
import type { Component } from '../image/components.ts';
import type { SmallFrame } from './small-frame.ts';

export interface StandOut {
  /** Dissimilarity of the blob's inside and its ring, in the frame and in the background (0: alike). */
  readonly now: number;
  readonly before: number;
  /** Mean luminance gradient in the ring (background), levels per 2 px: the texture around. */
  readonly ringGradient: number;
}

const RING_SHARE = 0.5;
const RING_MIN_PX = 2;
const RING_MAX_PX = 8;
/** Floors of the spreads: sensor and compression noise of the small frame (RGB distance, gradient). */
const COLOUR_NOISE = 6;
const GRADIENT_NOISE = 4;
/** A ring with fewer usable pixels than this says nothing. */
const MIN_RING_PX = 8;

interface Stats {
  n: number;
  sum: [number, number, number];
  sq: number;
  grad: number;
}

const empty = (): Stats => ({ n: 0, sum: [0, 0, 0], sq: 0, grad: 0 });

function add(s: Stats, rgb: ArrayLike<number>, i: number, grad: number): void {
  s.n++;
  for (let c = 0; c < 3; c++) s.sum[c] = s.sum[c]! + rgb[i + c]!;
  s.sq += rgb[i]! ** 2 + rgb[i + 1]! ** 2 + rgb[i + 2]! ** 2;
  s.grad += grad;
}

const mean = (s: Stats): [number, number, number] => [s.sum[0] / s.n, s.sum[1] / s.n, s.sum[2] / s.n];

/** Spread of the colours (RGB distance to their mean, root mean square). */
function spread(s: Stats): number {
  const m = mean(s);
  return Math.sqrt(Math.max(0, s.sq / s.n - (m[0] ** 2 + m[1] ** 2 + m[2] ** 2)));
}

/** Colour and texture-level difference of inside and ring, each over the ring's own variation. */
function dissimilarity(inside: Stats, ring: Stats): number {
  const a = mean(inside);
  const b = mean(ring);
  const colour = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) / (spread(ring) + COLOUR_NOISE);
  const gIn = inside.grad / inside.n;
  const gRing = ring.grad / ring.n;
  return colour + Math.abs(gIn - gRing) / (gRing + GRADIENT_NOISE);
}

/**
 * Luminance gradient magnitudes (central differences, levels per 2 px) of one frame and of the
 * background, each computed once per pixel and only where some blob's surroundings need it.
 */
export interface Gradients {
  now(p: number): number;
  before(p: number): number;
}

function lazyMagnitude(l: Float32Array, w: number, h: number): (p: number) => number {
  const cache = new Float32Array(w * h).fill(-1);
  return (p) => {
    const v = cache[p]!;
    if (v >= 0) return v;
    const x = p % w;
    const y = (p - x) / w;
    const gx = l[x < w - 1 ? p + 1 : p]! - l[x > 0 ? p - 1 : p]!;
    const gy = l[y < h - 1 ? p + w : p]! - l[y > 0 ? p - w : p]!;
    return (cache[p] = Math.hypot(gx, gy));
  };
}

export function gradientsOf(lumNow: Float32Array, lumBefore: Float32Array, w: number, h: number): Gradients {
  return { now: lazyMagnitude(lumNow, w, h), before: lazyMagnitude(lumBefore, w, h) };
}

/**
 * Stand-out of component `c`. `changed` marks the pixels differing from the background this frame
 * (kept out of the ring).
 */
export function standOut(c: Component, labels: Int32Array, frame: SmallFrame, background: Float32Array, grad: Gradients, changed: Uint8Array): StandOut {
  const w = frame.width;
  const h = frame.height;
  const r = Math.min(RING_MAX_PX, Math.max(RING_MIN_PX, Math.round(RING_SHARE * Math.max(c.x2 - c.x1 + 1, c.y2 - c.y1 + 1))));
  const inNow = empty();
  const inBg = empty();
  const ringNow = empty();
  const ringBg = empty();
  for (let y = Math.max(0, c.y1 - r); y <= Math.min(h - 1, c.y2 + r); y++) {
    for (let x = Math.max(0, c.x1 - r); x <= Math.min(w - 1, c.x2 + r); x++) {
      const p = y * w + x;
      const mine = labels[p] === c.label;
      if (!mine && changed[p]) continue;
      add(mine ? inNow : ringNow, frame.data, p * 3, grad.now(p));
      add(mine ? inBg : ringBg, background, p * 3, grad.before(p));
    }
  }
  if (inNow.n === 0 || ringNow.n < MIN_RING_PX) return { now: 0, before: 0, ringGradient: 0 };
  return { now: dissimilarity(inNow, ringNow), before: dissimilarity(inBg, ringBg), ringGradient: ringBg.grad / ringBg.n };
}
