/**
 * One frame's optical flow summarised into a few scene-level numbers that rules can learn a
 * baseline for. Only "moving" pixels count: textured enough for the flow to be trusted, and
 * displaced by at least minMovePx on the flow grid (below that: sensor noise, compression
 * artefacts, sub-pixel jitter). Speeds are in frame widths per second, so the numbers do not depend
 * on the grid size nor on the analysis rate.
 */
import type { FlowField } from './lucas-kanade.ts';
import { extraKey } from '../../rules/extras.ts';

export interface FlowSummary {
  /** Time between the two frames the flow was measured on. */
  readonly dtMs: number;
  /** Mean speed of the moving pixels, frame widths per second (0 when nothing moves). */
  readonly meanSpeed: number;
  /** Moving pixels over all pixels of the grid (or of the watch zones), 0..1. */
  readonly movingFraction: number;
  /** meanSpeed x movingFraction: how much of the frame moves, and how fast. */
  readonly energy: number;
  /** Length of the mean unit direction of the moving pixels: 0 every which way, 1 all the same way. */
  readonly coherence: number;
  /**
   * Divergence of the affine flow fitted to the moving pixels, 1/s: positive when the movers
   * spread apart (dispersal), negative when they converge; 0 when too few pixels move.
   */
  readonly divergence: number;
  /** Number of moving pixels. */
  readonly movingPixels: number;
  /** Number of pixels textured enough for the flow to be trusted (moving or not). */
  readonly validPixels: number;
  /**
   * The camera itself moved (pan, tilt, shake): the textured pixels move nearly all one way
   * (coherence >= CAMERA_COHERENCE) in almost every part of the frame (in >= CAMERA_CELL_SHARE of the
   * cells of a 4 x 3 grid, >= half of the cell's textured pixels move). Objects moving over a still
   * background never pass: the background cells stay still.
   */
  readonly cameraMotion: boolean;
}

export const CAMERA_COHERENCE = 0.8;
export const CAMERA_CELL_SHARE = 0.8;
const CELLS_X = 4;
const CELLS_Y = 3;
/** A cell with fewer textured pixels than this says nothing about the camera. */
const MIN_CELL_VALID = 20;

/** The extra the flow analyzer writes on every frame that has a predecessor close enough in time. */
export const FLOW_SUMMARY = extraKey<FlowSummary>('flow.summary');

export interface SummaryOptions {
  /** Displacement on the flow grid, between two analysed frames, under which a pixel is still. */
  readonly minMovePx: number;
}

export const DEFAULT_SUMMARY: SummaryOptions = { minMovePx: 0.5 };

export const STILL: Omit<FlowSummary, 'dtMs'> = {
  meanSpeed: 0,
  movingFraction: 0,
  energy: 0,
  coherence: 0,
  divergence: 0,
  movingPixels: 0,
  validPixels: 0,
  cameraMotion: false,
};

/** Solves the 3x3 system m * x = b (row-major m); undefined when it is (nearly) singular. */
function solve3(m: readonly number[], b: readonly number[]): [number, number, number] | undefined {
  const [a, b1, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const det = a * (e * i - f * h) - b1 * (d * i - f * g) + c * (d * h - e * g);
  if (Math.abs(det) < 1e-12) return undefined;
  const [p, q, r] = b as [number, number, number];
  return [
    (p * (e * i - f * h) - b1 * (q * i - f * r) + c * (q * h - e * r)) / det,
    (a * (q * i - f * r) - p * (d * i - f * g) + c * (d * r - q * g)) / det,
    (a * (e * r - q * h) - b1 * (d * r - q * g) + p * (d * h - e * g)) / det,
  ];
}

/**
 * Summary of `field`, measured between frames `dtMs` apart. With a `mask` (1 = counted, same grid),
 * only the masked pixels count, and the moving fraction is taken over the mask's area.
 */
export function summariseFlow(field: FlowField, dtMs: number, opts: SummaryOptions = DEFAULT_SUMMARY, mask?: Uint8Array): FlowSummary {
  const { width: w, height: h, u, v, valid } = field;
  let area = w * h;
  if (mask) {
    area = 0;
    for (let i = 0; i < mask.length; i++) area += mask[i]!;
  }
  const min2 = opts.minMovePx * opts.minMovePx;
  const cellValid = new Uint32Array(CELLS_X * CELLS_Y);
  const cellMoving = new Uint32Array(CELLS_X * CELLS_Y);
  let count = 0;
  let validCount = 0;
  let speedSum = 0;
  let dirX = 0;
  let dirY = 0;
  // Normal equations of u = a0 + a1 x + a2 y and v = b0 + b1 x + b2 y, x and y in frame widths.
  let sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
  let su = 0, sxu = 0, syu = 0, sv = 0, sxv = 0, syv = 0;
  for (let y = 0, i = 0; y < h; y++) {
    const ny = y / w;
    for (let x = 0; x < w; x++, i++) {
      if (valid[i] === 0 || (mask && mask[i] === 0)) continue;
      validCount++;
      const cell = Math.floor((y * CELLS_Y) / h) * CELLS_X + Math.floor((x * CELLS_X) / w);
      cellValid[cell]! += 1;
      const du = u[i]!;
      const dv = v[i]!;
      const m2 = du * du + dv * dv;
      if (m2 < min2) continue;
      cellMoving[cell]! += 1;
      const m = Math.sqrt(m2);
      const nx = x / w;
      count++;
      speedSum += m;
      dirX += du / m;
      dirY += dv / m;
      sx += nx; sy += ny; sxx += nx * nx; sxy += nx * ny; syy += ny * ny;
      su += du; sxu += nx * du; syu += ny * du;
      sv += dv; sxv += nx * dv; syv += ny * dv;
    }
  }
  if (count === 0 || dtMs <= 0 || area === 0) return { dtMs, ...STILL, validPixels: validCount };
  const perSecond = 1000 / dtMs;
  const meanSpeed = (speedSum / count / w) * perSecond;
  const movingFraction = count / area;
  const coherence = Math.hypot(dirX, dirY) / count;
  let seen = 0;
  let slid = 0;
  cellValid.forEach((n, c) => {
    if (n < MIN_CELL_VALID) return;
    seen++;
    if (cellMoving[c]! * 2 >= n) slid++;
  });
  const normal = [count, sx, sy, sx, sxx, sxy, sy, sxy, syy];
  const fu = solve3(normal, [su, sxu, syu]);
  const fv = solve3(normal, [sv, sxv, syv]);
  // du/dx + dv/dy, with u and v in grid pixels and x, y in widths: divide by w for widths.
  const divergence = fu && fv ? ((fu[1] + fv[2]) / w) * perSecond : 0;
  return {
    dtMs,
    meanSpeed,
    movingFraction,
    energy: meanSpeed * movingFraction,
    coherence,
    divergence,
    movingPixels: count,
    validPixels: validCount,
    cameraMotion: coherence >= CAMERA_COHERENCE && seen > 0 && slid >= CAMERA_CELL_SHARE * seen,
  };
}
