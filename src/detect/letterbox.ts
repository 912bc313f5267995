/**
 * Letterbox geometry: the frame is scaled to fit the model input keeping its aspect ratio,
 * centred, and the rest is padding. Boxes decoded in input pixels map back to normalised frame
 * coordinates through the same plan.
 */
import type { Box } from '../core/types.ts';
import { clampBox } from '../core/geometry.ts';

export interface Letterbox {
  readonly srcWidth: number;
  readonly srcHeight: number;
  readonly inputWidth: number;
  readonly inputHeight: number;
  /** Size of the resized frame inside the input, in input pixels. */
  readonly scaledWidth: number;
  readonly scaledHeight: number;
  /** Offset of the resized frame inside the input (left and top padding), in input pixels. */
  readonly padX: number;
  readonly padY: number;
}

export function computeLetterbox(srcWidth: number, srcHeight: number, inputWidth: number, inputHeight: number): Letterbox {
  if (!(srcWidth > 0 && srcHeight > 0 && inputWidth > 0 && inputHeight > 0)) {
    throw new RangeError(`letterbox: sizes must be positive (frame ${srcWidth}x${srcHeight}, input ${inputWidth}x${inputHeight})`);
  }
  const scale = Math.min(inputWidth / srcWidth, inputHeight / srcHeight);
  const scaledWidth = Math.min(inputWidth, Math.max(1, Math.round(srcWidth * scale)));
  const scaledHeight = Math.min(inputHeight, Math.max(1, Math.round(srcHeight * scale)));
  return {
    srcWidth,
    srcHeight,
    inputWidth,
    inputHeight,
    scaledWidth,
    scaledHeight,
    padX: Math.floor((inputWidth - scaledWidth) / 2),
    padY: Math.floor((inputHeight - scaledHeight) / 2),
  };
}

/** A box in model-input pixels -> normalised frame coordinates, clamped to the frame. */
export function inputBoxToFrame(lb: Letterbox, x1: number, y1: number, x2: number, y2: number): Box {
  return clampBox({
    x1: (x1 - lb.padX) / lb.scaledWidth,
    y1: (y1 - lb.padY) / lb.scaledHeight,
    x2: (x2 - lb.padX) / lb.scaledWidth,
    y2: (y2 - lb.padY) / lb.scaledHeight,
  });
}

/** A normalised frame box -> model-input pixels (the inverse of inputBoxToFrame, without clamping). */
export function frameBoxToInput(lb: Letterbox, b: Box): Box {
  return {
    x1: b.x1 * lb.scaledWidth + lb.padX,
    y1: b.y1 * lb.scaledHeight + lb.padY,
    x2: b.x2 * lb.scaledWidth + lb.padX,
    y2: b.y2 * lb.scaledHeight + lb.padY,
  };
}
