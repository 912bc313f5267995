/**
 * person_down: a person on the ground after a fall, for downSeconds.
 *
 * Per person track, a state machine over its own box history (person-down-evidence.ts), helped by
 * the pose analyzer's keypoints on candidate tracks and its sightings of lying bodies (analyzers/pose):
 * - standing: the track has an upright box within the last second (its reference);
 * - falling: the box top came down by FALL.fallStartDescent reference heights within a second
 *   (the onset);
 * - down: within FALL.fallMaxMs of the onset the body is on the ground (downCheck: low, where it
 *   stood or where the fall carried it, a body's length, flat, and unless very low, the hips not
 *   high above the feet); the entry is judged on the person's own box, a sighting of the lying body,
 *   or a stand-in (a track born after the onset where the body lies: person-down-views.ts);
 * - once down, the alert is raised after downSeconds unless a recovery is seen (the person's own box
 *   back up for RECOVER_FRAMES fresh frames) and provided the body was seen recently and in most of
 *   the frames since (a lying body scores low: it is missed on some frames); the entry tests are not
 *   asked again. One alert per fall; after a recovery a later fall alerts anew.
 * A box that was never upright (a wide static object boxed as a person, someone lying from the first
 * frame) never falls; a slow descent (sitting down) never starts a fall.
 * If the camera has 'watch' zones, only persons whose box bottom lies in one are judged.
 */
import type { Box, RuleEvent } from '../core/types.ts';
import { intersection } from '../core/geometry.ts';
import { LYING_SIGHTINGS, POSES, type PoseSample } from '../analyzers/pose/extras.ts';
import { getExtra } from './extras.ts';
import type { Observation, Rule, RuleContext, RuleStep } from './rule.ts';
import {
  FALL,
  bodyShift,
  fallOnset,
  isRecovered,
  measure,
  pushSample,
  referenceAt,
  tuningOf,
  DEFAULT_TUNING,
  type BoxSample,
  type FallTuning,
  type DownLack,
  type UprightRef,
} from './person-down-evidence.ts';
import { downCheck, isNear } from './person-down-ground.ts';
import { buildViews, type FallSite, type View } from './person-down-views.ts';
import { explainPersonDown } from './person-down-explain.ts';

/** Fresh frames back up before a fallen person counts as recovered. */
export const RECOVER_FRAMES = 3;
/** Once down, the alert needs the body seen within this time... */
export const BODY_SEEN_MS = 1000;
/** ...and in at least this share of the frames since it went down. */
export const BODY_SEEN_SHARE = 0.5;

export type FallPhase = 'standing' | 'falling' | 'down';
export type BodySource = 'own' | 'sighting' | 'stand-in';

/** The latest judgement of a person, kept for explanations (a few numbers). */
export interface FallLook {
  readonly descent: number;
  readonly aspect: number;
  readonly span: number;
  readonly lack?: DownLack;
  readonly via: BodySource;
  /** Once down: how far the body moved over the last FALL.stillWindowMs (reference heights). */
  readonly shift?: number;
}

export interface FallTrack {
  readonly history: readonly BoxSample[];
  readonly phase: FallPhase;
  readonly ref?: UprightRef;
  /** When the fall started (first falling frame). */
  readonly onsetMs?: number;
  /** The body's box last seen during the fall. */
  readonly trail?: Box;
  readonly downSinceMs?: number;
  /** Where the body was last seen down. */
  readonly downBox?: Box;
  readonly lastBodyMs?: number;
  /** Body boxes seen since down, over the last FALL.stillWindowMs. */
  readonly bodies?: readonly BoxSample[];
  /** Frames since down, and those of them that showed the body. */
  readonly downFrames: number;
  readonly bodyFrames: number;
  readonly alerted: boolean;
  readonly upFrames: number;
  readonly look?: FallLook;
  /** Detection score of the latest box seen (the alert's score). */
  readonly score?: number;
}

export interface PersonDownState {
  readonly tracks: ReadonlyMap<number, FallTrack>;
  /** Time of the last step (for explanations). */
  readonly tMs?: number;
}

const NEW_TRACK: FallTrack = { history: [], phase: 'standing', alerted: false, upFrames: 0, downFrames: 0, bodyFrames: 0 };
const NO_VIEW: View = { score: 0 };

interface Advance {
  readonly track: FallTrack;
  readonly event?: { readonly box: Box; readonly downMs: number; readonly descent: number; readonly aspect: number };
}

