import type { Detection, EventType, Frame, RuleEvent, Track, Zone } from '../core/types.ts';
import type { RuleParams } from '../config/schema.ts';
import type { Extras } from './extras.ts';

/** What a rule sees at each analysed frame. */
export interface Observation {
  readonly tMs: number;
  readonly tracks: readonly Track[];
  /** This frame's raw detections (scene-level rules such as weapon or crowd density use them). */
  readonly detections?: readonly Detection[];
  /**
   * This frame's detections under their label threshold (down to the detector's floor): too weak to
   * count alone, they may only add to other evidence (a faint bag score on a static blob).
   */
  readonly weakDetections?: readonly Detection[];
  /** The analysed frame's pixels, for pixel-level rules (fire, crowd movement). Absent in replay tests. */
  readonly frame?: Frame;
  /** What this camera's frame analyzers measured on this frame (poses, flow, counts...). */
  readonly extras?: Extras;
}

/** Static set-up of a rule for one camera. */
export interface RuleContext {
  readonly zones: readonly Zone[];
  readonly params: RuleParams;
}

export interface RuleStep<S> {
  readonly state: S;
  readonly events: readonly RuleEvent[];
}

/** What one subject of a rule (a track, a zone, the scene) is doing, for traces. */
export interface RuleSubject {
  /** `track:12`, `zone:exhibit`, `scene`. */
  readonly id: string;
  /** The rule's own state name for it (`standing`, `falling`, `down`, `inside`, `learning`...). */
  readonly phase: string;
  /** Why it has not fired (or did), in words with the measured values and their thresholds. */
  readonly reason: string;
}

/**
 * Why a rule has or has not fired on the latest frame: read by `vigie analyze --trace` and
 * `vigie eval --explain`. Built from the rule's state only (a pure function), so it costs nothing
 * unless asked for.
 */
export interface RuleExplanation {
  /** One line: the subject closest to firing and what it still lacks, or why nothing is judged. */
  readonly reason: string;
  readonly subjects: readonly RuleSubject[];
}

/**
 * A rule is pure: (state, observation) -> (state, events), with the clock in the observation.
 * State for tracks that are gone must be evicted at every step.
 */
export interface Rule<S> {
  readonly type: EventType;
  init(ctx: RuleContext): S;
  step(state: S, obs: Observation, ctx: RuleContext): RuleStep<S>;
  /** Why the rule has or has not fired, from the state of the last step. */
  explain(state: S, ctx: RuleContext): RuleExplanation;
}
