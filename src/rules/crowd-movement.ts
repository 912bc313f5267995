/**
 * crowd_movement: a sudden collective movement (rush, panic, dispersal, crush), not a steady flow.
 *
 * Input: the flow analyzer's per-frame FlowSummary and CrowdMotion (src/analyzers/flow). The rule
 * learns a per-camera baseline online: median and robust sigma (1.4826 x MAD) over the last
 * crowdMovementBaselineSeconds of the movers' mean speed, of the moving fraction and of the
 * divergence (frames where something moves), and of the motion energy (speed x moving fraction,
 * every frame). Each signal is smoothed by a 1 s running median, so single-frame glitches (a
 * decoding artefact, a dropped frame) never count.
 *
 * A frame jumps when either
 *  - rush / panic: the movers' speed is >= crowdMovementSigma robust sigmas above its median AND
 *    >= crowdMovementFactor x the median AND >= PEAK_FACTOR x its ordinary peaks (95th percentile),
 *    while the moving area is at least COLLECTIVE_SHARE of its usual size (the crowd is still there
 *    and moving, not a few fast stragglers), and the detected persons, if any, move faster than a
 *    walk in body heights per second (bodiesAgree: one person close to the camera is fast in frame
 *    units only); or
 *  - dispersal: the divergence is that many sigmas above its median and >= MIN_DIVERGENCE_PER_S,
 *    and the motion energy jumps by the same sigma and factor tests (more motion, spreading out); or
 *  - the scene-independent prior (crowd-movement-prior.ts: several persons running, in body heights
 *    per second; or a mass of people filling the view in turbulent motion, a crush) passes, and this
 *    camera does not usually come near it: during the warm-up always, then as long as its baseline
 *    holds the prior's half bar in under USUAL_PRIOR_SHARE of the frames. This is what lets a camera
 *    alert before its baseline is learnt, or when the event was under way when it started.
 * Speed rather than energy carries the rush: the energy also scales with how many people happen
 * to be in view (x6 within a minute of an ordinary walkway), the movers' speed does not.
 * Hysteresis: a jump starts at the full thresholds and stays pending while the same tests pass at
 * half the sigmas and half the excess factors (a running crowd is not uniformly fast from frame to
 * frame). It alerts when the pending jump has lasted crowdMovementSeconds and the frame passes the
 * full thresholds again, once per episode; the episode ends, and the rule re-arms, after REARM_MS
 * below the half thresholds.
 *
 * The baseline is frozen while a jump is pending or an episode is active, so the event does not
 * teach itself to be normal; after MAX_FREEZE_MS of a lasting episode it learns again, and a new
 * normal (a marathon that has started) becomes the baseline and re-arms the rule. The baseline holds
 * raw frames while the tests use 1 s medians, which vary less: k sigmas of the raw spread is the
 * conservative side. The baseline-relative tests wait for crowdMovementWarmupSeconds of baseline
 * (the window's span, and at least 10 frames); the prior does not.
 */
import type { RuleEvent } from '../core/types.ts';
import { FLOW_SUMMARY, type FlowSummary } from '../analyzers/flow/summary.ts';
import { CROWD_MOTION, type CrowdMotion } from '../analyzers/flow/crowd-motion.ts';
import { getExtra } from './extras.ts';
import type { Observation, Rule, RuleContext, RuleStep } from './rule.ts';
import { median, pushWindow, robustStats, sigmasAbove, type RobustStats, type TimedValue } from './crowd-movement-baseline.ts';
import { bodiesAgree, FULL_PRIOR, HALF_PRIOR, lookAt, priorJump, type CrowdLook } from './crowd-movement-prior.ts';
import { explainCrowdMovement, type Gauge } from './crowd-movement-explain.ts';
import { movementEvent } from './crowd-movement-event.ts';

