/**
 * Where the track labels of the live view go so that they stay readable on busy scenes (pure):
 * each label tries above its box, then inside its top edge, then below, then slides down or up until it
 * overlaps no label already placed; it always stays inside the frame. Labels carry a dark
 * background drawn by the caller.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface LabelRequest {
  /** The box the label names, in the same units as the frame. */
  readonly box: Rect;
  readonly w: number;
  readonly h: number;
}

const overlaps = (a: Rect, b: Rect): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), Math.max(lo, hi));

/** Width of a one-line label of `chars` characters at `fontSize` (sans-serif, bold, with padding). */
export function labelWidth(chars: number, fontSize: number): number {
  return chars * fontSize * 0.62 + fontSize * 0.8;
}

/** Label rectangles, in request order; earlier requests keep the best spots. */
export function placeLabels(requests: readonly LabelRequest[], frameW: number, frameH: number): Rect[] {
  const placed: Rect[] = [];
  for (const r of requests) {
    const x = clamp(r.box.x, 0, frameW - r.w);
    const inFrame = (y: number): Rect => ({ x, y: clamp(y, 0, frameH - r.h), w: r.w, h: r.h });
    const tries = [inFrame(r.box.y - r.h), inFrame(r.box.y), inFrame(r.box.y + r.box.h)];
    let spot = tries.find((t) => !placed.some((p) => overlaps(p, t)));
    for (let step = 1; !spot && step <= Math.ceil(frameH / r.h); step++) {
      const both = [inFrame(r.box.y + step * r.h), inFrame(r.box.y - (step + 1) * r.h)];
      spot = both.find((t) => !placed.some((p) => overlaps(p, t)));
    }
    placed.push(spot ?? tries[0]!); // a full frame: overlap rather than hide
  }
  return placed;
}
