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
import type { Frame } from '../../core/types.ts';
import type { SmallFrame } from './small-frame.ts';

export interface FlameColourOptions {
  /** Minimum red channel (0..255). */
  readonly minRed: number;
  /**
   * Minimum red - blue spread (saturation towards red/yellow) at red = minRed; it shrinks linearly
   * to minRedBlueHot at red = 255: the brighter a flame, the paler it is (Chen et al.'s rule
   * S >= (255 - R) S_T / R_T), and the over-exposed core of a flame is near white.
   */
  readonly minRedBlue: number;
  readonly minRedBlueHot: number;
  /** Minimum green - blue spread: flames are orange to yellow, not magenta or pink. */
  readonly minGreenBlue: number;
  /** A small-frame pixel is flame when its average colour is, or when this share of its full-resolution block is. */
  readonly minBlockShare: number;
  /**
   * ...counting only its pixels at least this bright (luma 0..255): a small flame is a light
   * source, brighter than what is around it; red paint, red letters or tail lights are darker.
   */
  readonly minBlockLuma: number;
}

export const DEFAULT_FLAME_COLOUR: FlameColourOptions = { minRed: 170, minRedBlue: 60, minRedBlueHot: 20, minGreenBlue: 10, minBlockShare: 0.25, minBlockLuma: 140 };

export function isFlameColour(r: number, g: number, b: number, o: FlameColourOptions = DEFAULT_FLAME_COLOUR): boolean {
  if (r < o.minRed || r < g || g < b + o.minGreenBlue) return false;
  const need = o.minRedBlueHot + ((o.minRedBlue - o.minRedBlueHot) * (255 - r)) / (255 - o.minRed);
  return r - b >= need;
}

/** 1 where the small frame's pixel is flame-coloured, else 0. */
export function flameMask(frame: SmallFrame, o: FlameColourOptions = DEFAULT_FLAME_COLOUR): Uint8Array {
  const n = frame.width * frame.height;
  const mask = new Uint8Array(n);
  const c = frame.rgb;
  for (let i = 0; i < n; i++) mask[i] = isFlameColour(c[i * 3]!, c[i * 3 + 1]!, c[i * 3 + 2]!, o) ? 1 : 0;
  return mask;
}

/**
 * The small frame's flame mask, re-examined at full resolution: a small pixel is also flame when
 * at least minBlockShare of its factor x factor block of the full frame is flame-coloured. A flame
 * a few full-resolution pixels wide, averaged with the dark scene around it, loses its colour in
 * the small frame; it keeps it here. Only blocks with a bright red somewhere are looked at.
 */
export function flameMaskFull(frame: Pick<Frame, 'width' | 'data'>, small: SmallFrame, o: FlameColourOptions = DEFAULT_FLAME_COLOUR): Uint8Array {
  const mask = flameMask(small, o);
  const f = small.factor;
  if (f <= 1) return mask;
  const need = Math.max(1, Math.ceil(o.minBlockShare * f * f));
  // A block whose average red is under need x minRed / f^2 cannot hold `need` bright-red pixels.
  const minAvgRed = Math.floor((need * o.minRed) / (f * f));
  const src = frame.data;
  const rowBytes = frame.width * 3;
  for (let y = 0; y < small.height; y++) {
    for (let x = 0; x < small.width; x++) {
      const i = y * small.width + x;
      if (mask[i] === 1 || small.rgb[i * 3]! < minAvgRed) continue;
      let count = 0;
      for (let dy = 0; dy < f; dy++) {
        let k = (y * f + dy) * rowBytes + x * f * 3;
        for (let dx = 0; dx < f; dx++, k += 3) {
          const r = src[k]!;
          const g = src[k + 1]!;
          if (r >= o.minRed && 299 * r + 587 * g + 114 * src[k + 2]! >= 1000 * o.minBlockLuma && isFlameColour(r, g, src[k + 2]!, o)) count += 1;
        }
      }
      if (count >= need) mask[i] = 1;
    }
  }
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