/** Length of the running median that smooths each signal. */
export const SMOOTH_MS = 1000;
/** Calm needed after an episode before the rule can alert again. */
export const REARM_MS = 2000;
/** A lasting episode (or a jump pending that long) stops freezing the baseline after this long. */
export const MAX_FREEZE_MS = 60_000;
/** Frames where less of the grid moves have no meaningful speed or divergence. */
export const MIN_MOVING_FRACTION = 0.002;
/**
 * Rush: the speed must also exceed the scene's ordinary peaks (PEAK_QUANTILE of the window) by this
 * factor. A scene that alternates between lingering and walking (one person who stands a while,
 * then walks off) has a low median but walking-pace peaks: walking off is not beyond them.
 */
export const PEAK_FACTOR = 1.25;
/** Rush: the moving area must be at least this share of its baseline median. */
export const COLLECTIVE_SHARE = 0.5;
/** Dispersal: the movers spread at least this fast (1/s: the area they cover grows by 100 % a second). */
export const MIN_DIVERGENCE_PER_S = 1;

export interface Baseline {
  readonly energy: readonly TimedValue[];
  readonly speed: readonly TimedValue[];
  readonly fraction: readonly TimedValue[];
  readonly divergence: readonly TimedValue[];
  /** 1 for a frame whose crowd motion passed the prior's half bar, else 0 (frames with a CrowdMotion). */
  readonly prior: readonly TimedValue[];
}

/** The prior is ignored on a camera whose baseline holds it (at the half bar) in this share of its frames or more. */
export const USUAL_PRIOR_SHARE = 0.05;

export interface CrowdMovementState {
  readonly baseline: Baseline;
  /** Raw summaries of the last SMOOTH_MS. */
  readonly recent: readonly (FlowSummary & { readonly tMs: number })[];
  /** Crowd motions of the last SMOOTH_MS. */
  readonly recentCrowd: readonly (CrowdMotion & { readonly tMs: number })[];
  readonly excitedSinceMs: number | undefined;
  /** What the latest frame measured against its bars (for explain). */
  readonly gauge: Gauge | undefined;
  /** Set while an episode is active. */
  readonly alertedAtMs: number | undefined;
  readonly calmSinceMs: number | undefined;
}

export interface Smoothed {
  readonly energy: number;
  /** Undefined when fewer than half of the recent frames had movers. */
  readonly speed: number | undefined;
  readonly divergence: number | undefined;
  readonly movingFraction: number;
  readonly coherence: number;
}

export interface Stats {
  readonly energy: RobustStats;
  readonly speed: RobustStats;
  readonly fraction: RobustStats;
  readonly divergence: RobustStats;
}

const moving = (s: FlowSummary): boolean => s.movingFraction >= MIN_MOVING_FRACTION;

function smooth(recent: CrowdMovementState['recent']): Smoothed {
  const movers = recent.filter(moving);
  const enough = movers.length * 2 >= recent.length;
  return {
    energy: median(recent.map((s) => s.energy)),
    speed: enough ? median(movers.map((s) => s.meanSpeed)) : undefined,
    divergence: enough ? median(movers.map((s) => s.divergence)) : undefined,
    movingFraction: median(recent.map((s) => s.movingFraction)),
    coherence: median(recent.map((s) => s.coherence)),
  };
}

export function statsOf(b: Baseline): Stats {
  return {
    energy: robustStats(b.energy, 0.1, 1e-6),
    speed: robustStats(b.speed, 0.1, 1e-4),
    fraction: robustStats(b.fraction, 0.1, 1e-6),
    divergence: robustStats(b.divergence, 0, 0.05),
  };
}

export function ready(s: RobustStats, warmupMs: number): boolean {
  return s.spanMs >= warmupMs && s.count >= 10;
}

/** Above the baseline by `sigma` robust sigmas and by `factor` x its median. */
function above(value: number, s: RobustStats, sigma: number, factor: number): boolean {
  return sigmasAbove(value, s) >= sigma && value >= factor * s.median;
}

export interface Bar {
  readonly sigma: number;
  /** x the median. */
  readonly factor: number;
  /** x the ordinary peak (speed only). */
  readonly peak: number;
}

