import { describe, expect, it } from 'vitest';
import { decodeMoveNet, KEYPOINT_NAMES, midpoint, torso, type Keypoint, type KeypointName } from './keypoints.ts';
import { poseSample } from './sample.ts';

/** A pose from the named points (crop fractions); the others score 0. */
function pose(points: Partial<Record<KeypointName, [number, number, number?]>>): Keypoint[] {
  return KEYPOINT_NAMES.map((n) => {
    const p = points[n];
    return p ? { x: p[0], y: p[1], score: p[2] ?? 0.9 } : { x: 0, y: 0, score: 0 };
  });
}
const body = (sx: number, sy: number, hx: number, hy: number, score = 0.9) =>
  pose({ left_shoulder: [sx, sy, score], right_shoulder: [sx, sy, score], left_hip: [hx, hy, score], right_hip: [hx, hy, score] });

describe('decodeMoveNet', () => {
  it('reads (y, x, score) triplets in COCO order', () => {
    const raw = new Float32Array(51).map((_, i) => i / 100);
    const kps = decodeMoveNet(raw);
    expect(kps).toHaveLength(17);
    expect(kps[0]).toEqual({ y: 0, x: expect.closeTo(0.01, 6), score: expect.closeTo(0.02, 6) });
    expect(kps[16]!.y).toBeCloseTo(0.48, 6);
  });

  it('refuses a short output', () => {
    expect(() => decodeMoveNet(new Float32Array(50))).toThrow(RangeError);
  });
});

describe('torso', () => {
  it.each([
    { name: 'upright', kps: body(0.5, 0.3, 0.5, 0.6), deg: 0 },
    { name: 'lying, head left', kps: body(0.2, 0.5, 0.6, 0.5), deg: 90 },
    { name: 'leaning 45 degrees', kps: body(0.6, 0.4, 0.5, 0.5), deg: 45 },
    { name: 'upside down', kps: body(0.5, 0.7, 0.5, 0.4), deg: 180 },
  ])('$name: $deg degrees', ({ kps, deg }) => {
    expect(torso(kps, 0.3)!.angleDeg).toBeCloseTo(deg, 6);
  });

  it('needs a shoulder and a hip above the score floor', () => {
    expect(torso(body(0.5, 0.3, 0.5, 0.6, 0.2), 0.3)).toBeUndefined();
  });

  it('uses the one good shoulder when the other is unsure', () => {
    const kps = pose({ left_shoulder: [0.4, 0.3], right_shoulder: [0.9, 0.9, 0.1], left_hip: [0.4, 0.6], right_hip: [0.4, 0.6] });
    expect(midpoint(kps, ['left_shoulder', 'right_shoulder'], 0.3)).toEqual({ x: 0.4, y: 0.3 });
    expect(torso(kps, 0.3)!.angleDeg).toBeCloseTo(0, 6);
  });
});

describe('poseSample', () => {
  it('puts hips and shoulders in frame coordinates, the angle from the square crop', () => {
    const rect = { x0: 100, y0: 0, side: 100 };
    const s = poseSample(7, body(0.5, 0.2, 0.5, 0.6), rect, 400, 200);
    expect(s.trackId).toBe(7);
    expect(s.torsoDeg).toBeCloseTo(0, 6);
    expect(s.hipY).toBeCloseTo(0.3, 6);
    expect(s.shoulders).toEqual({ x: 0.375, y: 0.1 });
    expect(s.meanScore).toBeCloseTo((4 * 0.9) / 17, 6);
  });

  it('leaves out what the keypoints do not support', () => {
    const s = poseSample(1, pose({}), { x0: 0, y0: 0, side: 10 }, 10, 10);
    expect(s).toEqual({ trackId: 1, meanScore: 0 });
  });
});
