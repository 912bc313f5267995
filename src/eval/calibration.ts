/**
 * The calibration lines of `vigie eval --sources`: per event type, an ordered list of settings of
 * the rule parameters a site would calibrate (from most sensitive to least), one of which is the
 * default. intrusion has none: its only sensitivity, the dwell time, belongs to the scene.
 * Leave-one-source-out scoring picks a point on each line without the held-out source.
 * Every line has the same number of points, so that one run of a scenario at point i serves every
 * type at once. Only per-camera rule parameters appear here, never the scene's own (dwell, down
 * and unattended times are part of the set-up an installer draws).
 */
import type { EventType } from '../core/types.ts';
import type { RuleParams } from '../config/schema.ts';

export const CALIBRATION_POINTS = 5;

export interface CalibrationLine {
  readonly type: EventType;
  /** CALIBRATION_POINTS settings, most sensitive first. */
  readonly points: readonly Partial<RuleParams>[];
}

export const CALIBRATION: readonly CalibrationLine[] = [
  {
    type: 'abandoned_object',
    points: [
      { abandonedMinEvidence: 0.6 },
      { abandonedMinEvidence: 0.8 },
      { abandonedMinEvidence: 1 },
      { abandonedMinEvidence: 1.25 },
      { abandonedMinEvidence: 1.5 },
    ],
  },
  {
    type: 'wrong_way',
    points: [
      { wrongWayAngleDeg: 100, wrongWayMinDistance: 0.03 },
      { wrongWayAngleDeg: 110, wrongWayMinDistance: 0.045 },
      { wrongWayAngleDeg: 120, wrongWayMinDistance: 0.06 },
      { wrongWayAngleDeg: 135, wrongWayMinDistance: 0.09 },
      { wrongWayAngleDeg: 150, wrongWayMinDistance: 0.12 },
    ],
  },
  {
    type: 'person_down',
    points: [{ fallDescent: 0.4 }, { fallDescent: 0.45 }, { fallDescent: 0.5 }, { fallDescent: 0.55 }, { fallDescent: 0.6 }],
  },
  {
    type: 'crowd_movement',
    points: [
      { crowdMovementSigma: 3, crowdMovementFactor: 1.5 },
      { crowdMovementSigma: 3.5, crowdMovementFactor: 1.75 },
      { crowdMovementSigma: 4, crowdMovementFactor: 2 },
      { crowdMovementSigma: 5, crowdMovementFactor: 2.5 },
      { crowdMovementSigma: 6, crowdMovementFactor: 3 },
    ],
  },
  {
    type: 'crowd_density',
    points: [
      { crowdCountBlobContrast: 0.7, crowdDensityHoldSeconds: 1 },
      { crowdCountBlobContrast: 0.85, crowdDensityHoldSeconds: 2 },
      { crowdCountBlobContrast: 1, crowdDensityHoldSeconds: 3 },
      { crowdCountBlobContrast: 1.4, crowdDensityHoldSeconds: 4 },
      { crowdCountBlobContrast: 2, crowdDensityHoldSeconds: 5 },
    ],
  },
  {
    type: 'fire',
    points: [
      { fireConfirmSeconds: 1, fireMinShapeChange: 0.2 },
      { fireConfirmSeconds: 1.25, fireMinShapeChange: 0.225 },
      { fireConfirmSeconds: 1.5, fireMinShapeChange: 0.25 },
      { fireConfirmSeconds: 2, fireMinShapeChange: 0.3 },
      { fireConfirmSeconds: 3, fireMinShapeChange: 0.35 },
    ],
  },
  {
    type: 'weapon',
    points: [
      { weaponMinFrames: 1, weaponWindowFrames: 5 },
      { weaponMinFrames: 2, weaponWindowFrames: 6 },
      { weaponMinFrames: 2, weaponWindowFrames: 5 },
      { weaponMinFrames: 3, weaponWindowFrames: 5 },
      { weaponMinFrames: 4, weaponWindowFrames: 5 },
    ],
  },
];

/** The parameters of point `index` of every line, merged (lines never share a parameter). */
export function pointParams(index: number, lines: readonly CalibrationLine[] = CALIBRATION): Partial<RuleParams> {
  return Object.assign({}, ...lines.map((l) => l.points[index] ?? {})) as Partial<RuleParams>;
}

/** Index of the point that equals the defaults, per line (-1 when none does: a defect the tests catch). */
export function defaultIndex(line: CalibrationLine, defaults: RuleParams): number {
  return line.points.findIndex((p) => Object.entries(p).every(([k, v]) => defaults[k as keyof RuleParams] === v));
}
