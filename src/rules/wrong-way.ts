/**
 * wrong_way: a person or vehicle moves against the allowed direction of a 'flow' zone.
 *
 * Per (track, zone) a short time-stamped history of the box centre while the anchor (bottom-centre)
 * is inside the zone: the centre keeps moving while a vehicle leaves the frame, whereas the bottom
 * edge sticks to the border. The
 * motion is the least-squares line through that history (robust to box jitter and to a missing
 * frame), taken over at least wrongWayMinSeconds. It alerts, once per (track, zone) for the track's
 * life, when the angle to the allowed direction is >= wrongWayAngleDeg and the displacement over
 * the span is >= wrongWayMinDistance, and every third of the history moves against the flow. A fast
 * mover (FAST_DISTANCE_FACTOR times the minimum distance) needs only FAST_SPAN_FRACTION of the span:
 * a car that crosses a small field of view in under two seconds is gone before a slow walker
 * would have shown its course, and its displacement leaves no doubt.
 * ID switches of an alerted object within WRONG_WAY_DEDUP_MS, nearby, do not alert again (dedup.ts).
 * Any moving thing is judged, whatever the detector calls it (zone-tracks.ts flowWatches): seen from
 * overhead or at night a car is often a 'suitcase' for a COCO detector until it is nearly gone, and
 * a thing that moves steadily along a road is a road user; static clutter never moves far enough.
 * A bag a person carries is that person's.
 * A track the tracker lost for a frame or more starts a new history when found again: in traffic,
 * a box that hops from one queued car to the next one behind after each miss draws a steady
 * backward course made of several vehicles (seen on a darkened and on a half-resolution copy of
 * the boulevard clip).
 *
 * Units: coordinates are fractions of the frame width and height, so the rule measures distances
 * and angles in that normalised square. wrongWayMinDistance is a fraction of its diagonal (sqrt 2):
 * exact for a square frame; on a 16:9 frame a horizontal move is under-counted by ~19 % and a
 * vertical one over-counted by ~44 % relative to the true pixel diagonal, which does not matter for a
 * noise floor. The zone direction is drawn in the same normalised coordinates.
 */
import type { Point, RuleEvent, Track, Zone } from '../core/types.ts';
import { angleBetweenDeg, boxCenter, pointInPolygon } from '../core/geometry.ts';
import type { Observation, Rule, RuleContext, RuleExplanation, RuleStep, RuleSubject } from './rule.ts';
import { duplicateOf, markOf, pruneMarks, putMark, type AlertMark } from './dedup.ts';
import { anchorOf, flowWatches, trackZoneKey } from './zone-tracks.ts';
import { displacement, pruneHistory, type Sample } from './motion.ts';

/** An ID switch of an alerted object within this window, nearby, does not alert again. */
export const WRONG_WAY_DEDUP_MS = 3000;
const DIAGONAL = Math.SQRT2;

/** What the latest judgement of a course measured (for explanations). */
export interface Measure {
  readonly angleDeg: number;
  readonly distance: number;
  /** The distance this span needs (larger for the fast-mover clause). */
  readonly neededDistance: number;
  readonly spanSeconds: number;
  readonly steady: boolean;
}

export interface Course {
  readonly trackId: number;
  readonly zoneId: string;
  readonly label: string;
  readonly history: readonly Sample[];
  readonly alerted: boolean;
  readonly last?: Measure;
}

export interface WrongWayState {
  readonly courses: ReadonlyMap<string, Course>;
  readonly marks: readonly AlertMark[];
}

type Verdict = Measure;

/** A displacement this many times wrongWayMinDistance is decided over FAST_SPAN_FRACTION of wrongWayMinSeconds. */
export const FAST_DISTANCE_FACTOR = 4;
export const FAST_SPAN_FRACTION = 0.6;

/** Share of the whole backward travel each third of the history must contribute (see sustained). */
export const MIN_THIRD_SHARE = 0.15;

