/**
 * Alert snapshot: the analysed frame with the zones (the alert's zone highlighted, flow zones with
 * their allowed direction) and the alert's box drawn on top, encoded as JPEG.
 */
import jpeg from 'jpeg-js';
import type { Box, Point, Zone, ZoneKind } from '../core/types.ts';
import { polygonSignedArea } from '../core/geometry.ts';
import { type PixelPoint, type Rgb, type RgbImage, drawArrow, drawPolyline, drawRect, fillPolygon, toPx } from './draw.ts';

export const SNAPSHOT_QUALITY = 80;

export const ZONE_COLORS: Readonly<Record<ZoneKind, Rgb>> = {
  forbidden: [255, 96, 0],
  flow: [0, 160, 255],
  crowd: [255, 210, 0],
  watch: [200, 200, 200],
};
export const BOX_COLOR: Rgb = [255, 0, 64];

export interface SnapshotOverlay {
  readonly box?: Box;
  /** The zone the alert is about, drawn thicker and tinted. */
  readonly zoneId?: string;
  readonly zones: readonly Zone[];
}

/** Line widths for a frame size: 4 px box and 1 px zones at 640 wide, scaled with the width. */
export function strokeWidths(width: number): { box: number; zone: number; highlight: number } {
  const k = Math.max(1, width / 640);
  return { box: Math.max(2, Math.round(4 * k)), zone: Math.max(1, Math.round(k)), highlight: Math.max(2, Math.round(3 * k)) };
}

function toPixel(p: Point, img: RgbImage): PixelPoint {
  return { x: toPx(p.x, img.width), y: toPx(p.y, img.height) };
}

/** Area centroid of a polygon in pixels; the vertex mean when the area is zero. */
export function centroid(pts: readonly PixelPoint[]): PixelPoint {
  const a = polygonSignedArea(pts);
  if (Math.abs(a) < 1e-9) {
    return { x: pts.reduce((s, p) => s + p.x, 0) / pts.length, y: pts.reduce((s, p) => s + p.y, 0) / pts.length };
  }
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const cross = pts[j]!.x * pts[i]!.y - pts[i]!.x * pts[j]!.y;
    cx += (pts[j]!.x + pts[i]!.x) * cross;
    cy += (pts[j]!.y + pts[i]!.y) * cross;
  }
  return { x: cx / (6 * a), y: cy / (6 * a) };
}

/** The arrow of a flow zone: from its centroid along the direction (normalised space), in pixels. */
export function flowArrow(zone: Zone, img: RgbImage): { from: PixelPoint; to: PixelPoint } | undefined {
  if (!zone.direction || zone.polygon.length < 3) return undefined;
  const dx = zone.direction.x * img.width;
  const dy = zone.direction.y * img.height;
  const len = Math.hypot(dx, dy);
  if (len === 0) return undefined;
  const from = centroid(zone.polygon.map((p) => toPixel(p, img)));
  const arrowPx = 0.15 * Math.min(img.width, img.height);
  return { from, to: { x: from.x + (dx / len) * arrowPx, y: from.y + (dy / len) * arrowPx } };
}

/** Draws the overlay onto a copy of the frame; the frame itself is left untouched. */
export function renderSnapshot(frame: RgbImage, overlay: SnapshotOverlay): RgbImage {
  if (frame.data.length !== frame.width * frame.height * 3) {
    throw new Error(`frame is ${frame.data.length} bytes, expected ${frame.width}x${frame.height}x3`);
  }
  const img: RgbImage = { width: frame.width, height: frame.height, data: Uint8Array.from(frame.data) };
  const w = strokeWidths(img.width);
  const zones = [...overlay.zones].sort((a, b) => Number(a.id === overlay.zoneId) - Number(b.id === overlay.zoneId));
  for (const zone of zones) {
    const color = ZONE_COLORS[zone.kind];
    const pts = zone.polygon.map((p) => toPixel(p, img));
    const highlighted = zone.id === overlay.zoneId;
    if (highlighted) fillPolygon(img, pts, color, 0.25);
    drawPolyline(img, pts, true, color, highlighted ? w.highlight : w.zone);
    const arrow = zone.kind === 'flow' ? flowArrow(zone, img) : undefined;
    if (arrow) drawArrow(img, arrow.from, arrow.to, color, w.highlight);
  }
  if (overlay.box) {
    const b = overlay.box;
    drawRect(img, toPixel({ x: b.x1, y: b.y1 }, img), toPixel({ x: b.x2, y: b.y2 }, img), BOX_COLOR, w.box);
  }
  return img;
}

/** RGB24 -> JPEG bytes (jpeg-js takes RGBA). */
export function encodeJpeg(img: RgbImage, quality = SNAPSHOT_QUALITY): Buffer {
  const n = img.width * img.height;
  const rgba = new Uint8Array(n * 4);
  for (let i = 0, j = 0; i < n * 3; i += 3, j += 4) {
    rgba[j] = img.data[i]!;
    rgba[j + 1] = img.data[i + 1]!;
    rgba[j + 2] = img.data[i + 2]!;
    rgba[j + 3] = 255;
  }
  return jpeg.encode({ width: img.width, height: img.height, data: rgba }, quality).data;
}

export function snapshotJpeg(frame: RgbImage, overlay: SnapshotOverlay, quality = SNAPSHOT_QUALITY): Buffer {
  return encodeJpeg(renderSnapshot(frame, overlay), quality);
}