function standing(t: FallTrack): FallTrack {
  const { ref: _r, onsetMs: _o, trail: _t, downSinceMs: _d, downBox: _b, lastBodyMs: _l, bodies: _s, ...rest } = t;
  return { ...rest, phase: 'standing', upFrames: 0, downFrames: 0, bodyFrames: 0 };
}

function lookAt(box: Box, ref: UprightRef, frameAspect: number, via: BodySource, lack?: DownLack): FallLook {
  const m = measure(box, ref, frameAspect);
  return { descent: m.descent, aspect: m.aspect, span: m.span, via, ...(lack ? { lack } : {}) };
}

/** Falling: the first of the person's own box, a sighting and a stand-in that is on the ground makes it down. */
function fallingStep(t: FallTrack, view: View, own: Box | undefined, tMs: number, frameAspect: number, k: FallTuning): Advance {
  const ref = t.ref!;
  const seen: [Box, BodySource][] = [];
  if (own) seen.push([own, 'own']);
  if (view.sighted) seen.push([view.sighted, 'sighting']);
  if (view.standIn) seen.push([view.standIn, 'stand-in']);
  let first: FallLook | undefined;
  for (const [box, via] of seen) {
    const m = measure(box, ref, frameAspect);
    const lack = downCheck(box, ref, m, via === 'own' ? view.pose : undefined, frameAspect, t.trail, k);
    const look = lookAt(box, ref, frameAspect, via, lack);
    if (!lack) {
      const bodies = [{ tMs, box }];
      return { track: { ...t, phase: 'down', downSinceMs: tMs, downBox: box, bodies, lastBodyMs: tMs, downFrames: 1, bodyFrames: 1, upFrames: 0, look } };
    }
    first ??= look;
  }
  const back = own !== undefined && measure(own, ref, frameAspect).descent < FALL.fallStartDescent;
  if (back || tMs - t.onsetMs! > FALL.fallMaxMs) return { track: { ...standing(t), ...(first ? { look: first } : {}) } };
  // The trail follows the body only through boxes that are near (a chain of touching boxes).
  const trail = seen.find(([box]) => isNear(measure(box, ref, frameAspect), box, t.trail))?.[0];
  return { track: { ...t, ...(trail ? { trail } : {}), ...(seen.length > 0 ? { lastBodyMs: tMs } : {}), ...(first ? { look: first } : {}) } };
}

/**
 * The body this frame once down: the own box where it lies, the sighting, or a stand-in. A stand-in
 * is another track: it stands for the body only while it looks like one (downCheck), so a helper
 * bending over the body or a passer-by crossing its place is not taken for it.
 */
function bodyOf(t: FallTrack, view: View, own: Box | undefined, frameAspect: number, k: FallTuning): [Box, BodySource] | undefined {
  if (own) return [own, 'own'];
  if (view.sighted) return [view.sighted, 'sighting'];
  const s = view.standIn;
  if (s && downCheck(s, t.ref!, measure(s, t.ref!, frameAspect), undefined, frameAspect, t.downBox, k) === undefined) return [s, 'stand-in'];
  return undefined;
}

function downStep(t: FallTrack, view: View, own: Box | undefined, tMs: number, frameAspect: number, downMs: number, k: FallTuning): Advance {
  const ref = t.ref!;
  const downFrames = t.downFrames + 1;
  const body = bodyOf(t, view, own, frameAspect, k);
  let next: FallTrack = { ...t, downFrames };
  if (body) {
    const [box, via] = body;
    const look = lookAt(box, ref, frameAspect, via);
    if (via === 'own' && isRecovered(measure(box, ref, frameAspect))) {
      const upFrames = t.upFrames + 1;
      if (upFrames >= RECOVER_FRAMES) return { track: { ...standing(t), alerted: false, look } };
      return { track: { ...next, upFrames, look } };
    }
    const bodies = [...(t.bodies ?? []).filter((b) => tMs - b.tMs <= FALL.stillWindowMs), { tMs, box }];
    const shift = bodyShift(bodies, ref, frameAspect);
    next = { ...next, upFrames: 0, downBox: box, bodies, lastBodyMs: tMs, bodyFrames: t.bodyFrames + 1, look: { ...look, shift } };
  }
  const downForMs = tMs - t.downSinceMs!;
  const still = (next.look?.shift ?? 0) <= FALL.maxBodyShift;
  if (next.alerted || downForMs < downMs || next.upFrames > 0 || !still || !bodyRecent(next, tMs)) return { track: next };
  const box = next.downBox!;
  const m = measure(box, ref, frameAspect);
  return { track: { ...next, alerted: true }, event: { box, downMs: downForMs, descent: m.descent, aspect: m.aspect } };
}