/**
 * The motion must be steady: each third of the history (by sample) moves against the flow by at
 * least MIN_THIRD_SHARE of the whole backward travel. A track that sat still and then jumped (a
 * stationary false detection hijacked by a passing vehicle's boxes), or jumped back once (the
 * tracker handing a lost car's ID to the car behind it), fits a backward line overall, but one of
 * its thirds does not move against the flow.
 */
function sustained(history: readonly Sample[], direction: Point): boolean {
  const along = (a: Sample, b: Sample): number => (b.p.x - a.p.x) * direction.x + (b.p.y - a.p.y) * direction.y;
  const n = history.length;
  if (n < 4) return false;
  const total = along(history[0]!, history[n - 1]!);
  if (total >= 0) return false;
  const cuts = [0, Math.round((n - 1) / 3), Math.round((2 * (n - 1)) / 3), n - 1];
  for (let i = 0; i < 3; i++) {
    if (along(history[cuts[i]!]!, history[cuts[i + 1]!]!) > MIN_THIRD_SHARE * total) return false;
  }
  return true;
}

/** The course's measures over its history, once it spans enough time to be judged. */
function measure(history: readonly Sample[], direction: Point, ctx: RuleContext): Measure | undefined {
  const m = displacement(history);
  const minSpanMs = ctx.params.wrongWayMinSeconds * 1000;
  if (!m || m.spanMs < FAST_SPAN_FRACTION * minSpanMs) return undefined;
  const neededDistance = m.spanMs >= minSpanMs ? ctx.params.wrongWayMinDistance : FAST_DISTANCE_FACTOR * ctx.params.wrongWayMinDistance;
  return {
    angleDeg: angleBetweenDeg({ x: m.dx, y: m.dy }, direction),
    distance: Math.hypot(m.dx, m.dy) / DIAGONAL,
    neededDistance,
    spanSeconds: m.spanMs / 1000,
    steady: sustained(history, direction),
  };
}

function passes(m: Measure, ctx: RuleContext): boolean {
  return m.distance >= m.neededDistance && m.angleDeg >= ctx.params.wrongWayAngleDeg && m.steady;
}

function event(zone: Zone, track: Track, v: Verdict, tMs: number): RuleEvent {
  const angleDeg = Math.round(v.angleDeg);
  return {
    type: 'wrong_way',
    tMs,
    zoneId: zone.id,
    trackId: track.id,
    box: track.box,
    score: track.score,
    message: `${track.label} going the wrong way in zone ${zone.id} (${angleDeg}° off the allowed direction)`,
    details: {
      angleDeg,
      distance: Math.round(v.distance * 1000) / 1000,
      spanSeconds: Math.round(v.spanSeconds * 10) / 10,
    },
  };
}

export function stepWrongWay(state: WrongWayState, obs: Observation, ctx: RuleContext): RuleStep<WrongWayState> {
  const { tMs, tracks } = obs;
  const minSpanMs = ctx.params.wrongWayMinSeconds * 1000;
  const liveIds = new Set(tracks.map((t) => t.id));
  const lostIds = new Set(tracks.filter((t) => t.state === 'lost').map((t) => t.id));
  // Courses of tracks the tracker dropped go now. A lost track's course restarts: when the tracker
  // finds it again, possibly on another vehicle (its re-association after a miss is a guess), the
  // motion is measured from there, never across the gap. Its alerted flag stays.
  const courses = new Map(
    [...state.courses]
      .filter(([, c]) => liveIds.has(c.trackId))
      .map(([key, c]): [string, Course] => [key, lostIds.has(c.trackId) ? { ...c, history: [] } : c]),
  );
  let marks = pruneMarks(state.marks, tMs, WRONG_WAY_DEDUP_MS);
  const events: RuleEvent[] = [];

  for (const zone of ctx.zones) {
    if (zone.kind !== 'flow' || !zone.direction) continue;
    for (const track of tracks) {
      if (!flowWatches(zone, track, tracks)) continue;
      const key = trackZoneKey(track.id, zone.id);
      const prev = courses.get(key);
      const anchor = anchorOf(track);
      if (!pointInPolygon(anchor, zone.polygon)) {
        // Left the zone: the motion restarts on re-entry; an alerted course stays as a flag only.
        if (prev?.alerted) courses.set(key, { ...prev, history: [] });
        else courses.delete(key);
        continue;
      }
      const history = pruneHistory([...(prev?.history ?? []), { tMs, p: boxCenter(track.box) }], tMs, minSpanMs);
      const last = measure(history, zone.direction, ctx);
      let c: Course = { trackId: track.id, zoneId: zone.id, label: track.label, alerted: prev?.alerted ?? false, history, ...(last ? { last } : {}) };
      const verdict = !c.alerted && last && passes(last, ctx) ? last : undefined;
      if (verdict) {
        if (!duplicateOf(marks, zone.id, track, tMs, WRONG_WAY_DEDUP_MS)) events.push(event(zone, track, verdict, tMs));
        c = { ...c, alerted: true };
      }
      if (c.alerted) marks = putMark(marks, markOf(zone.id, track, tMs));
      courses.set(key, c);
    }
  }
  return { state: { courses, marks }, events };
}

