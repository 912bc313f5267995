/**
 * Privacy masks: polygons of a camera (normalised 0..1, like zones) painted black in the decoded
 * RGB24 frame as it enters the pipeline, so nothing downstream (detector, analyzers, the evidence
 * ring, snapshots, clips, live frames) ever sees those pixels.
 *
 * A pixel is masked when its centre lies inside a polygon or on its edge (even-odd rule per polygon,
 * union of the polygons). The polygons are turned into row spans once per frame size (scanline fill), then each
 * frame is copied with its spans zeroed.
 */
import type { Frame, Point } from './types.ts';

/** Pixels x0 (inclusive) to x1 (exclusive) of row y. */
export interface RowSpan {
  readonly y: number;
  readonly x0: number;
  readonly x1: number;
}

/** Where the polygon's edges cross the horizontal line at `cy` (normalised), left to right. */
function crossings(polygon: readonly Point[], cy: number): number[] {
  const xs: number[] = [];
  polygon.forEach((a, i) => {
    const b = polygon[(i + 1) % polygon.length] ?? a;
    if (a.y <= cy !== b.y <= cy) xs.push(a.x + ((cy - a.y) / (b.y - a.y)) * (b.x - a.x));
  });
  return xs.sort((p, q) => p - q);
}

/** Pixel ranges [x0, x1) of a row whose centres lie inside the polygon, for a line at `cy`. */
function polygonRow(polygon: readonly Point[], cy: number, width: number): [number, number][] {
  const xs = crossings(polygon, cy);
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const x0 = Math.max(0, Math.ceil((xs[i] ?? 0) * width - 0.5));
    const x1 = Math.min(width, Math.floor((xs[i + 1] ?? 0) * width - 0.5) + 1);
    if (x1 > x0) out.push([x0, x1]);
  }
  return out;
}

/** Overlapping or touching ranges joined, sorted. */
function union(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** The pixels of a width x height frame covered by the polygons, as row spans (top to bottom). */
export function maskSpans(polygons: readonly (readonly Point[])[], width: number, height: number): RowSpan[] {
  const spans: RowSpan[] = [];
  for (let y = 0; y < height; y++) {
    const cy = (y + 0.5) / height;
    const ranges = polygons.flatMap((p) => polygonRow(p, cy, width));
    for (const [x0, x1] of union(ranges)) spans.push({ y, x0, x1 });
  }
  return spans;
}

/**
 * A copy of the frame with the spans' pixels black (0, 0, 0); the input frame is left as it is. The
 * decoder's JPEG of the frame (`evidence`) shows the masked pixels: it is not carried over.
 */
export function maskFrame(frame: Frame, spans: readonly RowSpan[]): Frame {
  if (spans.length === 0) return frame;
  const data = Uint8Array.from(frame.data);
  for (const s of spans) data.fill(0, (s.y * frame.width + s.x0) * 3, (s.y * frame.width + s.x1) * 3);
  const { evidence: _unmasked, ...rest } = frame;
  return { ...rest, data };
}

export type FrameMasker = (frame: Frame) => Frame;

/** Masks frames with the camera's polygons; the spans are computed again only when the frame size changes. */
export function createFrameMasker(polygons: readonly (readonly Point[])[]): FrameMasker {
  if (polygons.length === 0) return (frame) => frame;
  let cached: { width: number; height: number; spans: RowSpan[] } | undefined;
  return (frame) => {
    if (cached?.width !== frame.width || cached.height !== frame.height) {
      cached = { width: frame.width, height: frame.height, spans: maskSpans(polygons, frame.width, frame.height) };
    }
    return maskFrame(frame, cached.spans);
  };
}
