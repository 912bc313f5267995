/**
 * Head-sized blob detection: the scale-normalised Laplacian of Gaussian (sigma² ∇²G) of the
 * luminance, at a scale set per band of rows, and its local extrema. Dark blobs (a head of dark
 * hair on lighter clothes) are maxima, bright blobs (a face, a white cap) are minima. Large
 * scales are computed on a box-downsampled strip so that every kernel stays short.
 *
 * A blob must stand out of its own surroundings: its response must exceed `relative` times the
 * local root-mean-square of the response (over a window of LOCAL_RADIUS_SIGMAS), and a floor of
 * `floorShare` times the standard deviation of the whole image (never under MIN_FLOOR grey levels).
 * A fixed threshold in grey levels would depend on the exposure: a dark crowd has every response
 * smaller, heads included, and a bright high-contrast floor has larger ones; both ratios stay the
 * same when the gain changes. The floor keeps what is left at a scale the image does not resolve
 * (a blurred or out-of-focus part, where the local response is only grain) from counting: the
 * image's overall contrast survives a blur, the head-sized detail does not.
 */
import type { Point } from '../../core/types.ts';
import { boxMean } from '../flow/lucas-kanade.ts';
import type { PixelRect } from './tiles.ts';

export interface GreyImage {
  readonly width: number;
  readonly height: number;
  /** Luminance 0..255, row-major. */
  readonly data: Float32Array;
}

/** A band of rows [y0, y1) of a grey image and the blob scale used there, in its pixels. */
export interface BlobBand {
  readonly y0: number;
  readonly y1: number;
  readonly sigma: number;
}

/** A blob's response must exceed max(floorShare x the image's standard deviation, relative x the local RMS of the response). */
export interface BlobThreshold {
  readonly relative: number;
  readonly floorShare: number;
}

/** Grey levels: the floor of a nearly flat image (compression and sensor noise). */
export const MIN_FLOOR = 2;

/** Standard deviation of the grey levels. */
export function greyDeviation(img: GreyImage): number {
  let sum = 0;
  let sq = 0;
  for (const v of img.data) {
    sum += v;
    sq += v * v;
  }
  const n = Math.max(1, img.data.length);
  return Math.sqrt(Math.max(0, sq / n - (sum / n) ** 2));
}

/** Half side of the window of the local contrast, in blob sigmas (about three shoulder widths: the few people around). */
export const LOCAL_RADIUS_SIGMAS = 8;

export interface Blobs {
  readonly dark: Point[];
  readonly bright: Point[];
}

export function greyOf(frame: { readonly width: number; readonly data: Uint8Array }, rect: PixelRect): GreyImage {
  const data = new Float32Array(rect.width * rect.height);
  for (let r = 0; r < rect.height; r++) {
    let src = ((rect.y + r) * frame.width + rect.x) * 3;
    for (let c = 0; c < rect.width; c++, src += 3) {
      data[r * rect.width + c] = 0.299 * frame.data[src]! + 0.587 * frame.data[src + 1]! + 0.114 * frame.data[src + 2]!;
    }
  }
  return { width: rect.width, height: rect.height, data };
}

/** Rows [from, to) of an image, box-averaged by an integer factor. */
export function downsample(img: GreyImage, from: number, to: number, factor: number): GreyImage {
  const width = Math.max(1, Math.floor(img.width / factor));
  const height = Math.max(1, Math.floor((to - from) / factor));
  const data = new Float32Array(width * height);
  const norm = 1 / (factor * factor);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = Math.min(to - 1, from + y * factor + dy) * img.width;
        for (let dx = 0; dx < factor; dx++) s += img.data[row + Math.min(img.width - 1, x * factor + dx)]!;
      }
      data[y * width + x] = s * norm;
    }
  }
  return { width, height, data };
}

/** Gaussian and its second derivative, the latter with zero sum (no response to flat areas). */
function kernels(sigma: number): { g: Float32Array; d2: Float32Array; radius: number } {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const g = new Float32Array(2 * radius + 1);
  const d2 = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += g[i + radius] = Math.exp((-i * i) / (2 * sigma * sigma));
  let sum2 = 0;
  for (let i = -radius; i <= radius; i++) {
    g[i + radius]! /= sum;
    sum2 += d2[i + radius] = (g[i + radius]! * (i * i - sigma * sigma)) / sigma ** 4;
  }
  for (let i = 0; i < d2.length; i++) d2[i]! -= g[i]! * sum2;
  return { g, d2, radius };
}

/** 1-D convolution along rows (x) or columns (y), edges clamped. Inner loops run over contiguous memory. */
function convolve(src: Float32Array, width: number, height: number, k: Float32Array, radius: number, alongRows: boolean): Float32Array {
  const out = new Float32Array(width * height);
  if (alongRows) {
    for (let y = 0; y < height; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) {
        let s = 0;
        if (x >= radius && x < width - radius) {
          for (let t = -radius, i = row + x - radius; t <= radius; t++, i++) s += k[t + radius]! * src[i]!;
        } else {
          for (let t = -radius; t <= radius; t++) s += k[t + radius]! * src[row + Math.min(width - 1, Math.max(0, x + t))]!;
        }
        out[row + x] = s;
      }
    }
    return out;
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let t = -radius; t <= radius; t++) {
      const kt = k[t + radius]!;
      const from = Math.min(height - 1, Math.max(0, y + t)) * width;
      for (let x = 0; x < width; x++) out[row + x]! += kt * src[from + x]!;
    }
  }
  return out;
}

