/**
 * Light-change compensation for the background models. When the light changes over much of the
 * frame (clouds, a bank of lamps switched), the ratio frame / background is measured per channel on
 * a coarse grid of cells (median: robust to the people passing), leaving out the pixels that hold
 * static things (so a left bag is not taken for a light change) and the very dark or clipped ones
 * (black bars, blown highlights carry no gain), and spread smoothly over the frame
 * by bilinear interpolation. A cell whose ratios do not look like light (out of bounds, or one
 * channel far from the others: a colour, not a brightness) takes the whole frame's gain.
 */

const GRID_X = 8;
const GRID_Y = 6;
/** Gains of a plausible light change: within these bounds, and channels close to each other. */
const MIN_GAIN = 0.3;
const MAX_GAIN = 3.5;
const MAX_SPREAD = 1.3;
/** A cell needs this fraction of usable pixels to have its own gain. */
const MIN_USABLE = 0.25;
/** Background pixels darker than this (sum of channels) tell nothing of a gain (black bars, night sky), */
const MIN_SUM = 48;
/** ... nor do clipped ones (at or above this value in a channel, frame or background). */
const CLIP = 250;

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const m = values.length >> 1;
  return values.length % 2 === 1 ? values[m]! : (values[m - 1]! + values[m]!) / 2;
}

const ratio = (cur: number, bg: number): number => (cur + 4) / (bg + 4);

function informative(frame: Uint8Array, background: Float32Array, i: number): boolean {
  if (background[i]! + background[i + 1]! + background[i + 2]! < MIN_SUM) return false;
  for (let c = 0; c < 3; c++) if (frame[i + c]! >= CLIP || background[i + c]! >= CLIP) return false;
  return true;
}

function plausible(g: readonly number[]): boolean {
  const lo = Math.min(...g);
  const hi = Math.max(...g);
  return lo >= MIN_GAIN && hi <= MAX_GAIN && hi / lo <= MAX_SPREAD;
}

/**
 * Per-pixel RGB gains (width * height * 3) that bring `background` to the light of `frame`, or
 * undefined when the frame as a whole does not look like a light change. Pixels with `skip` set
 * (static things) are left out of the estimate.
 */
export function gainImage(
  frame: Uint8Array,
  background: Float32Array,
  skip: Float32Array,
  width: number,
  height: number,
): Float32Array | undefined {
  const cells: number[][][] = Array.from({ length: GRID_X * GRID_Y }, () => [[], [], []]);
  const all: number[][] = [[], [], []];
  // Every other row and column: a quarter of the pixels is plenty for a median per cell.
  for (let y = 0; y < height; y += 2) {
    const cy = Math.min(GRID_Y - 1, Math.floor((y * GRID_Y) / height));
    for (let x = 0; x < width; x += 2) {
      const p = y * width + x;
      if (skip[p]! > 0 || !informative(frame, background, p * 3)) continue;
      const cell = cells[cy * GRID_X + Math.min(GRID_X - 1, Math.floor((x * GRID_X) / width))]!;
      for (let c = 0; c < 3; c++) {
        const r = ratio(frame[p * 3 + c]!, background[p * 3 + c]!);
        cell[c]!.push(r);
        all[c]!.push(r);
      }
    }
  }
  if (all[0]!.length === 0) return undefined;
  const global = all.map(median);
  if (!plausible(global)) return undefined;
  const perCell = (width * height) / (4 * GRID_X * GRID_Y);
  const gains = cells.map((cell) => {
    if (cell[0]!.length < MIN_USABLE * perCell) return global;
    const g = cell.map(median);
    return plausible(g) ? g : global;
  });
  return interpolate(gains, width, height);
}

function interpolate(gains: readonly (readonly number[])[], width: number, height: number): Float32Array {
  const out = new Float32Array(width * height * 3);
  const at = (gx: number, gy: number, c: number): number =>
    gains[Math.min(GRID_Y - 1, Math.max(0, gy)) * GRID_X + Math.min(GRID_X - 1, Math.max(0, gx))]![c]!;
  for (let y = 0; y < height; y++) {
    const fy = ((y + 0.5) * GRID_Y) / height - 0.5;
    const y0 = Math.floor(fy);
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = ((x + 0.5) * GRID_X) / width - 0.5;
      const x0 = Math.floor(fx);
      const tx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const top = at(x0, y0, c) * (1 - tx) + at(x0 + 1, y0, c) * tx;
        const bottom = at(x0, y0 + 1, c) * (1 - tx) + at(x0 + 1, y0 + 1, c) * tx;
        out[(y * width + x) * 3 + c] = top * (1 - ty) + bottom * ty;
      }
    }
  }
  return out;
}
