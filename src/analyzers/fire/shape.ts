/** Frame-to-frame shape measures of a region's flame mask: lit pixels, rigid-motion-free change. */
import type { Component } from './components.ts';

export interface Rect {
  /** Inclusive pixel bounds. */
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface LitStats {
  readonly count: number;
  readonly cx: number;
  readonly cy: number;
}

export function litStats(mask: Uint8Array, width: number, r: Rect): LitStats {
  let count = 0;
  let sx = 0;
  let sy = 0;
  for (let y = r.y1; y <= r.y2; y++) {
    for (let x = r.x1; x <= r.x2; x++) {
      if (mask[y * width + x] !== 0) {
        count += 1;
        sx += x;
        sy += y;
      }
    }
  }
  return { count, cx: count > 0 ? sx / count : 0, cy: count > 0 ? sy / count : 0 };
}

/** At most this many pixels are compared per shift: large regions are sampled on a grid. */
const MAX_SAMPLES = 900;

/** XOR / OR of `cur` against `prev` moved by (dx, dy), inside r. */
export function maskResidual(prev: Uint8Array, cur: Uint8Array, width: number, height: number, r: Rect, dx: number, dy: number): number {
  const step = Math.max(1, Math.round(Math.sqrt(((r.x2 - r.x1 + 1) * (r.y2 - r.y1 + 1)) / MAX_SAMPLES)));
  let xor = 0;
  let or = 0;
  for (let y = r.y1; y <= r.y2; y += step) {
    const sy = y - dy;
    for (let x = r.x1; x <= r.x2; x += step) {
      const sx = x - dx;
      const a = sx >= 0 && sx < width && sy >= 0 && sy < height ? prev[sy * width + sx]! : 0;
      const b = cur[y * width + x]!;
      if (a !== 0 || b !== 0) {
        or += 1;
        if (a !== b) xor += 1;
      }
    }
  }
  return or === 0 ? 0 : xor / or;
}

export interface Aligned {
  readonly residual: number;
  readonly dx: number;
  readonly dy: number;
}

/**
 * The smallest mask residual over shifts within one pixel of each candidate centre (no motion, the
 * camera's shift, the lit centroid's shift): what is left once the region's rigid motion is out.
 */
export function alignedResidual(prev: Uint8Array, cur: Uint8Array, width: number, height: number, r: Rect, centres: readonly (readonly [number, number])[]): Aligned {
  let best: Aligned = { residual: Infinity, dx: 0, dy: 0 };
  const seen = new Set<number>();
  for (const [cx, cy] of centres) {
    for (let dy = cy - 1; dy <= cy + 1; dy++) {
      for (let dx = cx - 1; dx <= cx + 1; dx++) {
        const key = dx * 4096 + dy;
        if (seen.has(key)) continue;
        seen.add(key);
        const residual = maskResidual(prev, cur, width, height, r, dx, dy);
        if (residual < best.residual) best = { residual, dx, dy };
      }
    }
  }
  return best;
}

/** Mean |luma change| over the component's pixels, `prev` taken at the shift. */
export function lumaChange(prev: Uint8Array, cur: Uint8Array, width: number, height: number, c: Component, dx: number, dy: number): number {
  let sum = 0;
  let n = 0;
  for (const p of c.pixels) {
    const x = p % width;
    const y = (p - x) / width;
    const sx = x - dx;
    const sy = y - dy;
    if (sx < 0 || sx >= width || sy < 0 || sy >= height) continue;
    sum += Math.abs(cur[p]! - prev[sy * width + sx]!);
    n += 1;
  }
  return n === 0 ? 0 : sum / n;
}

/** Mean luma over the component's pixels. */
export function meanOver(values: Uint8Array, c: Component): number {
  let sum = 0;
  for (const p of c.pixels) sum += values[p]!;
  return c.pixels.length === 0 ? 0 : sum / c.pixels.length;
}

/**
 * The brightest `share` of the pixels inside r (1 = in the core), as a full-size mask. The
 * threshold is this frame's own quantile, so a light that only dims or brightens keeps the same
 * core (a gain change moves every pixel together), while a flame's brightest tongues change shape.
 */
export function coreMask(luma: Uint8Array, width: number, height: number, r: Rect, share: number): Uint8Array {
  const hist = new Uint32Array(256);
  for (let y = r.y1; y <= r.y2; y++) for (let x = r.x1; x <= r.x2; x++) hist[luma[y * width + x]!]! += 1;
  const keep = Math.max(1, Math.round(share * (r.x2 - r.x1 + 1) * (r.y2 - r.y1 + 1)));
  let threshold = 255;
  for (let seen = hist[255]!; seen < keep && threshold > 0; ) seen += hist[--threshold]!;
  const out = new Uint8Array(width * height);
  for (let y = r.y1; y <= r.y2; y++) for (let x = r.x1; x <= r.x2; x++) out[y * width + x] = luma[y * width + x]! >= threshold ? 1 : 0;
  return out;
}
