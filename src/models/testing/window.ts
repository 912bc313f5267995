/**
 * Test and bench support for running a detector on a window of its input: crop an NCHW tensor,
 * and compare a window run's per-cell outputs ([1, cells, channels], cell = y * W + x) with the
 * full run's cells at the same place.
 */

/** A window of the input, in pixels; top and left multiples of the coarsest stride. */
export interface PixelWindow {
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
}

/** The window's pixels of an NCHW [1, C, H, W] tensor, as [1, C, window.height, window.width]. */
export function cropNchw(x: Float32Array, channels: number, height: number, width: number, win: PixelWindow): Float32Array {
  if (win.top < 0 || win.left < 0 || win.top + win.height > height || win.left + win.width > width) {
    throw new RangeError(`window ${JSON.stringify(win)} is outside ${height}x${width}`);
  }
  const out = new Float32Array(channels * win.height * win.width);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < win.height; y++) {
      const from = (c * height + win.top + y) * width + win.left;
      out.set(x.subarray(from, from + win.width), (c * win.height + y) * win.width);
    }
  }
  return out;
}

export interface CellDiff {
  /** Pixels from the cell's box to the nearest window edge. */
  readonly marginPx: number;
  /** Largest |window - full| over the cell's channels. */
  readonly maxAbsDiff: number;
}

/** One entry per cell of the window's grid at `stride`. */
export function windowCellDiffs(
  full: Float32Array,
  window: Float32Array,
  fullWidth: number,
  win: PixelWindow,
  stride: number,
  channels: number,
): CellDiff[] {
  const [gw, gh, fullGw] = [win.width / stride, win.height / stride, fullWidth / stride];
  const [top, left] = [win.top / stride, win.left / stride];
  const diffs: CellDiff[] = [];
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) {
      const [w0, f0] = [(y * gw + x) * channels, ((top + y) * fullGw + left + x) * channels];
      let max = 0;
      for (let c = 0; c < channels; c++) max = Math.max(max, Math.abs(window[w0 + c]! - full[f0 + c]!));
      const marginPx = Math.min(y, x, gh - 1 - y, gw - 1 - x) * stride;
      diffs.push({ marginPx, maxAbsDiff: max });
    }
  }
  return diffs;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
