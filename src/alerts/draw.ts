/**
 * Pixel drawing on packed RGB24 images. Coordinates are pixel indices (x right, y down).
 * Each function writes only into the image it is given, clips at the borders, and has no other effect.
 */

export interface RgbImage {
  readonly width: number;
  readonly height: number;
  /** Packed RGB24, `width * height * 3` bytes. */
  readonly data: Uint8Array;
}

export type Rgb = readonly [number, number, number];

export interface PixelPoint {
  readonly x: number;
  readonly y: number;
}

export function createImage(width: number, height: number, fill: Rgb = [0, 0, 0]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) data.set(fill, i);
  return { width, height, data };
}

export function getPixel(img: RgbImage, x: number, y: number): Rgb {
  const i = (y * img.width + x) * 3;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
}

/** A normalised coordinate (0..1) -> pixel index (0..size-1). */
export function toPx(v: number, size: number): number {
  return Math.min(size - 1, Math.max(0, Math.round(v * (size - 1))));
}

export function setPixel(img: RgbImage, x: number, y: number, c: Rgb): void {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  const i = (y * img.width + x) * 3;
  img.data[i] = c[0];
  img.data[i + 1] = c[1];
  img.data[i + 2] = c[2];
}

/** A `thickness` x `thickness` square around (x, y); even sizes extend one more to the right/bottom. */
export function stamp(img: RgbImage, x: number, y: number, c: Rgb, thickness: number): void {
  const lo = Math.floor((thickness - 1) / 2);
  const hi = thickness - 1 - lo;
  for (let dy = -lo; dy <= hi; dy++) for (let dx = -lo; dx <= hi; dx++) setPixel(img, x + dx, y + dy, c);
}

/** Bresenham line between pixel centres, stamped with the given thickness. */
export function drawLine(img: RgbImage, a: PixelPoint, b: PixelPoint, c: Rgb, thickness = 1): void {
  let x = Math.round(a.x);
  let y = Math.round(a.y);
  const x1 = Math.round(b.x);
  const y1 = Math.round(b.y);
  const dx = Math.abs(x1 - x);
  const dy = -Math.abs(y1 - y);
  const sx = x < x1 ? 1 : -1;
  const sy = y < y1 ? 1 : -1;
  let err = dx + dy;
  for (;;) {
    stamp(img, x, y, c, thickness);
    if (x === x1 && y === y1) return;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y += sy;
    }
  }
}

export function drawRect(img: RgbImage, a: PixelPoint, b: PixelPoint, c: Rgb, thickness = 1): void {
  drawPolyline(img, [a, { x: b.x, y: a.y }, b, { x: a.x, y: b.y }], true, c, thickness);
}

export function drawPolyline(
  img: RgbImage,
  pts: readonly PixelPoint[],
  closed: boolean,
  c: Rgb,
  thickness = 1,
): void {
  const n = pts.length;
  if (n === 1) stamp(img, Math.round(pts[0]!.x), Math.round(pts[0]!.y), c, thickness);
  for (let i = 0; i + 1 < n; i++) drawLine(img, pts[i]!, pts[i + 1]!, c, thickness);
  if (closed && n > 2) drawLine(img, pts[n - 1]!, pts[0]!, c, thickness);
}

/** x positions where the polygon's edges cross the row y (half-open on y, so vertices count once). */
function rowCrossings(pts: readonly PixelPoint[], y: number): number[] {
  const xs: number[] = [];
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const p = pts[i]!;
    const q = pts[j]!;
    if (p.y <= y !== q.y <= y) xs.push(p.x + ((y - p.y) * (q.x - p.x)) / (q.y - p.y));
  }
  return xs.sort((u, v) => u - v);
}

/**
 * Blends `c` with weight `alpha` (0..1) into the pixels inside the polygon (even-odd), with the usual
 * top-left rule: left and top edges are inside, right and bottom edges are not, so polygons that share
 * an edge never blend a pixel twice. Outlines are drawn over the edges anyway.
 */
export function fillPolygon(img: RgbImage, pts: readonly PixelPoint[], c: Rgb, alpha: number): void {
  if (pts.length < 3 || alpha <= 0) return;
  const a = Math.min(1, alpha);
  const yMin = Math.max(0, Math.ceil(Math.min(...pts.map((p) => p.y))));
  const yMax = Math.min(img.height - 1, Math.floor(Math.max(...pts.map((p) => p.y))));
  for (let y = yMin; y <= yMax; y++) {
    const xs = rowCrossings(pts, y);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(0, Math.ceil(xs[k]!));
      const to = Math.min(img.width - 1, Math.ceil(xs[k + 1]!) - 1);
      for (let x = from; x <= to; x++) {
        const i = (y * img.width + x) * 3;
        for (let ch = 0; ch < 3; ch++) img.data[i + ch] = Math.round(img.data[i + ch]! * (1 - a) + c[ch]! * a);
      }
    }
  }
}

/** A line from `from` to `to` with a two-stroke head at `to`. */
export function drawArrow(img: RgbImage, from: PixelPoint, to: PixelPoint, c: Rgb, thickness = 1): void {
  drawLine(img, from, to, c, thickness);
  const len = Math.hypot(to.x - from.x, to.y - from.y);
  if (len === 0) return;
  const ux = (from.x - to.x) / len;
  const uy = (from.y - to.y) / len;
  const head = Math.max(3, len / 3);
  const spread = (25 * Math.PI) / 180;
  for (const s of [spread, -spread]) {
    const cos = Math.cos(s);
    const sin = Math.sin(s);
    const tip = { x: to.x + head * (ux * cos - uy * sin), y: to.y + head * (ux * sin + uy * cos) };
    drawLine(img, to, tip, c, thickness);
  }
}
