/** The last few frames' flame masks, lumas and changes, oldest first: the evidence flame.ts measures. */
import type { Box, Frame } from '../../core/types.ts';

export interface MaskFrame {
  readonly tMs: number;
  /** 1 where the pixel is flame-coloured. */
  readonly mask: Uint8Array;
  readonly luma: Uint8Array;
  /**
   * Per pixel, the smallest |luma change| from the previous frame over a 3x3 neighbourhood after
   * the camera's global shift (shiftTolerantChange); zero where a moving object explains it, and
   * for the first frame.
   */
  readonly change: Uint8Array;
  /** Camera shift from the previous frame, small pixels (cur(x) ~ prev(x - shift)). */
  readonly shift: { readonly dx: number; readonly dy: number };
  /** The full-resolution frame, kept for the latest frames only (fine.ts re-examines small places in it). */
  readonly full?: Pick<Frame, 'width' | 'data'>;
  /** Swept boxes of the persons and vehicles that moved since the previous frame (normalised). */
  readonly moving?: readonly Box[];
}

export interface MaskWindow {
  readonly width: number;
  readonly height: number;
  readonly frames: readonly MaskFrame[];
}

/**
 * Appends a frame, keeping at most `capacity` and the full frames of the latest `fullFrames` only;
 * a size change (new stream geometry) starts afresh.
 */
export function pushFrame(win: MaskWindow | undefined, width: number, height: number, frame: MaskFrame, capacity: number, fullFrames = capacity): MaskWindow {
  const same = win !== undefined && win.width === width && win.height === height;
  const kept = same ? win.frames.slice(Math.max(0, win.frames.length - capacity + 1)) : [];
  const old = kept.length + 1 - fullFrames;
  const frames = [...kept, frame].map((f, i) => {
    if (i >= old || !f.full) return f;
    const { full: _dropped, ...rest } = f;
    return rest;
  });
  return { width, height, frames };
}

/**
 * How far cur(x, y) falls outside the range [min, max] of prev over the neighbourhood within
 * `radius` pixels of (x - dx, y - dy): a value inside that range is explained by a shift of up to a pixel, sub-pixel
 * shake of a high-contrast edge included (an edge shifted by half a pixel takes a value between
 * its two sides); a real brightness change in place falls outside it.
 */
export function shiftTolerantChange(prev: Uint8Array, cur: Uint8Array, width: number, height: number, dx = 0, dy = 0, radius = 1): Uint8Array {
  const out = new Uint8Array(cur.length);
  for (let y = 0; y < height; y++) {
    const py = y - dy;
    if (py < -radius || py > height - 1 + radius) continue;
    const qy1 = Math.max(0, py - radius);
    const qy2 = Math.min(height - 1, py + radius);
    for (let x = 0; x < width; x++) {
      const px = x - dx;
      if (px < -radius || px > width - 1 + radius) continue;
      const qx1 = Math.max(0, px - radius);
      const qx2 = Math.min(width - 1, px + radius);
      let lo = 255;
      let hi = 0;
      for (let qy = qy1; qy <= qy2; qy++) {
        for (let qx = qx1; qx <= qx2; qx++) {
          const p = prev[qy * width + qx]!;
          if (p < lo) lo = p;
          if (p > hi) hi = p;
        }
      }
      const v = cur[y * width + x]!;
      out[y * width + x] = v < lo ? lo - v : v > hi ? v - hi : 0;
    }
  }
  return out;
}
