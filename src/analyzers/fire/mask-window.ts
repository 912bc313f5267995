/** The last few frames' flame masks, lumas and changes, oldest first: the evidence flame.ts measures. */

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
}

export interface MaskWindow {
  readonly width: number;
  readonly height: number;
  readonly frames: readonly MaskFrame[];
}

/** Appends a frame, keeping at most `capacity`; a size change (new stream geometry) starts afresh. */
export function pushFrame(win: MaskWindow | undefined, width: number, height: number, frame: MaskFrame, capacity: number): MaskWindow {
  const same = win !== undefined && win.width === width && win.height === height;
  const kept = same ? win.frames.slice(Math.max(0, win.frames.length - capacity + 1)) : [];
  return { width, height, frames: [...kept, frame] };
}

/**
 * min over the 3x3 neighbourhood of prev around (x - dx, y - dy) of |cur(x, y) - prev|: a real
 * brightness change in place scores high, an edge moved by a pixel of shake scores low.
 */
export function shiftTolerantChange(prev: Uint8Array, cur: Uint8Array, width: number, height: number, dx = 0, dy = 0): Uint8Array {
  const out = new Uint8Array(cur.length);
  for (let y = 0; y < height; y++) {
    const py = y - dy;
    for (let x = 0; x < width; x++) {
      const px = x - dx;
      const v = cur[y * width + x]!;
      let best = 255;
      for (let qy = Math.max(0, py - 1); qy <= Math.min(height - 1, py + 1); qy++) {
        for (let qx = Math.max(0, px - 1); qx <= Math.min(width - 1, px + 1); qx++) {
          const d = Math.abs(v - prev[qy * width + qx]!);
          if (d < best) best = d;
        }
      }
      out[y * width + x] = best === 255 && (py < -1 || py > height || px < -1 || px > width) ? 0 : best;
    }
  }
  return out;
}
