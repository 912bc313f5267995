/**
 * person_down: a person on the ground after a fall, for downSeconds.
 *
 * Per person track, a state machine over its own box history (person-down-evidence.ts), helped by
 * the pose analyzer's keypoints on candidate tracks (analyzers/pose):
 * - standing: the track has an upright box within the last second (its reference);
 * - falling: the box top came down by FALL.fallStartDescent reference heights within a second;
 * - down: within FALL.fallMaxMs of the reference the body is on the ground (low and flat, or very
 *   low, and the hips not high above the feet); the alert is raised once it has been down for
 *   downSeconds, on a frame that still shows it down;
 * - recovered: the top back up and the box no longer flat for RECOVER_FRAMES fresh frames: standing
 *   again, and a later fall alerts anew (one alert per fall).
 * A box that was never upright (a wide static object boxed as a person, someone lying from the first
 * frame) never falls; a slow descent (sitting down) times out before it is on the ground.
 * While the tracker has lost a fallen person (lying bodies score low), the analyzer's sightings of a
 * lying body at that place stand in for the box and keep the state alive. Once down, a fresh box
 * that does not touch where the body lies is not taken for it (the tracker handed the ID to
 * something else after losing it); the sighting, if any, stands in then too.
 * If the camera has 'watch' zones, only persons whose box bottom lies in one are judged.
 */
import type { Box, RuleEvent, Track, Zone } from '../core/types.ts';
import { intersection, pointInPolygon } from '../core/geometry.ts';
import { LYING_SIGHTINGS, POSES, type PoseSample } from '../analyzers/pose/extras.ts';
import { getExtra } from './extras.ts';
import type { Observation, Rule, RuleContext, RuleStep } from './rule.ts';
import { anchorOf } from './zone-tracks.ts';
import {
  FALL,
  isDescending,
  isDown,
  isRecovered,
  measure,
  pushSample,
  referenceAt,
  type BoxSample,
  type UprightRef,
} from './person-down-evidence.ts';

/** Fresh frames back up before a fallen person counts as recovered. */
export const RECOVER_FRAMES = 3;

export type FallPhase = 'standing' | 'falling' | 'down';

export interface FallTrack {
  readonly history: readonly BoxSample[];
  readonly phase: FallPhase;
  readonly ref?: UprightRef;
  readonly downSinceMs?: number;
  /** Where the body was last seen down. */
  readonly downBox?: Box;
  readonly alerted: boolean;
  readonly upFrames: number;
}

export interface PersonDownState {
  readonly tracks: ReadonlyMap<number, FallTrack>;
}

const NEW_TRACK: FallTrack = { history: [], phase: 'standing', alerted: false, upFrames: 0 };

/** What the rule sees of one person at one frame. */
interface View {
  /** The tracker's box when matched to a detection this frame. */
  readonly fresh?: Box;
  /** Otherwise the analyzer's sighting of the lying body. */
  readonly sighted?: Box;
  readonly pose?: PoseSample;
  readonly score: number;
}

interface Advance {
  readonly track: FallTrack;
  readonly event?: { readonly box: Box; readonly downMs: number; readonly descent: number; readonly aspect: number };
}

function standing(t: FallTrack, history: readonly BoxSample[]): FallTrack {
  return { ...t, history, phase: 'standing', ref: undefined, downSinceMs: undefined, downBox: undefined, upFrames: 0 };
}

/** The view without a fresh box that cannot be the body lying at `downBox`. */
function atBody(view: View, downBox: Box | undefined): View {
  if (!view.fresh || !downBox || intersection(view.fresh, downBox) > 0) return view;
  const { fresh: _elsewhere, ...rest } = view;
  return rest;
}

