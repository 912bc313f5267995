/** MoveNet keypoints on a crop -> the PoseSample the rule reads. Pure. */
import type { PoseSample } from './extras.ts';
import { cropToFrame, type CropRect } from './crop.ts';
import { midpoint, torso, type Keypoint } from './keypoints.ts';

/** Keypoints under this score are not used. */
export const MIN_KEYPOINT_SCORE = 0.3;

export function poseSample(trackId: number, kps: readonly Keypoint[], rect: CropRect, frameWidth: number, frameHeight: number): PoseSample {
  const t = torso(kps, MIN_KEYPOINT_SCORE);
  const hips = midpoint(kps, ['left_hip', 'right_hip'], MIN_KEYPOINT_SCORE);
  const shoulders = midpoint(kps, ['left_shoulder', 'right_shoulder'], MIN_KEYPOINT_SCORE);
  const meanScore = kps.reduce((s, k) => s + k.score, 0) / Math.max(1, kps.length);
  return {
    trackId,
    meanScore,
    ...(t ? { torsoDeg: t.angleDeg, torsoScore: t.score } : {}),
    ...(hips ? { hips: cropToFrame(hips, rect, frameWidth, frameHeight), hipY: cropToFrame(hips, rect, frameWidth, frameHeight).y } : {}),
    ...(shoulders ? { shoulders: cropToFrame(shoulders, rect, frameWidth, frameHeight) } : {}),
  };
}
