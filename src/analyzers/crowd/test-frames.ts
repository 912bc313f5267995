/**
 * Synthetic frames for the crowd tests: flat backgrounds with discs (heads) drawn on them, and packed
 * crowds seen from far (blurred heads on a jittered lattice).
 */
import { mulberry32 } from '../../core/random.ts';
import type { GreyImage } from './blobs.ts';

export interface Disc {
  readonly x: number;
  readonly y: number;
  readonly r: number;
  /** Grey level 0..255. */
  readonly value: number;
}

export interface RgbFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export function discFrame(width: number, height: number, discs: readonly Disc[], background = 200): RgbFrame {
  const data = new Uint8Array(width * height * 3).fill(background);
  for (const d of discs) {
    for (let y = Math.floor(d.y - d.r); y <= Math.ceil(d.y + d.r); y++) {
      for (let x = Math.floor(d.x - d.r); x <= Math.ceil(d.x + d.r); x++) {
        if (x < 0 || y < 0 || x >= width || y >= height || (x - d.x) ** 2 + (y - d.y) ** 2 > d.r * d.r) continue;
        data.fill(d.value, (y * width + x) * 3, (y * width + x) * 3 + 3);
      }
    }
  }
  return { width, height, data };
}

/** A square lattice of dark heads of radius r, spacing step, inside [x0, x1) x [y0, y1). */
export function lattice(x0: number, y0: number, x1: number, y1: number, step: number, r: number, value = 40): Disc[] {
  const out: Disc[] = [];
  for (let y = y0 + step / 2; y < y1; y += step) for (let x = x0 + step / 2; x < x1; x += step) out.push({ x, y, r, value });
  return out;
}

/** A dark head seen from far, blurred by the optics: a Gaussian dip of scale s (pixels). */
export interface Head {
  readonly x: number;
  readonly y: number;
  readonly s: number;
  readonly depth: number;
}

/** A packed crowd over [0, width) x rows: heads of scale s on a jittered lattice (spacing 4 s, placed by the seed). */
export function crowdHeads(width: number, s: number, seed: number, rows: readonly [number, number]): Head[] {
  const rand = mulberry32(seed);
  const step = 4 * s;
  const [ox, oy] = [rand() * step, rand() * step];
  const out: Head[] = [];
  for (let y = rows[0] + oy; y < rows[1]; y += step) {
    for (let x = ox; x < width; x += step) out.push({ x: x + (rand() - 0.5) * s, y: y + (rand() - 0.5) * s, s, depth: 80 + 60 * rand() });
  }
  return out;
}

/** Luminance of a background of grey 190 with the heads on it. */
export function headsGrey(width: number, height: number, heads: readonly Head[]): GreyImage {
  const data = new Float32Array(width * height).fill(190);
  for (const h of heads) {
    const r = Math.ceil(3 * h.s);
    for (let y = Math.max(0, Math.floor(h.y - r)); y <= Math.min(height - 1, h.y + r); y++) {
      for (let x = Math.max(0, Math.floor(h.x - r)); x <= Math.min(width - 1, h.x + r); x++) {
        data[y * width + x]! -= h.depth * Math.exp(-((x - h.x) ** 2 + (y - h.y) ** 2) / (2 * h.s * h.s));
      }
    }
  }
  return { width, height, data };
}

/** The same as an RGB frame (grey pixels). */
export function headsFrame(width: number, height: number, heads: readonly Head[]): RgbFrame {
  const grey = headsGrey(width, height, heads);
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < grey.data.length; i++) data.fill(Math.max(0, Math.min(255, Math.round(grey.data[i]!))), i * 3, i * 3 + 3);
  return { width, height, data };
}
