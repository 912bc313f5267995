/**
 * A downscaled copy of the analysed frame (area average over f x f blocks), with its luma. Pixel
 * analyzers work on ~160 px wide frames: 16 times fewer pixels than the 640 px analysis frame.
 */
import type { Frame } from '../../core/types.ts';

export interface SmallFrame {
  readonly width: number;
  readonly height: number;
  /** Packed RGB24. */
  readonly rgb: Uint8Array;
  /** Rec. 601 luma, 0..255. */
  readonly luma: Uint8Array;
  /** Source pixels per small pixel, on each axis. */
  readonly factor: number;
}

/** The integer factor that brings `width` closest to `targetWidth` (at least 1). */
export function factorFor(width: number, targetWidth: number): number {
  return Math.max(1, Math.round(width / Math.max(1, targetWidth)));
}

export function downscale(frame: Pick<Frame, 'width' | 'height' | 'data'>, targetWidth: number): SmallFrame {
  const f = factorFor(frame.width, targetWidth);
  const width = Math.max(1, Math.floor(frame.width / f));
  const height = Math.max(1, Math.floor(frame.height / f));
  const rgb = new Uint8Array(width * height * 3);
  const luma = new Uint8Array(width * height);
  const src = frame.data;
  const n = f * f;
  const acc = new Uint32Array(width * 3);
  const rowBytes = frame.width * 3;
  const usedBytes = width * f * 3;
  for (let y = 0; y < height; y++) {
    acc.fill(0);
    // Sum the f x f block of each output pixel, reading each source row linearly.
    for (let dy = 0; dy < f; dy++) {
      let i = (y * f + dy) * rowBytes;
      for (let o = 0; o < usedBytes / f; o += 3) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let dx = 0; dx < f; dx++, i += 3) {
          r += src[i]!;
          g += src[i + 1]!;
          b += src[i + 2]!;
        }
        acc[o] = acc[o]! + r;
        acc[o + 1] = acc[o + 1]! + g;
        acc[o + 2] = acc[o + 2]! + b;
      }
    }
    for (let x = 0; x < width; x++) {
      const r = acc[x * 3]!;
      const g = acc[x * 3 + 1]!;
      const b = acc[x * 3 + 2]!;
      const o = y * width + x;
      rgb[o * 3] = r / n;
      rgb[o * 3 + 1] = g / n;
      rgb[o * 3 + 2] = b / n;
      luma[o] = (299 * r + 587 * g + 114 * b) / (1000 * n);
    }
  }
  return { width, height, rgb, luma, factor: f };
}
