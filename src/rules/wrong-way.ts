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
import type { Observation, Rule, RuleContext, RuleStep } from './rule.ts';
import { duplicateOf, markOf, pruneMarks, putMark, type AlertMark } from './dedup.ts';
import { anchorOf, trackZoneKey, zoneWatches } from './zone-tracks.ts';
import { displacement, pruneHistory, type Sample } from './motion.ts';

/** An ID switch of an alerted object within this window, nearby, does not alert again. */
export const WRONG_WAY_DEDUP_MS = 3000;
const DIAGONAL = Math.SQRT2;

export interface Course {
  readonly trackId: number;
  readonly zoneId: string;
  readonly history: readonly Sample[];
  readonly alerted: boolean;
}

export interface WrongWayState {
  readonly courses: ReadonlyMap<string, Course>;
  readonly marks: readonly AlertMark[];
}

interface Verdict {
  readonly angleDeg: number;
  readonly distance: number;
  readonly spanSeconds: number;
}

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

function judge(history: readonly Sample[], direction: Point, ctx: RuleContext): Verdict | undefined {
  const m = displacement(history);
  const minSpanMs = ctx.params.wrongWayMinSeconds * 1000;
  if (!m || m.spanMs < FAST_SPAN_FRACTION * minSpanMs) return undefined;
  const distance = Math.hypot(m.dx, m.dy) / DIAGONAL;
  const needed = m.spanMs >= minSpanMs ? ctx.params.wrongWayMinDistance : FAST_DISTANCE_FACTOR * ctx.params.wrongWayMinDistance;
  const angleDeg = angleBetweenDeg({ x: m.dx, y: m.dy }, direction);
  if (distance < needed || angleDeg < ctx.params.wrongWayAngleDeg) return undefined;
  if (!sustained(history, direction)) return undefined;
  return { angleDeg, distance, spanSeconds: m.spanMs / 1000 };
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
      if (!zoneWatches(zone, track)) continue;
      const key = trackZoneKey(track.id, zone.id);
      const prev = courses.get(key);
      const anchor = anchorOf(track);
      if (!pointInPolygon(anchor, zone.polygon)) {
        // Left the zone: the motion restarts on re-entry; an alerted course stays as a flag only.
        if (prev?.alerted) courses.set(key, { ...prev, history: [] });
        else courses.delete(key);
        continue;
      }
      let c: Course = {
        trackId: track.id,
        zoneId: zone.id,
        alerted: prev?.alerted ?? false,
        history: pruneHistory([...(prev?.history ?? []), { tMs, p: boxCenter(track.box) }], tMs, minSpanMs),
      };
      const verdict = c.alerted ? undefined : judge(c.history, zone.direction, ctx);
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

export const wrongWayRule: Rule<WrongWayState> = {
  type: 'wrong_way',
  init: () => ({ courses: new Map(), marks: [] }),
  step: stepWrongWay,
};
