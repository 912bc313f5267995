/**
 * Which measured flame regions count as fire (the thresholds of the fire rule). Each test is a
 * defence against one kind of false alarm; the numbers are in the region's own small-frame units.
 */
import type { FireEvidence, FlameEvidence, SmokeEvidence } from '../analyzers/fire/fire-analyzer.ts';
import type { Box, Detection } from '../core/types.ts';

export interface FlameThresholds {
  /** Judge a region only once the window holds this many frames. */
  readonly minFrames: number;
  /** Smallest region, as a share of the analysed frame (a few small-frame pixels are noise). */
  readonly minAreaShare: number;
  /**
   * Smallest region measured at full resolution, in its pixels: about as many measured pixels as
   * minAreaShare gives a coarse region at 160 px, enough for its shape and flicker to mean something.
   */
  readonly minFinePx: number;
  /**
   * A small flame is compact and rises: its box is at least minFineHeightPx tall and at most
   * maxFineFlatness times wider than tall. A row of distant lights or a reflected streak is flat.
   */
  readonly minFineHeightPx: number;
  readonly maxFineFlatness: number;
  /** Lit pixels per frame over the region's area: a solid blob, not fragments of edges. */
  readonly minFill: number;
  /** Lit in at least this share of the frames, and going dark at most maxBlinks times: flashing lights go dark. */
  readonly minOnRatio: number;
  readonly maxBlinks: number;
  /** Shape change after rigid alignment: lamps, signs and lights moved by shake or a vehicle keep their shape. */
  readonly minNonRigid: number;
  /** Brightness change inside the region, 0..255. */
  readonly minLumaFlicker: number;
  /** Periodic brightness (rotating or pulsing lights). */
  readonly maxPeriodicity: number;
  /** Travel of the lit centroid over the window, as a share of the region's diagonal: a translating light. */
  readonly maxDriftShare: number;
}

export const DEFAULT_FLAME_THRESHOLDS: FlameThresholds = {
  minFrames: 5,
  minAreaShare: 0.0015,
  minFinePx: 24,
  minFineHeightPx: 6,
  maxFineFlatness: 3,
  minFill: 0.4,
  minOnRatio: 0.8,
  maxBlinks: 1,
  minNonRigid: 0.25,
  minLumaFlicker: 8,
  maxPeriodicity: 0.8,
  maxDriftShare: 0.5,
};

/** A failed test: its name, the measured value and the threshold it misses (for explanations). */
export interface Shortfall {
  readonly test: string;
  readonly value: number;
  readonly need: string;
}

/** The tests of a flame region in order, each with its measure and threshold. */
function flameTests(r: FlameEvidence, frameArea: number, t: FlameThresholds): [string, boolean, number, string][] {
  const diagonal = Math.hypot(r.x2 - r.x1 + 1, r.y2 - r.y1 + 1);
  return [
    ['too few frames', r.frames >= t.minFrames, r.frames, `>= ${t.minFrames} frames`],
    r.finePx === undefined
      ? ['too small', r.area >= t.minAreaShare * frameArea, r.area / frameArea, `>= ${t.minAreaShare} of the frame`]
      : ['too small', r.finePx >= t.minFinePx, r.finePx, `>= ${t.minFinePx} px at full resolution`],
    ['flat', r.fineHeightPx === undefined || (r.fineHeightPx >= t.minFineHeightPx && (r.fineWidthPx ?? 0) <= t.maxFineFlatness * r.fineHeightPx), r.fineHeightPx ?? 0, `>= ${t.minFineHeightPx} px tall, <= ${t.maxFineFlatness} x wider than tall`],
    ['fragmented', r.fill >= t.minFill, r.fill, `fill >= ${t.minFill}`],
    ['blinking', r.onRatio >= t.minOnRatio && r.blinks <= t.maxBlinks, r.onRatio, `lit >= ${t.minOnRatio}, <= ${t.maxBlinks} blinks`],
    ['rigid shape', r.nonRigid >= t.minNonRigid || r.coreNonRigid >= t.minNonRigid, Math.max(r.nonRigid, r.coreNonRigid), `shape change >= ${t.minNonRigid}`],
    ['steady', r.lumaFlicker >= t.minLumaFlicker, r.lumaFlicker, `luma change >= ${t.minLumaFlicker}`],
    ['periodic', r.periodicity <= t.maxPeriodicity, r.periodicity, `periodicity <= ${t.maxPeriodicity}`],
    ['translating', r.driftPx <= t.maxDriftShare * diagonal, r.driftPx / diagonal, `travel <= ${t.maxDriftShare} x its size`],
  ];
}