/** The full bar, and the half one that keeps a started jump alive and says when calm is back. */
function bars(sigma: number, factor: number): { readonly full: Bar; readonly half: Bar } {
  return {
    full: { sigma, factor, peak: PEAK_FACTOR },
    half: { sigma: sigma / 2, factor: 1 + (factor - 1) / 2, peak: 1 + (PEAK_FACTOR - 1) / 2 },
  };
}

/** The jump test (see the file comment); `bodies`: whether the persons' body speeds agree with a rush. */
function jumps(x: Smoothed, st: Stats, bar: Bar, warmupMs: number, bodies: boolean): boolean {
  const { sigma, factor } = bar;
  const rush =
    bodies &&
    x.speed !== undefined &&
    ready(st.speed, warmupMs) &&
    above(x.speed, st.speed, sigma, factor) &&
    x.speed >= bar.peak * st.speed.peak &&
    x.movingFraction >= COLLECTIVE_SHARE * st.fraction.median;
  const dispersal =
    x.divergence !== undefined &&
    ready(st.divergence, warmupMs) &&
    ready(st.energy, warmupMs) &&
    sigmasAbove(x.divergence, st.divergence) >= sigma &&
    x.divergence >= MIN_DIVERGENCE_PER_S &&
    above(x.energy, st.energy, sigma, factor);
  return rush || dispersal;
}

/** The baseline without the samples from `fromMs` on (an alerted episode's onset: it is not ordinary). */
function forget(b: Baseline, fromMs: number): Baseline {
  const keep = (w: readonly TimedValue[]): TimedValue[] => w.filter((s) => s.tMs < fromMs);
  return { energy: keep(b.energy), speed: keep(b.speed), fraction: keep(b.fraction), divergence: keep(b.divergence), prior: keep(b.prior) };
}

/**
 * Whether the prior may judge this camera: always until its baseline covers the warm-up, then as
 * long as the baseline rarely comes near the prior (see the file comment).
 */
export function priorApplies(b: Baseline, warmupMs: number): boolean {
  const first = b.prior[0];
  const last = b.prior[b.prior.length - 1];
  if (!first || !last || last.tMs - first.tMs < warmupMs) return true;
  return b.prior.reduce((n, s) => n + s.value, 0) < USUAL_PRIOR_SHARE * b.prior.length;
}

function learn(b: Baseline, s: FlowSummary, look: CrowdLook | undefined, tMs: number, windowMs: number): Baseline {
  const at = (value: number): TimedValue => ({ tMs, value });
  const prior = look ? pushWindow(b.prior, at(priorJump(look, HALF_PRIOR) ? 1 : 0), windowMs) : b.prior;
  if (!moving(s)) return { ...b, energy: pushWindow(b.energy, at(s.energy), windowMs), prior };
  return {
    prior,
    energy: pushWindow(b.energy, at(s.energy), windowMs),
    speed: pushWindow(b.speed, at(s.meanSpeed), windowMs),
    fraction: pushWindow(b.fraction, at(s.movingFraction), windowMs),
    divergence: pushWindow(b.divergence, at(s.divergence), windowMs),
  };
}

/** The speed the rush test needs at this bar (frame widths per second). */
function speedNeeded(st: RobustStats, bar: Bar): number {
  return Math.max(st.median + bar.sigma * st.sigma, bar.factor * st.median, bar.peak * st.peak);
}

interface GaugeInput {
  readonly tMs: number;
  readonly x: Smoothed;
  readonly st: Stats;
  readonly full: Bar;
  readonly look: CrowdLook | undefined;
  readonly usePrior: boolean;
  readonly warmupMs: number;
}

function gaugeOf(g: GaugeInput): Gauge {
  return {
    tMs: g.tMs,
    baselineMs: g.st.speed.spanMs,
    warmupMs: g.warmupMs,
    ready: ready(g.st.speed, g.warmupMs),
    speed: g.x.speed,
    speedNeeded: g.st.speed.count > 0 ? speedNeeded(g.st.speed, g.full) : undefined,
    priorApplies: g.usePrior,
    look: g.look,
  };
}