/** What a course lacks, and how close it is to alerting (0..1). */
function lacks(c: Course, ctx: RuleContext): { readonly phase: string; readonly reason: string; readonly closeness: number } {
  const minS = ctx.params.wrongWayMinSeconds;
  if (c.alerted) return { phase: 'alerted', reason: 'alerted', closeness: 0 };
  const m = c.last;
  if (!m) {
    const spanS = c.history.length > 1 ? (c.history.at(-1)!.tMs - c.history[0]!.tMs) / 1000 : 0;
    return { phase: 'gathering', reason: `course over ${spanS.toFixed(1)} s, needs ${(FAST_SPAN_FRACTION * minS).toFixed(1)}-${minS.toFixed(1)} s`, closeness: 0.2 * Math.min(1, spanS / minS) };
  }
  const got = `angle ${Math.round(m.angleDeg)}° (needs ${ctx.params.wrongWayAngleDeg}°), distance ${m.distance.toFixed(3)} (needs ${m.neededDistance.toFixed(3)}) over ${m.spanSeconds.toFixed(1)} s`;
  const angleOk = m.angleDeg >= ctx.params.wrongWayAngleDeg;
  const closeness = 0.2 + 0.4 * Math.min(1, m.angleDeg / ctx.params.wrongWayAngleDeg) + 0.4 * Math.min(1, m.distance / m.neededDistance);
  if (!angleOk) return { phase: 'along', reason: `going with the flow or across: ${got}`, closeness };
  if (m.distance < m.neededDistance) return { phase: 'against', reason: `too little motion: ${got}`, closeness };
  return { phase: 'against', reason: `not steady (a third of the course does not go against the flow): ${got}`, closeness };
}

/** Why the rule has or has not fired: the course closest to alerting and what it lacks. */
export function explainWrongWay(state: WrongWayState, ctx: RuleContext): RuleExplanation {
  if (!ctx.zones.some((z) => z.kind === 'flow' && z.direction)) return { reason: 'no flow zone with a direction configured', subjects: [] };
  const all = [...state.courses.values()].map((c) => ({ c, ...lacks(c, ctx) }));
  const subjects: RuleSubject[] = all.map(({ c, phase, reason }) => ({ id: `track:${c.trackId}`, phase, reason: `${c.label} in zone ${c.zoneId}: ${reason}` }));
  const best = all.reduce<(typeof all)[number] | undefined>((a, b) => (!a || b.closeness > a.closeness ? b : a), undefined);
  const reason = best ? `track:${best.c.trackId} ${best.c.label} in zone ${best.c.zoneId}: ${best.reason}` : 'no moving track inside a flow zone';
  return { reason, subjects };
}

export const wrongWayRule: Rule<WrongWayState> = {
  type: 'wrong_way',
  init: () => ({ courses: new Map(), marks: [] }),
  step: stepWrongWay,
  explain: explainWrongWay,
};
