/** Test support: decode a JPEG and resize it with plain bilinear interpolation (half-pixel centres). */
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';

export interface RgbImage {
  readonly width: number;
  readonly height: number;
  /** Packed RGB, 3 bytes a pixel. */
  readonly data: Uint8Array;
}

export function decodeJpegFile(file: string): RgbImage {
  const { width, height, data } = jpeg.decode(readFileSync(file), { useTArray: true, formatAsRGBA: false });
  return { width, height, data };
}

/** Bilinear resize to width x height; output is float RGB (HWC, same 0..255 scale). */
export function resizeBilinear(img: RgbImage, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height * 3);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), img.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, img.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), img.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, img.width - 1);
      const wx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const p = (yy: number, xx: number): number => img.data[(yy * img.width + xx) * 3 + c]!;
        const top = p(y0, x0) * (1 - wx) + p(y0, x1) * wx;
        const bottom = p(y1, x0) * (1 - wx) + p(y1, x1) * wx;
        out[(y * width + x) * 3 + c] = top * (1 - wy) + bottom * wy;
      }
    }
  }
  return out;
}

/** HWC float RGB to NCHW [1, 3, h, w], multiplied by `scale`. */
export function hwcToNchw(hwc: Float32Array, width: number, height: number, scale = 1): Float32Array {
  const out = new Float32Array(hwc.length);
  const plane = width * height;
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) out[c * plane + i] = hwc[i * 3 + c]! * scale;
  }
  return out;
}
