/**
 * MoveNet single-pose output -> keypoints, and the body measures the person_down rule uses.
 * Output layout [1, 1, 17, 3]: per keypoint (y, x, score), y and x in fractions of the input square.
 */
import type { Point } from '../../core/types.ts';

export const KEYPOINT_NAMES = [
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
] as const;
export type KeypointName = (typeof KEYPOINT_NAMES)[number];

export interface Keypoint extends Point {
  readonly score: number;
}

const index = (name: KeypointName): number => KEYPOINT_NAMES.indexOf(name);

/** Keypoints in crop fractions (x right, y down), COCO-17 order. */
export function decodeMoveNet(data: ArrayLike<number>): Keypoint[] {
  if (data.length < KEYPOINT_NAMES.length * 3) throw new RangeError(`MoveNet output needs ${KEYPOINT_NAMES.length * 3} values, got ${data.length}`);
  return KEYPOINT_NAMES.map((_, k) => ({ y: data[k * 3]!, x: data[k * 3 + 1]!, score: data[k * 3 + 2]! }));
}

/** Mean of the named keypoints scoring at least minScore, or undefined when none does. */
export function midpoint(kps: readonly Keypoint[], names: readonly KeypointName[], minScore: number): Point | undefined {
  const pts = names.map((n) => kps[index(n)]).filter((k): k is Keypoint => k !== undefined && k.score >= minScore);
  if (pts.length === 0) return undefined;
  return { x: pts.reduce((s, p) => s + p.x, 0) / pts.length, y: pts.reduce((s, p) => s + p.y, 0) / pts.length };
}

export interface TorsoMeasure {
  /** Angle of the hips -> shoulders line from the upward vertical, 0 (upright) .. 180 (upside down). */
  readonly angleDeg: number;
  /** Length of that line in the same units as the points. */
  readonly length: number;
  /** Mean score of the keypoints used. */
  readonly score: number;
}

/**
 * The torso line from the hips' midpoint to the shoulders' midpoint, in an isotropic coordinate
 * system (crop fractions of a square crop are). Undefined when no shoulder or no hip scores minScore.
 */
export function torso(kps: readonly Keypoint[], minScore: number): TorsoMeasure | undefined {
  const shoulders = midpoint(kps, ['left_shoulder', 'right_shoulder'], minScore);
  const hips = midpoint(kps, ['left_hip', 'right_hip'], minScore);
  if (!shoulders || !hips) return undefined;
  const dx = shoulders.x - hips.x;
  const dy = shoulders.y - hips.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return undefined;
  const angleDeg = (Math.acos(Math.max(-1, Math.min(1, -dy / length))) * 180) / Math.PI;
  const used = ['left_shoulder', 'right_shoulder', 'left_hip', 'right_hip'].map((n) => kps[index(n as KeypointName)]!.score);
  return { angleDeg, length, score: used.reduce((s, v) => s + v, 0) / used.length };
}
