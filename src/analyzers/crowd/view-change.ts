/**
 * Has the camera's view changed (a cut, a PTZ preset, a camera knocked)? Tile detections and
 * the person scale belong to one view: after a change they describe another scene. Each frame,
 * the crowd region is reduced to a small grey thumbnail (block means); the view has changed when
 * most of its cells differ from the previous frame's by more than a light flicker or people moving
 * through would make them.
 */
import type { PixelRect } from './tiles.ts';

export interface Thumbnail {
  readonly cols: number;
  readonly rows: number;
  /** Block means of the luminance, 0..255, row-major. */
  readonly data: Float32Array;
}

export interface ViewChangeOptions {
  /** Thumbnail width in cells (the height follows the region's aspect). */
  readonly cols: number;
  /** A cell differs when its mean moves by more than this (grey levels). */
  readonly cellThreshold: number;
  /** The view changed when more than this fraction of the cells differ. */
  readonly fraction: number;
}

export const DEFAULT_VIEW_CHANGE: ViewChangeOptions = { cols: 24, cellThreshold: 24, fraction: 0.5 };

export function thumbnailOf(frame: { readonly width: number; readonly data: Uint8Array }, rect: PixelRect, cols: number): Thumbnail {
  const cellW = Math.max(1, rect.width / cols);
  const rows = Math.max(1, Math.round(rect.height / cellW));
  const cellH = rect.height / rows;
  const sums = new Float64Array(cols * rows);
  const counts = new Uint32Array(cols * rows);
  // Every other pixel of every other row: plenty for block means, a quarter of the reads.
  for (let y = 0; y < rect.height; y += 2) {
    const r = Math.min(rows - 1, Math.floor(y / cellH));
    let src = ((rect.y + y) * frame.width + rect.x) * 3;
    for (let x = 0; x < rect.width; x += 2, src += 6) {
      const c = Math.min(cols - 1, Math.floor(x / cellW));
      sums[r * cols + c]! += 0.299 * frame.data[src]! + 0.587 * frame.data[src + 1]! + 0.114 * frame.data[src + 2]!;
      counts[r * cols + c]!++;
    }
  }
  const data = new Float32Array(cols * rows);
  for (let i = 0; i < data.length; i++) data[i] = counts[i]! > 0 ? sums[i]! / counts[i]! : 0;
  return { cols, rows, data };
}

/** Fraction of the cells whose mean moved by more than the threshold (1 when the sizes differ). */
export function changedFraction(a: Thumbnail, b: Thumbnail, cellThreshold: number): number {
  if (a.cols !== b.cols || a.rows !== b.rows) return 1;
  let changed = 0;
  for (let i = 0; i < a.data.length; i++) if (Math.abs(a.data[i]! - b.data[i]!) > cellThreshold) changed++;
  return changed / a.data.length;
}

export function viewChanged(prev: Thumbnail, next: Thumbnail, opts: ViewChangeOptions = DEFAULT_VIEW_CHANGE): boolean {
  return changedFraction(prev, next, opts.cellThreshold) > opts.fraction;
}
