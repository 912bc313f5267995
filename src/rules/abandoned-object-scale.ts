/**
 * abandoned_object, how tall a person stands at each image row: learned from upright person
 * detections (the camera's perspective), it tells when a region the detector also calls a person is
 * far too small to be one (a bag taken for a person), while a sitting or lying person keeps a size
 * comparable to a standing one. Rows where nobody has walked yet give no answer (then a person
 * detection is believed).
 */
import type { Box, Detection } from '../core/types.ts';

/** Bands of the image's height, by the bottom of the box (where the feet are). */
const BANDS = 10;
/** Weight of a new sample in a band's running mean, and samples before a band is trusted. */
const GAIN = 0.1;
const MIN_SAMPLES = 5;
/** Upright: at least this tall for its width (in pixels). */
const UPRIGHT = 1.5;
/** Longest side of a region below this fraction of a standing person's height there: not a person. */
export const MIN_PERSON_FRACTION = 0.4;

export interface PersonScale {
  /** Per band: running mean of the height in pixels of the frame's height (normalised y), and its sample count. */
  readonly heights: readonly number[];
  readonly counts: readonly number[];
}

export const EMPTY_SCALE: PersonScale = { heights: Array(BANDS).fill(0), counts: Array(BANDS).fill(0) };

const bandOf = (y: number): number => Math.min(BANDS - 1, Math.max(0, Math.floor(y * BANDS)));

/** Adds this frame's upright person detections; `aspect` is the frame's width over its height. */
export function learnScale(scale: PersonScale, persons: readonly Detection[], aspect: number): PersonScale {
  const heights = [...scale.heights];
  const counts = [...scale.counts];
  for (const d of persons) {
    const h = d.box.y2 - d.box.y1;
    if (h < UPRIGHT * (d.box.x2 - d.box.x1) * aspect || d.box.y2 >= 0.995) continue;
    const b = bandOf(d.box.y2);
    heights[b] = counts[b] === 0 ? h : heights[b]! + GAIN * (h - heights[b]!);
    counts[b] = counts[b]! + 1;
  }
  return { heights, counts };
}

/** Standing height at the row of `box`'s bottom (normalised y), from its band or a neighbour; undefined if unknown. */
export function standingHeight(scale: PersonScale, box: Box): number | undefined {
  const b = bandOf(box.y2);
  for (const k of [b, b - 1, b + 1]) if (k >= 0 && k < BANDS && scale.counts[k]! >= MIN_SAMPLES) return scale.heights[k];
  return undefined;
}

/** True when `box` is known to be far too small to hold a person at its place. */
export function tooSmallForPerson(scale: PersonScale, box: Box, aspect: number): boolean {
  const standing = standingHeight(scale, box);
  if (standing === undefined) return false;
  const longest = Math.max((box.x2 - box.x1) * aspect, box.y2 - box.y1);
  return longest < MIN_PERSON_FRACTION * standing;
}
