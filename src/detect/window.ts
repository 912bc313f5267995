/**
 * Detector passes on windows of the frame (motion gating's `look`, `pipeline/track-coast.ts`):
 * the part of the letterboxed model input around the area to look at, cut at multiples of the
 * model's largest stride so that its anchors are those of a pass on the whole input, and the
 * pixels those of the whole input's tensor. Its cost follows the window's area. Pure functions.
 */
import type { Box, Detection } from '../core/types.ts';
import { boxArea, boxesOverlap, boxWithin, clampBox, unionBox } from '../core/geometry.ts';
import { frameBoxToInput, inputBoxToFrame, type Letterbox } from './letterbox.ts';

export interface WindowOptions {
  /** Window edges fall on multiples of this (input pixels): the model's largest stride. */
  readonly align: number;
  /** Context added on each side of the area to look at: this share of its size, at least `minContext` input pixels. */
  readonly context: number;
  readonly minContext: number;
  /** Windows larger than this share of the letterboxed frame's area, all together, are not worth it: a pass on the whole input instead. */
  readonly maxShare: number;
  /** Detections reaching within this many input pixels of an edge of the window inside the frame are dropped (cut objects). */
  readonly edge: number;
  /** More windows than this, once merged, cost more in runs than they save: a pass on the whole input instead. */
  readonly maxWindows: number;
  /** A window is at least this wide and high (input pixels, where the frame allows): the network judges an object by what surrounds it too. */
  readonly minSize: number;
}

export const DEFAULT_WINDOW: WindowOptions = { align: 32, context: 0.5, minContext: 48, maxShare: 0.6, edge: 24, maxWindows: 4, minSize: 160 };

/** A window of the model input (input pixels, aligned), and the part of the frame (normalised) its detections are trusted in. */
export interface DetectWindow {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly interior: Box;
}

/**
 * Windows (boxes in input pixels) that overlap, or whose union costs no more than the two apart,
 * become one, until none do: the windows that remain are disjoint, so an object is trusted in one
 * of them at most.
 */
function mergeWindows(rects: readonly Box[]): Box[] {
  const out = [...rects];
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length && !merged; j++) {
        const u = unionBox(out[i]!, out[j]!);
        if (boxesOverlap(out[i]!, out[j]!) || boxArea(u) <= boxArea(out[i]!) + boxArea(out[j]!)) {
          out[i] = u;
          out.splice(j, 1);
          merged = true;
        }
      }
    }
  }
  return out;
}

/** An aligned span lo-hi kept within lower-upper; cut under `min` by one bound, it grows on the other side back to its length where there is room. */
function span(lo: number, hi: number, lower: number, upper: number, min: number): [number, number] {
  const a = Math.max(lower, lo);
  const b = Math.min(upper, hi);
  if (b - a >= min) return [a, b];
  return a === lower ? [a, Math.min(upper, Math.max(b, a + hi - lo))] : b === upper ? [Math.max(lower, Math.min(a, b - (hi - lo))), b] : [a, b];
}

/** The letterboxed frame within the model input, widened to the alignment grid (input pixels): no window spends pixels on padding beyond it. */
function frameArea(lb: Letterbox, align: number): { left: number; top: number; right: number; bottom: number } {
  return {
    left: Math.floor(lb.padX / align) * align,
    top: Math.floor(lb.padY / align) * align,
    right: Math.min(lb.inputWidth, Math.ceil((lb.padX + lb.scaledWidth) / align) * align),
    bottom: Math.min(lb.inputHeight, Math.ceil((lb.padY + lb.scaledHeight) / align) * align),
  };
}

/**
 * A pass on the whole frame as a window: the frame's part of the letterboxed input, aligned, without
 * the padding bands beyond it (a 16:9 or a portrait frame fills 234 or 235 px of the 416; its window
 * is 288 px: 69 % of the cost). Every edge is the frame's own, so every detection is trusted.
 * Undefined when the frame already fills the input.
 */
export function frameWindow(lb: Letterbox, align: number = DEFAULT_WINDOW.align): DetectWindow | undefined {
  const { left, top, right, bottom } = frameArea(lb, align);
  if (right - left >= lb.inputWidth && bottom - top >= lb.inputHeight) return undefined;
  return { x: left, y: top, width: right - left, height: bottom - top, interior: { x1: 0, y1: 0, x2: 1, y2: 1 } };
}

/**
 * The windows to run for looking at `looks` (normalised frame boxes): one around each, with
 * context, aligned to the stride grid and merged where they meet; undefined when the whole input
 * is the better pass (too many windows, or too much of the frame).
 */
export function planWindows(lb: Letterbox, looks: readonly Box[], o: WindowOptions = DEFAULT_WINDOW): DetectWindow[] | undefined {
  const { left, top, right, bottom } = frameArea(lb, o.align);
  // Each window's box in input pixels, before its interior is known.
  const rects = looks.flatMap((look): Box[] => {
    const b = frameBoxToInput(lb, clampBox(look));
    const gx = Math.max(o.minContext, (b.x2 - b.x1) * o.context, (o.minSize - (b.x2 - b.x1)) / 2);
    const gy = Math.max(o.minContext, (b.y2 - b.y1) * o.context, (o.minSize - (b.y2 - b.y1)) / 2);
    const [x0, x1] = span(Math.floor((b.x1 - gx) / o.align) * o.align, Math.ceil((b.x2 + gx) / o.align) * o.align, left, right, o.minSize);
    const [y0, y1] = span(Math.floor((b.y1 - gy) / o.align) * o.align, Math.ceil((b.y2 + gy) / o.align) * o.align, top, bottom, o.minSize);
    return x1 > x0 && y1 > y0 ? [{ x1: x0, y1: y0, x2: x1, y2: y1 }] : [];
  });
  const windows = mergeWindows(rects);
  const area = windows.reduce((a, r) => a + boxArea(r), 0);
  if (windows.length === 0 || windows.length > o.maxWindows || area > o.maxShare * (right - left) * (bottom - top)) return undefined;
  return windows.map((r) => {
    // Edges inside the frame lose a band where objects may be cut; edges at the frame's own border keep everything.
    const inner = {
      x1: r.x1 > lb.padX ? r.x1 + o.edge : Number.NEGATIVE_INFINITY,
      y1: r.y1 > lb.padY ? r.y1 + o.edge : Number.NEGATIVE_INFINITY,
      x2: r.x2 < lb.padX + lb.scaledWidth ? r.x2 - o.edge : Number.POSITIVE_INFINITY,
      y2: r.y2 < lb.padY + lb.scaledHeight ? r.y2 - o.edge : Number.POSITIVE_INFINITY,
    };
    return { x: r.x1, y: r.y1, width: r.x2 - r.x1, height: r.y2 - r.y1, interior: inputBoxToFrame(lb, inner.x1, inner.y1, inner.x2, inner.y2) };
  });
}

/** The window to run for looking at one area (`planWindows`). */
export function planWindow(lb: Letterbox, look: Box, o: WindowOptions = DEFAULT_WINDOW): DetectWindow | undefined {
  return planWindows(lb, [look], o)?.[0];
}

/** The detections of a window pass that lie wholly within its interior. */
export function trustedDetections(detections: readonly Detection[], interior: Box): Detection[] {
  return detections.filter((d) => boxWithin(d.box, interior));
}
