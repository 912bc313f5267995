/**
 * Constant-velocity Kalman filter on a box (cx, cy, w, h), in normalised units and seconds.
 *
 * With diagonal process and measurement noise the 8-state filter of SORT/ByteTrack splits exactly
 * into four independent 2-state filters (position, velocity), one per coordinate, so each axis is
 * a tiny closed-form filter and no matrix library is needed. Noise scales with the box size (w for
 * the x axes, h for the y axes), as in ByteTrack, so small far objects and big near ones behave alike.
 * The process noise is white acceleration, integrated over the real elapsed time `dtS`: frames at
 * 5 fps, dropped frames and jitter are all handled by the explicit clock.
 */
import type { Box, Point } from '../core/types.ts';

/** One coordinate: position p, velocity v (per second), covariance [[pp, pv], [pv, vv]]. */
export interface Axis {
  readonly p: number;
  readonly v: number;
  readonly pp: number;
  readonly pv: number;
  readonly vv: number;
}

export interface BoxFilter {
  readonly cx: Axis;
  readonly cy: Axis;
  readonly w: Axis;
  readonly h: Axis;
}

/** Standard deviations, in box sizes (w for x and w, h for y and h). */
export interface KalmanNoise {
  /** Measurement noise of a detection box. */
  readonly measurementStd: number;
  /** White-noise acceleration, box sizes per s^1.5 (its variance grows velocity variance per second). */
  readonly accelerationStd: number;
  /** Uncertainty of the (zero) initial velocity, box sizes per second. */
  readonly initialVelocityStd: number;
}

export const DEFAULT_NOISE: KalmanNoise = { measurementStd: 0.05, accelerationStd: 2, initialVelocityStd: 4 };

const MIN_SIZE = 1e-4;

export function axisInit(z: number, zStd: number, vStd: number): Axis {
  return { p: z, v: 0, pp: zStd * zStd, pv: 0, vv: vStd * vStd };
}

/** x' = x + v dt; P' = F P F^T + Q, Q of a white-noise acceleration of spectral density q. */
export function axisPredict(a: Axis, dtS: number, q: number): Axis {
  const dt = dtS;
  return {
    p: a.p + a.v * dt,
    v: a.v,
    pp: a.pp + 2 * dt * a.pv + dt * dt * a.vv + (q * dt * dt * dt) / 3,
    pv: a.pv + dt * a.vv + (q * dt * dt) / 2,
    vv: a.vv + q * dt,
  };
}

/** Standard Kalman update with a position measurement z of variance r. */
export function axisUpdate(a: Axis, z: number, r: number): Axis {
  const s = a.pp + r;
  const kp = a.pp / s;
  const kv = a.pv / s;
  const y = z - a.p;
  return {
    p: a.p + kp * y,
    v: a.v + kv * y,
    pp: (1 - kp) * a.pp,
    pv: (1 - kp) * a.pv,
    vv: a.vv - kv * a.pv,
  };
}

function sizes(f: BoxFilter): { sw: number; sh: number } {
  return { sw: Math.max(MIN_SIZE, f.w.p), sh: Math.max(MIN_SIZE, f.h.p) };
}

export function filterInit(b: Box, noise: KalmanNoise = DEFAULT_NOISE): BoxFilter {
  const w = Math.max(MIN_SIZE, b.x2 - b.x1);
  const h = Math.max(MIN_SIZE, b.y2 - b.y1);
  const m = noise.measurementStd;
  const v = noise.initialVelocityStd;
  return {
    cx: axisInit((b.x1 + b.x2) / 2, m * w, v * w),
    cy: axisInit((b.y1 + b.y2) / 2, m * h, v * h),
    w: axisInit(w, m * w, v * w),
    h: axisInit(h, m * h, v * h),
  };
}

export function filterPredict(f: BoxFilter, dtS: number, noise: KalmanNoise = DEFAULT_NOISE): BoxFilter {
  if (dtS <= 0) return f;
  const { sw, sh } = sizes(f);
  const qw = (noise.accelerationStd * sw) ** 2;
  const qh = (noise.accelerationStd * sh) ** 2;
  return {
    cx: axisPredict(f.cx, dtS, qw),
    cy: axisPredict(f.cy, dtS, qh),
    w: axisPredict(f.w, dtS, qw),
    h: axisPredict(f.h, dtS, qh),
  };
}

export function filterUpdate(f: BoxFilter, b: Box, noise: KalmanNoise = DEFAULT_NOISE): BoxFilter {
  const { sw, sh } = sizes(f);
  const rw = (noise.measurementStd * sw) ** 2;
  const rh = (noise.measurementStd * sh) ** 2;
  return {
    cx: axisUpdate(f.cx, (b.x1 + b.x2) / 2, rw),
    cy: axisUpdate(f.cy, (b.y1 + b.y2) / 2, rh),
    w: axisUpdate(f.w, b.x2 - b.x1, rw),
    h: axisUpdate(f.h, b.y2 - b.y1, rh),
  };
}

/** Stop the size from drifting while a track is not observed (ByteTrack zeroes the height velocity too). */
export function freezeSize(f: BoxFilter): BoxFilter {
  return { ...f, w: { ...f.w, v: 0 }, h: { ...f.h, v: 0 } };
}

/**
 * The filter with its size set back to a measured box (velocity of the size zeroed). A track that
 * goes unseen right after a sudden change of shape (a person falling, crouching) would otherwise
 * carry that change on into a box of no size; what was last measured is the best guess of its size.
 */
export function resetSize(f: BoxFilter, b: Box): BoxFilter {
  return {
    ...f,
    w: { ...f.w, p: Math.max(MIN_SIZE, b.x2 - b.x1), v: 0 },
    h: { ...f.h, p: Math.max(MIN_SIZE, b.y2 - b.y1), v: 0 },
  };
}

export function filterBox(f: BoxFilter): Box {
  const { sw, sh } = sizes(f);
  return { x1: f.cx.p - sw / 2, y1: f.cy.p - sh / 2, x2: f.cx.p + sw / 2, y2: f.cy.p + sh / 2 };
}

export function filterVelocity(f: BoxFilter): Point {
  return { x: f.cx.v, y: f.cy.v };
}
