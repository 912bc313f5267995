/**
 * A small copy of the analysed frame (e.g. 160 px wide) for the pixel-level background models:
 * averaging blocks of pixels divides the cost of the models by the block area and smooths
 * compression noise. Blocks of 4 px and more are averaged over every other row and column (a
 * quarter of the reads for nearly the same smoothing).
 */

/** Packed RGB24, `width * height * 3` bytes. */
export interface SmallFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Integer block size that brings `width` closest to `targetWidth` (at least 1: never upscales). */
export function blockSizeFor(width: number, targetWidth: number): number {
  return Math.max(1, Math.round(width / Math.max(1, targetWidth)));
}

/** Block average of `src` (RGB24); partial blocks at the right and bottom edges are dropped. */
export function downscaleRgb(src: SmallFrame, targetWidth: number): SmallFrame {
  const k = blockSizeFor(src.width, targetWidth);
  const step = k >= 4 ? 2 : 1;
  const width = Math.max(1, Math.floor(src.width / k));
  const height = Math.max(1, Math.floor(src.height / k));
  const data = new Uint8Array(width * height * 3);
  const sums = new Uint32Array(width * 3);
  const per = Math.ceil(k / step);
  const n = per * per;
  const offset = step > 1 ? Math.floor((k - (per - 1) * step) / 2) : 0;
  for (let by = 0; by < height; by++) {
    sums.fill(0);
    for (let dy = offset; dy < k; dy += step) {
      const row = (by * k + dy) * src.width * 3;
      for (let bx = 0, d = 0; bx < width; bx++, d += 3) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let dx = offset, s = row + (bx * k + offset) * 3; dx < k; dx += step, s += step * 3) {
          r += src.data[s]!;
          g += src.data[s + 1]!;
          b += src.data[s + 2]!;
        }
        sums[d] = sums[d]! + r;
        sums[d + 1] = sums[d + 1]! + g;
        sums[d + 2] = sums[d + 2]! + b;
      }
    }
    const out = by * width * 3;
    for (let i = 0; i < width * 3; i++) data[out + i] = (sums[i]! + (n >> 1)) / n;
  }
  return { width, height, data };
}
