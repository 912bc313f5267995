/**
 * Square person crops for the pose model: a square around the track box with a margin, in frame
 * pixels (it may reach outside the frame: those pixels are padded black, as MoveNet's own cropping
 * does), resampled bilinearly to the model input; and the inverse map of crop coordinates to the frame.
 */
import type { Box, Point } from '../../core/types.ts';

/** A square region of the frame in pixels; x0, y0 may be negative, the square may pass the edges. */
export interface CropRect {
  readonly x0: number;
  readonly y0: number;
  readonly side: number;
}

export interface RgbFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * The square around a normalised box: side = longest box side in pixels times (1 + 2 * margin),
 * centred on the box centre, never smaller than minSidePx.
 */
export function squareCrop(box: Box, frameWidth: number, frameHeight: number, margin = 0.2, minSidePx = 32): CropRect {
  const wPx = (box.x2 - box.x1) * frameWidth;
  const hPx = (box.y2 - box.y1) * frameHeight;
  const side = Math.max(minSidePx, Math.max(wPx, hPx) * (1 + 2 * margin));
  const cx = ((box.x1 + box.x2) / 2) * frameWidth;
  const cy = ((box.y1 + box.y2) / 2) * frameHeight;
  return { x0: cx - side / 2, y0: cy - side / 2, side };
}

/**
 * The crop resampled to size x size RGB, NHWC order, values 0..255 (what MoveNet takes as int32).
 * Bilinear with half-pixel centres; samples outside the frame are 0.
 */
export function cropToInput(frame: RgbFrame, rect: CropRect, size: number, out: Int32Array = new Int32Array(size * size * 3)): Int32Array {
  if (out.length !== size * size * 3) throw new RangeError(`crop buffer needs ${size * size * 3} values, got ${out.length}`);
  const { width, height, data } = frame;
  const scale = rect.side / size;
  let o = 0;
  for (let dy = 0; dy < size; dy++) {
    const sy = rect.y0 + (dy + 0.5) * scale - 0.5;
    const y0 = Math.floor(sy);
    const wy = sy - y0;
    for (let dx = 0; dx < size; dx++, o += 3) {
      const sx = rect.x0 + (dx + 0.5) * scale - 0.5;
      const x0 = Math.floor(sx);
      const wx = sx - x0;
      for (let c = 0; c < 3; c++) {
        const p00 = pixel(data, width, height, x0, y0, c);
        const p10 = pixel(data, width, height, x0 + 1, y0, c);
        const p01 = pixel(data, width, height, x0, y0 + 1, c);
        const p11 = pixel(data, width, height, x0 + 1, y0 + 1, c);
        const top = p00 + (p10 - p00) * wx;
        const bottom = p01 + (p11 - p01) * wx;
        out[o + c] = Math.round(top + (bottom - top) * wy);
      }
    }
  }
  return out;
}

function pixel(data: Uint8Array, width: number, height: number, x: number, y: number, c: number): number {
  if (x < 0 || y < 0 || x >= width || y >= height) return 0;
  return data[(y * width + x) * 3 + c]!;
}

/** A point in crop fractions (0..1 of the square) -> normalised frame coordinates. */
export function cropToFrame(p: Point, rect: CropRect, frameWidth: number, frameHeight: number): Point {
  return { x: (rect.x0 + p.x * rect.side) / frameWidth, y: (rect.y0 + p.y * rect.side) / frameHeight };
}