/** The body seen within BODY_SEEN_MS and in at least BODY_SEEN_SHARE of the frames since down. */
export function bodyRecent(t: FallTrack, tMs: number): boolean {
  return t.lastBodyMs !== undefined && tMs - t.lastBodyMs <= BODY_SEEN_MS && t.bodyFrames >= BODY_SEEN_SHARE * t.downFrames;
}

/** One frame of the state machine for one person. */
export function advance(prev: FallTrack, view: View, tMs: number, frameAspect: number, downMs: number, k: FallTuning = DEFAULT_TUNING): Advance {
  // Once down, a fresh box that does not touch the body is not the body: after a miss the tracker
  // may hand the ID to something else; a body on the ground does not jump.
  const atBody = prev.phase !== 'down' || !prev.downBox || !view.fresh || intersection(view.fresh, prev.downBox) > 0;
  const own = atBody ? view.fresh : undefined;
  const history = own ? pushSample(prev.history, { tMs, box: own, ...(view.sure === false ? { weak: true } : {}) }) : prev.history;
  let t: FallTrack = { ...prev, history, ...(view.score > 0 ? { score: view.score } : {}) };
  if (t.phase === 'standing') {
    if (!own) return { track: t };
    const ref = fallOnset(history, own, tMs, frameAspect, k);
    if (!ref) {
      const latest = referenceAt(history, tMs, frameAspect, FALL.refWindowMs, k);
      const { look: _stale, ...noLook } = t;
      return { track: latest ? { ...t, look: lookAt(own, latest, frameAspect, 'own') } : noLook };
    }
    // The trail starts at the box before this one: a box elsewhere at once is an ID switch, not a fall.
    t = { ...t, phase: 'falling', ref, onsetMs: tMs, trail: history.at(-2)?.box ?? ref.box };
  }
  if (t.phase === 'falling') return fallingStep(t, view, own, tMs, frameAspect, k);
  return downStep(t, view, own, tMs, frameAspect, downMs, k);
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

/** Persons falling or down, where they were last seen: where stand-ins may take over. */
function fallSites(state: PersonDownState): Map<number, FallSite> {
  const sites = new Map<number, FallSite>();
  for (const [id, t] of state.tracks) {
    const box = t.downBox ?? t.trail;
    if (t.phase !== 'standing' && t.onsetMs !== undefined && box) sites.set(id, { onsetMs: t.onsetMs, box });
  }
  return sites;
}

/** A person the tracker no longer reports is kept while falling or down and seen within BODY_SEEN_MS. */
function kept(t: FallTrack, tMs: number): boolean {
  return t.phase !== 'standing' && t.lastBodyMs !== undefined && tMs - t.lastBodyMs <= BODY_SEEN_MS;
}

export function stepPersonDown(state: PersonDownState, obs: Observation, ctx: RuleContext): RuleStep<PersonDownState> {
  const { tMs } = obs;
  const frameAspect = obs.frame ? obs.frame.width / obs.frame.height : 1;
  const downMs = ctx.params.downSeconds * 1000;
  const k = tuningOf(ctx.params);
  const views = buildViews(obs.tracks, tMs, ctx.zones, fallSites(state), getExtra(obs.extras, POSES), getExtra(obs.extras, LYING_SIGHTINGS), obs.detections);
  const ids = new Set(views.keys());
  for (const [id, t] of state.tracks) if (kept(t, tMs)) ids.add(id);
  const tracks = new Map<number, FallTrack>();
  const events: RuleEvent[] = [];
  const alertedBodies = [...state.tracks.values()].flatMap((t) => (t.alerted && t.phase === 'down' && t.downBox ? [t.downBox] : []));
  for (const id of ids) {
    const view = views.get(id) ?? NO_VIEW;
    const out = advance(state.tracks.get(id) ?? NEW_TRACK, view, tMs, frameAspect, downMs, k);
    tracks.set(id, out.track);
    // One alert per body: a second track on the same person (a fragment, an ID split) lies where
    // an alerted body lies.
    if (!out.event || alertedBodies.some((b) => intersection(b, out.event!.box) > 0)) continue;
    events.push(toEvent(id, tMs, out.track.score ?? view.score, out.event, view.pose));
    alertedBodies.push(out.event.box);
  }
  return { state: { tracks, tMs }, events };
}

export const personDownRule: Rule<PersonDownState> = {
  type: 'person_down',
  init: () => ({ tracks: new Map() }),
  step: stepPersonDown,
  explain: (state, ctx) => explainPersonDown(state, ctx.params.downSeconds * 1000, tuningOf(ctx.params)),
};
