/**
 * What the pose analyzer tells the person_down rule, per candidate track and frame. Kept apart from
 * the analyzer so that the rule imports types and keys only (no runtime, no model).
 */
import type { Box, Point } from '../../core/types.ts';
import { extraKey } from '../../rules/extras.ts';

/** One pose on a person crop, in normalised frame coordinates. */
export interface PoseSample {
  readonly trackId: number;
  /** Angle of the hips -> shoulders line from the upward vertical (0 upright, 90 horizontal), in pixels. */
  readonly torsoDeg?: number;
  /** Mean score of the four torso keypoints. */
  readonly torsoScore?: number;
  /** Normalised frame y of the hips' midpoint, when a hip scores well enough. */
  readonly hipY?: number;
  readonly shoulders?: Point;
  /** Normalised frame position of the hips' midpoint, when a hip scores well enough. */
  readonly hips?: Point;
  /** Mean score of all 17 keypoints: low on crops without a person. */
  readonly meanScore: number;
}

/**
 * A person lying where a fallen track was last seen, found again while the tracker has lost it
 * (lying bodies score low with an upright-trained detector; the analyzer looks in a crop turned by
 * 90 degrees, where the body stands up).
 */
export interface LyingSighting {
  readonly trackId: number;
  /** The body's box in normalised frame coordinates (wider than tall for a lying person). */
  readonly box: Box;
  readonly score: number;
}

export const POSES = extraKey<ReadonlyMap<number, PoseSample>>('pose.samples');
export const LYING_SIGHTINGS = extraKey<ReadonlyMap<number, LyingSighting>>('pose.lying');
