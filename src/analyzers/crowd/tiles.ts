/**
 * Overlapping tiles over a region of the analysed frame, for a second detector pass where people
 * are small: each tile is cropped at the frame's resolution and handed to the detector, whose
 * letterbox upscales it to the model input (a 160 px tile becomes 416 px for NanoDet: x2.6).
 */
import type { Box, Detection, Frame, Zone } from '../../core/types.ts';
import type { DetectorInput } from '../../detect/detector.ts';

/** A rectangle in frame pixels. */
export interface PixelRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Tile side in frame pixels: NanoDet's 416 px input upscales it x2.6. Fixed in pixels, so a larger analysed frame gets more tiles and sees smaller people. */
export const TILE_PX = 160;
/** Overlap between neighbouring tiles, as a fraction of the tile side. */
export const TILE_OVERLAP = 0.2;

/** The bounding box of the crowd zones in frame pixels, or the whole frame when there is none. */
export function regionOf(zones: readonly Zone[], width: number, height: number): PixelRect {
  const pts = zones.filter((z) => z.kind === 'crowd').flatMap((z) => z.polygon);
  if (pts.length === 0) return { x: 0, y: 0, width, height };
  const x1 = Math.max(0, Math.floor(Math.min(...pts.map((p) => p.x)) * width));
  const y1 = Math.max(0, Math.floor(Math.min(...pts.map((p) => p.y)) * height));
  const x2 = Math.min(width, Math.ceil(Math.max(...pts.map((p) => p.x)) * width));
  const y2 = Math.min(height, Math.ceil(Math.max(...pts.map((p) => p.y)) * height));
  return { x: x1, y: y1, width: Math.max(1, x2 - x1), height: Math.max(1, y2 - y1) };
}

/** Start offsets of `n` windows of `size` spread evenly over [start, start + length). */
function offsets(start: number, length: number, size: number): number[] {
  if (length <= size) return [start];
  const n = Math.ceil((length - size) / (size * (1 - TILE_OVERLAP))) + 1;
  const step = (length - size) / (n - 1);
  return Array.from({ length: n }, (_, i) => start + Math.round(i * step));
}

/** Square tiles (clipped to the region) covering it with at least TILE_OVERLAP overlap. */
export function planTiles(region: PixelRect, side = TILE_PX): PixelRect[] {
  const w = Math.min(side, region.width);
  const h = Math.min(side, region.height);
  const xs = offsets(region.x, region.width, w);
  const ys = offsets(region.y, region.height, h);
  return ys.flatMap((y) => xs.map((x) => ({ x, y, width: w, height: h })));
}

/** The tile's pixels as a detector input (RGB24, packed rows). */
export function cropTile(frame: Pick<Frame, 'width' | 'data' | 'tMs'>, tile: PixelRect): DetectorInput {
  const data = new Uint8Array(tile.width * tile.height * 3);
  for (let r = 0; r < tile.height; r++) {
    const from = ((tile.y + r) * frame.width + tile.x) * 3;
    data.set(frame.data.subarray(from, from + tile.width * 3), r * tile.width * 3);
  }
  return { width: tile.width, height: tile.height, data, tMs: frame.tMs };
}

/** A detection mapped back to frame coordinates, remembering whether a tile edge cut its box. */
export interface TileDetection extends Detection {
  /** The box touches an edge of the tile that lies inside the frame: its size is truncated. */
  readonly cut: boolean;
}

/** Within this many tile pixels of an edge, a box counts as touching it. */
const EDGE_PX = 2;

export function mapFromTile(d: Detection, tile: PixelRect, frameWidth: number, frameHeight: number): TileDetection {
  const b = d.box;
  const box: Box = {
    x1: (tile.x + b.x1 * tile.width) / frameWidth,
    y1: (tile.y + b.y1 * tile.height) / frameHeight,
    x2: (tile.x + b.x2 * tile.width) / frameWidth,
    y2: (tile.y + b.y2 * tile.height) / frameHeight,
  };
  const ex = EDGE_PX / tile.width;
  const ey = EDGE_PX / tile.height;
  const cut =
    (b.x1 <= ex && tile.x > 0) ||
    (b.y1 <= ey && tile.y > 0) ||
    (b.x2 >= 1 - ex && tile.x + tile.width < frameWidth) ||
    (b.y2 >= 1 - ey && tile.y + tile.height < frameHeight);
  return { box, label: d.label, score: d.score, cut };
}