export function stepCrowdMovement(state: CrowdMovementState, obs: Observation, ctx: RuleContext): RuleStep<CrowdMovementState> {
  const summary = getExtra(obs.extras, FLOW_SUMMARY);
  // A frame where the camera itself moved (FlowSummary.cameraMotion) says nothing about the crowd.
  if (!summary || summary.cameraMotion) return { state, events: [] };
  const { tMs } = obs;
  const p = ctx.params;
  const warmupMs = p.crowdMovementWarmupSeconds * 1000;
  const recent = [...state.recent.filter((s) => s.tMs > tMs - SMOOTH_MS), { ...summary, tMs }];
  const crowd = getExtra(obs.extras, CROWD_MOTION);
  const recentCrowd = [...state.recentCrowd.filter((s) => s.tMs > tMs - SMOOTH_MS), ...(crowd ? [{ ...crowd, tMs }] : [])];
  const x = smooth(recent);
  const look = crowd ? lookAt(recentCrowd) : undefined;
  const st = statsOf(state.baseline);
  const usePrior = priorApplies(state.baseline, warmupMs);
  const events: RuleEvent[] = [];
  let { baseline, excitedSinceMs, alertedAtMs, calmSinceMs } = state;

  // Schmitt trigger: a jump starts at the full bar and is kept alive by the half one.
  const { full, half } = bars(p.crowdMovementSigma, p.crowdMovementFactor);
  const prior = usePrior ? priorJump(look, FULL_PRIOR) : undefined;
  const relativeHigh = jumps(x, st, full, warmupMs, bodiesAgree(look, true));
  const high = relativeHigh || prior !== undefined;
  const raised = high || jumps(x, st, half, warmupMs, bodiesAgree(look, false)) || (usePrior && priorJump(look, HALF_PRIOR) !== undefined);
  if (alertedAtMs === undefined) {
    excitedSinceMs = excitedSinceMs === undefined ? (high ? tMs : undefined) : raised ? excitedSinceMs : undefined;
    if (excitedSinceMs !== undefined && high && tMs - excitedSinceMs >= p.crowdMovementSeconds * 1000) {
      events.push(movementEvent(x, st, look, relativeHigh ? undefined : prior, tMs, excitedSinceMs));
      alertedAtMs = tMs;
      calmSinceMs = undefined;
      // The frames that started the jump (before the 1 s median caught up) were learned: unlearn them.
      baseline = forget(baseline, excitedSinceMs - SMOOTH_MS);
    }
  } else {
    calmSinceMs = raised ? undefined : (calmSinceMs ?? tMs);
    if (calmSinceMs !== undefined && tMs - calmSinceMs >= REARM_MS) {
      alertedAtMs = undefined;
      excitedSinceMs = undefined;
      calmSinceMs = undefined;
    }
  }

  const heldSinceMs = alertedAtMs ?? excitedSinceMs;
  const frozen = heldSinceMs !== undefined && tMs - heldSinceMs < MAX_FREEZE_MS;
  if (!frozen) baseline = learn(baseline, summary, look, tMs, p.crowdMovementBaselineSeconds * 1000);
  const gauge = gaugeOf({ tMs, x, st, full, look, usePrior, warmupMs });
  return { state: { baseline, recent, recentCrowd, excitedSinceMs, alertedAtMs, calmSinceMs, gauge }, events };
}

export const crowdMovementRule: Rule<CrowdMovementState> = {
  type: 'crowd_movement',
  init: () => ({
    baseline: { energy: [], speed: [], fraction: [], divergence: [], prior: [] },
    recent: [],
    recentCrowd: [],
    excitedSinceMs: undefined,
    alertedAtMs: undefined,
    calmSinceMs: undefined,
    gauge: undefined,
  }),
  step: stepCrowdMovement,
  explain: explainCrowdMovement,
};
