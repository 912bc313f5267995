/**
 * Quarter-turned crops, to find a lying body again: an upright-trained detector scores a lying person
 * low, but the same body turned by 90 degrees stands up. Pure pixel and coordinate maths.
 */
import type { Box } from '../../core/types.ts';
import type { RgbFrame } from './crop.ts';

/** A rectangle of frame pixels, inside the frame. */
export interface PixelRect {
  readonly x0: number;
  readonly y0: number;
  readonly width: number;
  readonly height: number;
}

/** 'cw': the crop's left edge becomes the top; 'ccw': its right edge does. */
export type Turn = 'cw' | 'ccw';

export interface TurnedImage extends RgbFrame {
  readonly turn: Turn;
}

/** A square of side sidePx centred on (cx, cy) in pixels, clipped to the frame. */
export function clippedSquare(cxPx: number, cyPx: number, sidePx: number, frameWidth: number, frameHeight: number): PixelRect {
  const x0 = Math.max(0, Math.round(cxPx - sidePx / 2));
  const y0 = Math.max(0, Math.round(cyPx - sidePx / 2));
  const x1 = Math.min(frameWidth, Math.round(cxPx + sidePx / 2));
  const y1 = Math.min(frameHeight, Math.round(cyPx + sidePx / 2));
  return { x0, y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
}

/**
 * The rect turned a quarter, subsampled (nearest pixel) so that its longer side is at most maxSidePx.
 * Output width is the rect's (scaled) height and vice versa.
 */
export function turnedCrop(frame: RgbFrame, rect: PixelRect, turn: Turn, maxSidePx: number): TurnedImage {
  const scale = Math.min(1, maxSidePx / Math.max(rect.width, rect.height));
  const cw = Math.max(1, Math.round(rect.width * scale));
  const ch = Math.max(1, Math.round(rect.height * scale));
  const width = ch;
  const height = cw;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // (u, v): the source position in the scaled crop.
      const u = turn === 'cw' ? y : cw - 1 - y;
      const v = turn === 'cw' ? ch - 1 - x : x;
      const sx = Math.min(rect.width - 1, Math.floor((u + 0.5) / scale)) + rect.x0;
      const sy = Math.min(rect.height - 1, Math.floor((v + 0.5) / scale)) + rect.y0;
      const si = (sy * frame.width + sx) * 3;
      const di = (y * width + x) * 3;
      data[di] = frame.data[si]!;
      data[di + 1] = frame.data[si + 1]!;
      data[di + 2] = frame.data[si + 2]!;
    }
  }
  return { width, height, data, turn };
}

/** A box normalised to the turned image -> normalised frame coordinates. */
export function turnedBoxToFrame(b: Box, rect: PixelRect, turn: Turn, frameWidth: number, frameHeight: number): Box {
  // In crop fractions: cw maps turned (x, y) to crop (y, 1 - x); ccw to crop (1 - y, x).
  const u1 = turn === 'cw' ? b.y1 : 1 - b.y2;
  const u2 = turn === 'cw' ? b.y2 : 1 - b.y1;
  const v1 = turn === 'cw' ? 1 - b.x2 : b.x1;
  const v2 = turn === 'cw' ? 1 - b.x1 : b.x2;
  return {
    x1: (rect.x0 + u1 * rect.width) / frameWidth,
    y1: (rect.y0 + v1 * rect.height) / frameHeight,
    x2: (rect.x0 + u2 * rect.width) / frameWidth,
    y2: (rect.y0 + v2 * rect.height) / frameHeight,
  };
}