/** The first test a region fails with its value, and how many it passed before; undefined when it counts as flames. */
export function flameShortfall(r: FlameEvidence, frameArea: number, t: FlameThresholds = DEFAULT_FLAME_THRESHOLDS): (Shortfall & { passed: number }) | undefined {
  const tests = flameTests(r, frameArea, t);
  const i = tests.findIndex(([, ok]) => !ok);
  if (i < 0) return undefined;
  const [test, , value, need] = tests[i]!;
  return { test, value, need, passed: i };
}

/** The first threshold a region fails, or undefined when it counts as flames. */
export function flameRejection(r: FlameEvidence, frameArea: number, t: FlameThresholds = DEFAULT_FLAME_THRESHOLDS): string | undefined {
  return flameShortfall(r, frameArea, t)?.test;
}

export interface SmokeThresholds {
  /** Smallest smoke region, as a share of the analysed frame. */
  readonly minAreaShare: number;
  /** Smoke rises: its top edge goes up by this much over the window (small pixels)... */
  readonly minRisePx: number;
  /** ...steadily: by at least this much in each half. */
  readonly minStepPx: number;
  /** ...from a base that stays: the bottom edge rises by at most this share of the top's rise. */
  readonly maxBaseRiseShare: number;
}

export const DEFAULT_SMOKE_THRESHOLDS: SmokeThresholds = { minAreaShare: 0.004, minRisePx: 2, minStepPx: 0.5, maxBaseRiseShare: 0.5 };

export function smokeShortfall(r: SmokeEvidence, frameArea: number, t: SmokeThresholds = DEFAULT_SMOKE_THRESHOLDS): (Shortfall & { passed: number }) | undefined {
  if (r.area < t.minAreaShare * frameArea) return { test: 'too small', value: r.area / frameArea, need: `>= ${t.minAreaShare} of the frame`, passed: 0 };
  if (r.risePx < t.minRisePx || r.minStepPx < t.minStepPx) return { test: 'not rising steadily', value: r.risePx, need: `rise >= ${t.minRisePx} px, >= ${t.minStepPx} px per half`, passed: 1 };
  if (r.baseRisePx > t.maxBaseRiseShare * r.risePx) return { test: 'moving as a whole', value: r.baseRisePx, need: `base rise <= ${t.maxBaseRiseShare} x the top's`, passed: 2 };
  return undefined;
}

export function smokeRejection(r: SmokeEvidence, frameArea: number, t: SmokeThresholds = DEFAULT_SMOKE_THRESHOLDS): string | undefined {
  return smokeShortfall(r, frameArea, t)?.test;
}

export interface FireFinding {
  readonly kind: 'flames' | 'smoke';
  readonly box: Box;
  readonly score: number;
  readonly source: 'colour' | 'model';
}

function fromModel(d: Detection): FireFinding {
  return { kind: d.label === 'smoke' ? 'smoke' : 'flames', box: d.box, score: d.score, source: 'model' };
}

/** Everything in this frame's evidence that counts as fire. */
export function fireFindings(e: FireEvidence, t: FlameThresholds = DEFAULT_FLAME_THRESHOLDS): FireFinding[] {
  const area = e.width * e.height;
  const flames = e.regions
    .filter((r) => flameRejection(r, area, t) === undefined)
    .map((r): FireFinding => ({ kind: 'flames', box: r.box, score: Math.min(1, 0.5 + r.nonRigid), source: 'colour' }));
  const smoke = e.smoke
    .filter((r) => smokeRejection(r, area) === undefined)
    .map((r): FireFinding => ({ kind: 'smoke', box: r.box, score: 0.6, source: 'colour' }));
  return [...flames, ...smoke, ...e.modelDetections.map(fromModel)];
}

/** A measured region that did not count, with the first test it failed. */
export interface NearMiss extends Shortfall {
  readonly kind: 'flames' | 'smoke';
  readonly box: Box;
}

/** The region closest to counting (the most tests passed, then the largest), for explanations. */
export function nearestMiss(e: FireEvidence, t: FlameThresholds = DEFAULT_FLAME_THRESHOLDS): NearMiss | undefined {
  const area = e.width * e.height;
  const misses = [
    ...e.regions.map((r) => ({ kind: 'flames' as const, r, s: flameShortfall(r, area, t) })),
    ...e.smoke.map((r) => ({ kind: 'smoke' as const, r, s: smokeShortfall(r, area) })),
  ].filter((m) => m.s !== undefined);
  misses.sort((a, b) => b.s!.passed - a.s!.passed || b.r.area - a.r.area);
  const m = misses[0];
  return m ? { kind: m.kind, box: m.r.box, test: m.s!.test, value: m.s!.value, need: m.s!.need } : undefined;
}