/** sigma² (Ixx + Iyy): positive at the centre of a dark blob of radius about sigma·√2. */
export function laplacianOfGaussian(img: GreyImage, sigma: number): Float32Array {
  const { g, d2, radius } = kernels(sigma);
  const { width, height, data } = img;
  const gx = convolve(data, width, height, g, radius, true);
  const dxx = convolve(data, width, height, d2, radius, true);
  const ixx = convolve(dxx, width, height, g, radius, false);
  const iyy = convolve(gx, width, height, d2, radius, false);
  for (let i = 0; i < ixx.length; i++) ixx[i] = sigma * sigma * (ixx[i]! + iyy[i]!);
  return ixx;
}

/**
 * Per pixel, max(floor, relative x the local root-mean-square of the `sign` side of `resp` (x √2, so
 * that a field symmetric about 0 gives its plain RMS)). Each polarity is judged against its own kind:
 * on a packed crowd of dark heads the bright gaps between them answer less strongly than the heads,
 * yet alternate with them one for one.
 */
export function localThreshold(resp: Float32Array, width: number, height: number, radius: number, relative: number, floor: number, sign: 1 | -1): Float32Array {
  const sq = resp.map((v) => (sign * v > 0 ? 2 * v * v : 0));
  const mean = new Float32Array(sq.length);
  boxMean(sq, width, height, radius, mean, new Float32Array(sq.length));
  for (let i = 0; i < mean.length; i++) mean[i] = Math.max(floor, relative * Math.sqrt(mean[i]!));
  return mean;
}

/**
 * Strict local extrema of sign * resp above the threshold (one value, or one per pixel) in rows
 * [rowFrom, rowTo), one per plateau.
 */
export function localPeaks(
  resp: Float32Array,
  width: number,
  height: number,
  rows: readonly [number, number],
  radius: number,
  threshold: number | Float32Array,
  sign: 1 | -1,
): Point[] {
  const out: Point[] = [];
  const at = typeof threshold === 'number' ? (): number => threshold : (i: number): number => threshold[i]!;
  for (let y = rows[0]; y < rows[1]; y++) {
    for (let x = 0; x < width; x++) {
      const v = sign * resp[y * width + x]!;
      if (v <= at(y * width + x)) continue;
      let peak = true;
      for (let dy = -radius; dy <= radius && peak; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -radius; dx <= radius; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width || (dx === 0 && dy === 0)) continue;
          const n = sign * resp[yy * width + xx]!;
          // Ties go to the first pixel in raster order, so a flat top gives one peak.
          if (n > v || (n === v && (dy < 0 || (dy === 0 && dx < 0)))) {
            peak = false;
            break;
          }
        }
      }
      if (peak) out.push({ x, y });
    }
  }
  return out;
}

/** Peaks are kept apart by this many sigmas (a head is about 2.8 sigma across). */
export const PEAK_RADIUS_SIGMAS = 2.5;
/** Downsample while the scale stays at or above this many pixels (and at most by MAX_FACTOR). */
const MIN_WORKING_SIGMA = 1;
const MAX_FACTOR = 8;

/** Dark and bright blobs of each band, in the grey image's pixel coordinates. */
export function findBlobs(img: GreyImage, bands: readonly BlobBand[], threshold: BlobThreshold): Blobs {
  const dark: Point[] = [];
  const bright: Point[] = [];
  const floor = bands.length > 0 ? Math.max(MIN_FLOOR, threshold.floorShare * greyDeviation(img)) : 0;
  for (const band of bands) {
    let f = 1;
    while (band.sigma / (2 * f) >= MIN_WORKING_SIGMA && f < MAX_FACTOR) f *= 2;
    const margin = Math.ceil((3 + PEAK_RADIUS_SIGMAS) * band.sigma) + f;
    const top = Math.max(0, band.y0 - margin);
    const bottom = Math.min(img.height, band.y1 + margin);
    const small = f === 1 ? { ...img, data: img.data.subarray(top * img.width, bottom * img.width), height: bottom - top } : downsample(img, top, bottom, f);
    const sigma = band.sigma / f;
    const resp = laplacianOfGaussian(small, sigma);
    // Rows of the small image whose centre falls in [y0, y1).
    const first = Math.max(0, Math.ceil((band.y0 - top - (f - 1) / 2) / f));
    const last = Math.min(small.height, Math.ceil((band.y1 - top - (f - 1) / 2) / f));
    const radius = Math.max(1, Math.round(PEAK_RADIUS_SIGMAS * sigma));
    const localRadius = Math.max(1, Math.round(LOCAL_RADIUS_SIGMAS * sigma));
    const limit = (sign: 1 | -1): Float32Array => localThreshold(resp, small.width, small.height, localRadius, threshold.relative, floor, sign);
    const back = (p: Point): Point => ({ x: p.x * f + (f - 1) / 2, y: top + p.y * f + (f - 1) / 2 });
    for (const p of localPeaks(resp, small.width, small.height, [first, last], radius, limit(1), 1)) dark.push(back(p));
    for (const p of localPeaks(resp, small.width, small.height, [first, last], radius, limit(-1), -1)) bright.push(back(p));
  }
  return { dark, bright };
}
