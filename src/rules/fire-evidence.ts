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
  minFill: 0.4,
  minOnRatio: 0.8,
  maxBlinks: 1,
  minNonRigid: 0.25,
  minLumaFlicker: 8,
  maxPeriodicity: 0.8,
  maxDriftShare: 0.5,
};

/** The first threshold a region fails, or undefined when it counts as flames. */
export function flameRejection(r: FlameEvidence, frameArea: number, t: FlameThresholds = DEFAULT_FLAME_THRESHOLDS): string | undefined {
  if (r.frames < t.minFrames) return 'too few frames';
  if (r.area < t.minAreaShare * frameArea) return 'too small';
  if (r.fill < t.minFill) return 'fragmented';
  if (r.onRatio < t.minOnRatio || r.blinks > t.maxBlinks) return 'blinking';
  if (r.nonRigid < t.minNonRigid && r.coreNonRigid < t.minNonRigid) return 'rigid shape';
  if (r.lumaFlicker < t.minLumaFlicker) return 'steady';
  if (r.periodicity > t.maxPeriodicity) return 'periodic';
  if (r.driftPx > t.maxDriftShare * Math.hypot(r.x2 - r.x1 + 1, r.y2 - r.y1 + 1)) return 'translating';
  return undefined;
}

export interface SmokeThresholds {
  /** Smallest smoke region, as a share of the analysed frame. */
  readonly minAreaShare: number;
  /** Smoke rises: its top edge goes up by this much over the window (small pixels)... */
  readonly minRisePx: number;
  /** ...steadily: by at least this much in each half. */
  readonly minStepPx: number;
}

export const DEFAULT_SMOKE_THRESHOLDS: SmokeThresholds = { minAreaShare: 0.004, minRisePx: 2, minStepPx: 0.5 };

export function smokeRejection(r: SmokeEvidence, frameArea: number, t: SmokeThresholds = DEFAULT_SMOKE_THRESHOLDS): string | undefined {
  if (r.area < t.minAreaShare * frameArea) return 'too small';
  if (r.risePx < t.minRisePx || r.minStepPx < t.minStepPx) return 'not rising steadily';
  return undefined;
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
