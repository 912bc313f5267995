/**
 * Per-pixel colour models on a SmallFrame.
 *
 * Flame (after Chen et al. 2004 and Celik 2009, RGB form): red is bright and dominant, red >= green
 * > blue, with enough saturation that a bright surface under white light does not pass. It also
 * passes salmon walls, brick, skin in warm light or red signs: colour alone never raises anything,
 * the temporal tests in flame.ts do the rejecting.
 *
 * Smoke: low saturation, mid to high brightness (grey to white-grey).
 */
import type { SmallFrame } from './small-frame.ts';

export interface FlameColourOptions {
  /** Minimum red channel (0..255). */
  readonly minRed: number;
  /** Minimum red - blue spread (saturation towards red/yellow). */
  readonly minRedBlue: number;
  /** Minimum green - blue spread: flames are orange to yellow, not magenta or pink. */
  readonly minGreenBlue: number;
}

export const DEFAULT_FLAME_COLOUR: FlameColourOptions = { minRed: 170, minRedBlue: 60, minGreenBlue: 10 };

export function isFlameColour(r: number, g: number, b: number, o: FlameColourOptions = DEFAULT_FLAME_COLOUR): boolean {
  return r >= o.minRed && r >= g && g >= b + o.minGreenBlue && r - b >= o.minRedBlue;
}

/** 1 where the pixel is flame-coloured, else 0. */
export function flameMask(frame: SmallFrame, o: FlameColourOptions = DEFAULT_FLAME_COLOUR): Uint8Array {
  const n = frame.width * frame.height;
  const mask = new Uint8Array(n);
  const c = frame.rgb;
  for (let i = 0; i < n; i++) mask[i] = isFlameColour(c[i * 3]!, c[i * 3 + 1]!, c[i * 3 + 2]!, o) ? 1 : 0;
  return mask;
}

export interface SmokeColourOptions {
  /** Maximum channel spread (max - min), a proxy for saturation. */
  readonly maxSpread: number;
  readonly minLuma: number;
  readonly maxLuma: number;
}

export const DEFAULT_SMOKE_COLOUR: SmokeColourOptions = { maxSpread: 30, minLuma: 80, maxLuma: 235 };

export function isSmokeColour(r: number, g: number, b: number, o: SmokeColourOptions = DEFAULT_SMOKE_COLOUR): boolean {
  const hi = Math.max(r, g, b);
  const lo = Math.min(r, g, b);
  const y = (299 * r + 587 * g + 114 * b) / 1000;
  return hi - lo <= o.maxSpread && y >= o.minLuma && y <= o.maxLuma;
}
