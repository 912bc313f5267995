/**
 * Crops around a person for a closer look: a square around the track box with a margin (arms
 * and what the hands hold stick out of the box), clipped to the frame, copied out as RGB24;
 * and the map of detections in the crop back to frame coordinates. The detector's letterbox then
 * scales the crop up to its input (NanoDet: 416 px), so a knife of 15 px in the 640 px frame
 * reaches the size the detector was trained on.
 */
import type { Box, Detection } from '../../core/types.ts';

/** A rectangle of the frame in whole pixels, x1 < x2, y1 < y2 (exclusive ends). */
export interface PixelRect {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Square of side max(box w, h) * (1 + 2 * margin) around the box centre, clipped to the frame. */
export function personCrop(box: Box, width: number, height: number, margin: number): PixelRect {
  const side = Math.max((box.x2 - box.x1) * width, (box.y2 - box.y1) * height) * (1 + 2 * margin);
  const cx = ((box.x1 + box.x2) / 2) * width;
  const cy = ((box.y1 + box.y2) / 2) * height;
  const x1 = Math.max(0, Math.floor(cx - side / 2));
  const y1 = Math.max(0, Math.floor(cy - side / 2));
  const x2 = Math.min(width, Math.max(x1 + 1, Math.ceil(cx + side / 2)));
  const y2 = Math.min(height, Math.max(y1 + 1, Math.ceil(cy + side / 2)));
  return { x1, y1, x2, y2 };
}

export function cropRgb(frame: RgbImage, r: PixelRect): RgbImage {
  const w = r.x2 - r.x1;
  const h = r.y2 - r.y1;
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const start = ((r.y1 + y) * frame.width + r.x1) * 3;
    data.set(frame.data.subarray(start, start + w * 3), y * w * 3);
  }
  return { width: w, height: h, data };
}

/** A detection in crop-normalised coordinates, moved to frame-normalised coordinates. */
export function toFrame(d: Detection, r: PixelRect, width: number, height: number): Detection {
  const w = r.x2 - r.x1;
  const h = r.y2 - r.y1;
  const box = {
    x1: (r.x1 + d.box.x1 * w) / width,
    y1: (r.y1 + d.box.y1 * h) / height,
    x2: (r.x1 + d.box.x2 * w) / width,
    y2: (r.y1 + d.box.y2 * h) / height,
  };
  return { ...d, box };
}
