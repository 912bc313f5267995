/**
 * A detector pass on a window of the frame (motion gating's `look`, `pipeline/track-coast.ts`):
 * the part of the letterboxed model input around the area to look at, cut at multiples of the
 * model's largest stride so that its anchors are those of a pass on the whole input, and the
 * pixels those of the whole input's tensor. Its cost follows the window's area. Pure functions.
 */
import type { Box, Detection } from '../core/types.ts';
import { boxWithin, clampBox } from '../core/geometry.ts';
import { frameBoxToInput, inputBoxToFrame, type Letterbox } from './letterbox.ts';

export interface WindowOptions {
  /** Window edges fall on multiples of this (input pixels): the model's largest stride. */
  readonly align: number;
  /** Context added on each side of the area to look at: this share of its size, at least `minContext` input pixels. */
  readonly context: number;
  readonly minContext: number;
  /** A window larger than this share of the letterboxed frame's area is not worth it: a pass on the whole input instead. */
  readonly maxShare: number;
  /** Detections reaching within this many input pixels of an edge of the window inside the frame are dropped (cut objects). */
  readonly edge: number;
}

export const DEFAULT_WINDOW: WindowOptions = { align: 32, context: 0.5, minContext: 48, maxShare: 0.6, edge: 24 };

/** A window of the model input (input pixels, aligned), and the part of the frame (normalised) its detections are trusted in. */
export interface DetectWindow {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly interior: Box;
}

/** The window to run for looking at `look` (normalised frame box), or undefined when the whole input is the better pass. */
export function planWindow(lb: Letterbox, look: Box, o: WindowOptions = DEFAULT_WINDOW): DetectWindow | undefined {
  const b = frameBoxToInput(lb, clampBox(look));
  const gx = Math.max(o.minContext, (b.x2 - b.x1) * o.context);
  const gy = Math.max(o.minContext, (b.y2 - b.y1) * o.context);
  // The letterboxed frame, widened to the alignment grid: the window never spends pixels on padding beyond it.
  const left = Math.floor(lb.padX / o.align) * o.align;
  const top = Math.floor(lb.padY / o.align) * o.align;
  const right = Math.min(lb.inputWidth, Math.ceil((lb.padX + lb.scaledWidth) / o.align) * o.align);
  const bottom = Math.min(lb.inputHeight, Math.ceil((lb.padY + lb.scaledHeight) / o.align) * o.align);
  const x0 = Math.max(left, Math.floor((b.x1 - gx) / o.align) * o.align);
  const y0 = Math.max(top, Math.floor((b.y1 - gy) / o.align) * o.align);
  const x1 = Math.min(right, Math.ceil((b.x2 + gx) / o.align) * o.align);
  const y1 = Math.min(bottom, Math.ceil((b.y2 + gy) / o.align) * o.align);
  if (x1 <= x0 || y1 <= y0 || (x1 - x0) * (y1 - y0) > o.maxShare * (right - left) * (bottom - top)) return undefined;
  // Edges inside the frame lose a band where objects may be cut; edges at the frame's own border keep everything.
  const inner = {
    x1: x0 > lb.padX ? x0 + o.edge : Number.NEGATIVE_INFINITY,
    y1: y0 > lb.padY ? y0 + o.edge : Number.NEGATIVE_INFINITY,
    x2: x1 < lb.padX + lb.scaledWidth ? x1 - o.edge : Number.POSITIVE_INFINITY,
    y2: y1 < lb.padY + lb.scaledHeight ? y1 - o.edge : Number.POSITIVE_INFINITY,
  };
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0, interior: inputBoxToFrame(lb, inner.x1, inner.y1, inner.x2, inner.y2) };
}

/** The detections of a window pass that lie wholly within its interior. */
export function trustedDetections(detections: readonly Detection[], interior: Box): Detection[] {
  return detections.filter((d) => boxWithin(d.box, interior));
}