/** One frame of the state machine for one person. */
export function advance(prev: FallTrack, seen: View, tMs: number, frameAspect: number, downMs: number): Advance {
  const view = prev.phase === 'down' ? atBody(seen, prev.downBox) : seen;
  const history = view.fresh ? pushSample(prev.history, { tMs, box: view.fresh }) : prev.history;
  let t: FallTrack = { ...prev, history };
  const box = view.fresh ?? view.sighted;
  if (t.phase === 'standing' && view.fresh) {
    const ref = referenceAt(history, tMs, frameAspect);
    if (ref && isDescending(measure(view.fresh, ref, frameAspect), FALL.fallStartDescent)) t = { ...t, phase: 'falling', ref };
  }
  if (t.phase === 'falling' && t.ref) {
    const ref = t.ref;
    if (box && isDown(box, ref, measure(box, ref, frameAspect), view.pose)) t = { ...t, phase: 'down', downSinceMs: tMs, downBox: box, upFrames: 0 };
    else if (tMs - ref.tMs > FALL.fallMaxMs || (view.fresh && measure(view.fresh, ref, frameAspect).descent < FALL.fallStartDescent)) {
      return { track: standing(t, history) };
    }
  }
  const { ref, downSinceMs } = t;
  if (t.phase !== 'down' || !ref || downSinceMs === undefined || !box) return { track: t };
  const m = measure(box, ref, frameAspect);
  if (view.fresh && isRecovered(m)) {
    const upFrames = t.upFrames + 1;
    return { track: upFrames >= RECOVER_FRAMES ? { ...standing(t, history), alerted: false } : { ...t, upFrames } };
  }
  const down = isDown(box, ref, m, view.pose);
  t = { ...t, upFrames: 0, ...(down ? { downBox: box } : {}) };
  const downForMs = tMs - downSinceMs;
  if (t.alerted || downForMs < downMs || !down) return { track: t };
  return { track: { ...t, alerted: true }, event: { box, downMs: downForMs, descent: m.descent, aspect: m.aspect } };
}

function watched(zones: readonly Zone[], track: Track): boolean {
  const watch = zones.filter((z) => z.kind === 'watch');
  return watch.length === 0 || watch.some((z) => pointInPolygon(anchorOf(track), z.polygon));
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

function toEvent(trackId: number, tMs: number, score: number, e: NonNullable<Advance['event']>, pose?: PoseSample): RuleEvent {
  const downSeconds = Math.round(e.downMs / 100) / 10;
  return {
    type: 'person_down',
    tMs,
    trackId,
    box: e.box,
    score,
    message: `person on the ground for ${downSeconds.toFixed(1)} s after a fall`,
    details: {
      downSeconds,
      descent: round2(e.descent),
      aspect: round2(e.aspect),
      ...(pose?.torsoDeg !== undefined ? { torsoDeg: Math.round(pose.torsoDeg) } : {}),
    },
  };
}

export function stepPersonDown(state: PersonDownState, obs: Observation, ctx: RuleContext): RuleStep<PersonDownState> {
  const { tMs } = obs;
  const frameAspect = obs.frame ? obs.frame.width / obs.frame.height : 1;
  const downMs = ctx.params.downSeconds * 1000;
  const poses = getExtra(obs.extras, POSES);
  const sightings = getExtra(obs.extras, LYING_SIGHTINGS);
  const views = new Map<number, View>();
  for (const track of obs.tracks) {
    if (track.label !== 'person' || track.state === 'tentative' || !watched(ctx.zones, track)) continue;
    const fresh = track.state === 'confirmed' && track.lastSeenMs === tMs;
    const sighting = sightings?.get(track.id);
    const pose = poses?.get(track.id);
    views.set(track.id, {
      ...(fresh ? { fresh: track.box } : {}),
      ...(sighting ? { sighted: sighting.box } : {}),
      ...(pose ? { pose } : {}),
      score: fresh || !sighting ? track.score : sighting.score,
    });
  }
  // A fallen person the tracker dropped lives on while the analyzer still sees the lying body.
  for (const [id, s] of sightings ?? []) {
    if (!views.has(id) && state.tracks.has(id)) views.set(id, { sighted: s.box, score: s.score });
  }
  const tracks = new Map<number, FallTrack>();
  const events: RuleEvent[] = [];
  for (const [id, view] of views) {
    const out = advance(state.tracks.get(id) ?? NEW_TRACK, view, tMs, frameAspect, downMs);
    tracks.set(id, out.track);
    if (out.event) events.push(toEvent(id, tMs, view.score, out.event, view.pose));
  }
  return { state: { tracks }, events };
}

export const personDownRule: Rule<PersonDownState> = {
  type: 'person_down',
  init: () => ({ tracks: new Map() }),
  step: stepPersonDown,
};
