/**
 * crowd_movement's scene-independent prior: what a sudden collective movement looks like on any
 * camera, in body units (analyzers/flow/crowd-motion.ts), for the cameras the rule cannot compare
 * with their own usual motion: a camera that has not yet watched long enough (the event comes
 * before the baseline is learnt, or is already under way when the camera starts).
 *
 * - run: at least MIN_RUNNERS detected persons, and at least the upper quarter of them, move at
 *   RUN_BODY_HEIGHTS_PER_S or more. Walking is about 0.75 body heights a second (1.3 m/s for a
 *   1.7 m person), a run at least twice that; the flow tends to under-read speeds, which makes the
 *   bar more cautious, not less.
 * - crush: a mass of people that fills a good part of the view moves, and its motion is turbulent:
 *   at least CRUSH_MOVING_SHARE of the view moves, at least CRUSH_PERSON_SHARE of the moving area lies
 *   on detected persons (people, not foliage, water or a passing train), at least MIN_CRUSH_PERSONS
 *   persons are detected (a crowd, not one person close to a shaking camera), and the local velocity
 *   changes from one frame to the next by CRUSH_TURBULENCE of itself in the median. A dense steady
 *   flow keeps its velocity (about 0.3 measured on a packed crowd walking one way); shoving and
 *   swaying bodies do not (a direction drawn at random gives 4/pi = 1.27 on average): the bar sits
 *   midway between the two on a log scale.
 *
 * Each measure is the running median over the rule's smoothing window, like every other signal.
 * A half bar (halfway from an ordinary value to the full bar) keeps a started jump alive.
 */
import type { CrowdMotion } from '../analyzers/flow/crowd-motion.ts';
import { median, quantile } from './crowd-movement-baseline.ts';

export const RUN_BODY_HEIGHTS_PER_S = 1.5;
/** Walking pace, body heights per second: the half bar lies halfway between it and the run. */
export const WALK_BODY_HEIGHTS_PER_S = 0.75;
export const MIN_RUNNERS = 2;
/** The runners' speed is read at this quantile of the persons' speeds: the upper quarter runs. */
export const RUNNER_QUANTILE = 0.75;
export const CRUSH_MOVING_SHARE = 0.4;
export const CRUSH_PERSON_SHARE = 0.25;
export const CRUSH_TURBULENCE = 0.6;
/** A crowd is more than a couple; in a packed one the detector sees only a few of its people. */
export const MIN_CRUSH_PERSONS = 3;
/** What an ordinary dense flow reads: the half bar lies halfway between it and CRUSH_TURBULENCE. */
export const STEADY_TURBULENCE = 0.3;

/** The crowd motion of the smoothing window, each measure a median over its frames. */
export interface CrowdLook {
  /** Persons whose body speed is measured (median count). */
  readonly persons: number;
  /** Persons moving at RUN_BODY_HEIGHTS_PER_S or more (median count). */
  readonly runners: number;
  /** Persons moving at the half bar's speed or more (median count): what the half bar counts. */
  readonly brisk: number;
  /** The RUNNER_QUANTILE of the persons' body speeds (median over the frames with persons). */
  readonly upperSpeed: number;
  readonly movingShare: number;
  readonly personShare: number;
  /** Undefined when fewer than half of the frames measured it. */
  readonly turbulence: number | undefined;
}

export interface PriorBar {
  readonly runSpeed: number;
  /** Which count of CrowdLook holds the persons at runSpeed or more. */
  readonly counted: 'runners' | 'brisk';
  readonly runners: number;
  readonly movingShare: number;
  readonly personShare: number;
  readonly turbulence: number;
  readonly crushPersons: number;
}

const halfway = (from: number, to: number): number => from + (to - from) / 2;

export const FULL_PRIOR: PriorBar = {
  runSpeed: RUN_BODY_HEIGHTS_PER_S,
  counted: 'runners',
  runners: MIN_RUNNERS,
  movingShare: CRUSH_MOVING_SHARE,
  personShare: CRUSH_PERSON_SHARE,
  turbulence: CRUSH_TURBULENCE,
  crushPersons: MIN_CRUSH_PERSONS,
};

const BRISK_BODY_HEIGHTS_PER_S = halfway(WALK_BODY_HEIGHTS_PER_S, RUN_BODY_HEIGHTS_PER_S);

export const HALF_PRIOR: PriorBar = {
  runSpeed: BRISK_BODY_HEIGHTS_PER_S,
  counted: 'brisk',
  runners: MIN_RUNNERS / 2,
  movingShare: CRUSH_MOVING_SHARE * 0.75,
  personShare: CRUSH_PERSON_SHARE * 0.75,
  turbulence: halfway(STEADY_TURBULENCE, CRUSH_TURBULENCE),
  crushPersons: MIN_CRUSH_PERSONS - 1,
};

export function lookAt(recent: readonly CrowdMotion[]): CrowdLook | undefined {
  if (recent.length === 0) return undefined;
  const withPersons = recent.filter((c) => c.bodySpeeds.length > 0);
  const turbulences = recent.flatMap((c) => (c.turbulence === undefined ? [] : [c.turbulence]));
  return {
    persons: median(recent.map((c) => c.bodySpeeds.length)),
    runners: median(recent.map((c) => c.bodySpeeds.filter((s) => s >= RUN_BODY_HEIGHTS_PER_S).length)),
    brisk: median(recent.map((c) => c.bodySpeeds.filter((s) => s >= BRISK_BODY_HEIGHTS_PER_S).length)),
    upperSpeed: withPersons.length * 2 >= recent.length ? median(withPersons.map((c) => quantile(c.bodySpeeds, RUNNER_QUANTILE))) : 0,
    movingShare: median(recent.map((c) => c.movingCellShare)),
    personShare: median(recent.map((c) => c.personCellShare)),
    turbulence: turbulences.length * 2 >= recent.length ? median(turbulences) : undefined,
  };
}

export const runs = (x: CrowdLook, bar: PriorBar): boolean => x[bar.counted] >= bar.runners && x.upperSpeed >= bar.runSpeed;

export const crushes = (x: CrowdLook, bar: PriorBar): boolean =>
  x.persons >= bar.crushPersons &&
  x.movingShare >= bar.movingShare &&
  x.personShare >= bar.personShare &&
  x.turbulence !== undefined &&
  x.turbulence >= bar.turbulence;

/**
 * Whether the persons in view agree with a rush that the baseline-relative test found in frame
 * units: when persons are measured, the upper quarter must move faster than a walk (`bar.runSpeed`
 * of HALF_PRIOR at the full bar, the walking pace at the half bar). A single person who comes close
 * to the camera is fast in frame widths per second, not in body heights. Without persons (no
 * detections, tests on flow alone), the baseline test stands alone.
 */
export function bodiesAgree(x: CrowdLook | undefined, full: boolean): boolean {
  if (!x || x.persons < 1) return true;
  return x.upperSpeed >= (full ? HALF_PRIOR.runSpeed : WALK_BODY_HEIGHTS_PER_S);
}

/** Which branch of the prior the look passes at this bar, if any. */
export function priorJump(x: CrowdLook | undefined, bar: PriorBar): 'run' | 'crush' | undefined {
  if (!x) return undefined;
  if (runs(x, bar)) return 'run';
  return crushes(x, bar) ? 'crush' : undefined;
}
