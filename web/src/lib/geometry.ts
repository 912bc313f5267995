/** Drawing helpers for overlays: polygon centroids, arrow geometry, normalised -> pixel. Pure. */
import type { Point } from '../../../src/core/types.ts';

export type XY = readonly [number, number];

/** Area-weighted centroid of a polygon (falls back to the vertex mean for degenerate ones). */
export function centroid(poly: readonly XY[]): XY {
  let a = 0;
  let cx = 0;
  let cy = 0;
  poly.forEach(([x0, y0], i) => {
    const [x1, y1] = poly[(i + 1) % poly.length] ?? [x0, y0];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  });
  if (Math.abs(a) < 1e-12) {
    const n = Math.max(1, poly.length);
    return [poly.reduce((s, p) => s + p[0], 0) / n, poly.reduce((s, p) => s + p[1], 0) / n];
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/** Unit vector, or undefined for a zero vector. */
export function unit(dx: number, dy: number): XY | undefined {
  const n = Math.hypot(dx, dy);
  return n > 1e-9 ? [dx / n, dy / n] : undefined;
}

/** An arrow from `from` along `dir` (pixel space), `length` px long: the shaft and the head's points. */
export function arrow(from: XY, dir: XY, length: number): { shaft: [XY, XY]; head: XY[] } {
  const u = unit(dir[0], dir[1]) ?? [1, 0];
  const tip: XY = [from[0] + u[0] * length, from[1] + u[1] * length];
  const size = Math.max(6, length * 0.28);
  const back: XY = [tip[0] - u[0] * size, tip[1] - u[1] * size];
  const n: XY = [-u[1] * size * 0.55, u[0] * size * 0.55];
  return { shaft: [from, back], head: [tip, [back[0] + n[0], back[1] + n[1]], [back[0] - n[0], back[1] - n[1]]] };
}

export const toPoints = (poly: readonly XY[]): Point[] => poly.map(([x, y]) => ({ x, y }));

export const pointsAttr = (poly: readonly XY[], w: number, h: number): string => poly.map(([x, y]) => `${x * w},${y * h}`).join(' ');

/** Normalised coordinates rounded to 4 decimals (0.1 px on a 1000 px frame), clamped to [0, 1]. */
export function roundNorm(v: number): number {
  return Math.round(Math.min(1, Math.max(0, v)) * 10_000) / 10_000;
}
