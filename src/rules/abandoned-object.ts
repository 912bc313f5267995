/**
 * abandoned_object: an object brought into the scene stays still with nobody near it for
 * unattendedSeconds.
 *
 * Each frame's candidates (detected bags where the scene is new, static blobs of the background
 * analyzer; see abandoned-object-evidence.ts) are matched to the objects held. An object is one place
 * that keeps showing a candidate: its box may not wander from where it appeared (a carried bag keeps
 * starting afresh). Per object the rule accumulates class evidence (bag, person, vehicle scores of the
 * detections and tracks that are that region; a region far too small for a person at its place,
 * abandoned-object-scale.ts, gets no person evidence; a region that stays while the person track
 * whose box it was walks off is not that person: its person evidence goes) and the last time a person attended it
 * (abandoned-object-attendance.ts). It alerts once, when the object has been still for MIN_STILL_MS,
 * is neither a person (sitting, lying) nor a vehicle that drove in by evidence, and nobody has
 * attended it for unattendedSeconds. The persons near it when it appeared are its owners (reported).
 * With 'watch' zones configured, only objects standing in one alert.
 *
 * An object is taken (picked up: its state is reset, and leaving it again alerts anew) when it moves,
 * or when it stops showing and the background analyzer sees its place empty again. An object that
 * just stops showing is dropped after MISS_MS, or after HOLD_MS once alerted if its place still
 * differs from the background (someone standing in front of it); an alerted object dropped without
 * being seen taken leaves a mark, so that it does not alert twice when it shows again.
 */
import type { Box, RuleEvent, Zone } from '../core/types.ts';
import { bottomCenter, iou, pointInPolygon } from '../core/geometry.ts';
import { aspectOf, attendants, personsOf, type Person } from './abandoned-object-attendance.ts';
import { addEvidence, candidatesOf, type NearMiss, evidenceOf, NO_EVIDENCE, regionIs, updateVehicleStarts, type VehicleStarts } from './abandoned-object-evidence.ts';
import { groupOf } from '../track/labels.ts';
import {
  fateOf,
  isPersonLike,
  isVehicleLike,
  matchObject,
  MATCH_IOU,
  mergeOverlapping,
  MIN_SHOWN,
  MIN_STILL_MS,
  newObject,
  type HeldObject,
} from './abandoned-object-held.ts';
import { EMPTY_SCALE, learnScale, tooSmallForPerson, type PersonScale } from './abandoned-object-scale.ts';
import type { Observation, Rule, RuleContext, RuleStep } from './rule.ts';
import { explainAbandonedObject } from './abandoned-object-explain.ts';

/** The object's region is still the one its evidence is about from this IoU. */
const SAME_REGION_IOU = 0.5;
/** Marks of alerted objects last this long. */
const MARK_MS = 120_000;

export { isPersonLike, isVehicleLike, MIN_STILL_MS, type HeldObject };

export interface AlertedMark {
  readonly box: Box;
  readonly untilMs: number;
}

export interface AbandonedObjectState {
  readonly objects: readonly HeldObject[];
  readonly nextId: number;
  readonly vehicleStarts: VehicleStarts;
  readonly marks: readonly AlertedMark[];
  readonly scale: PersonScale;
  /** Time of the last step, and the static blob that came closest to being an object in it (for explanations). */
  readonly tMs?: number;
  readonly nearMiss?: NearMiss;
}

function alertOf(o: HeldObject, tMs: number, unattendedMs: number, zoneId: string): RuleEvent {
  const aloneMs = tMs - Math.max(o.firstMs, o.lastAttendedMs ?? o.firstMs);
  const unattendedSeconds = Math.round(aloneMs / 100) / 10;
  const what = o.bagScore > 0 ? 'bag' : 'object';
  return {
    type: 'abandoned_object',
    tMs,
    ...(zoneId !== '' ? { zoneId } : {}),
    ...(o.bagTrackId !== undefined ? { trackId: o.bagTrackId } : {}),
    box: o.box,
    score: o.bagScore > 0 ? o.bagScore : 0.5,
    message: `${what} left unattended for ${unattendedSeconds.toFixed(1)} s`,
    details: {
      unattendedSeconds,
      stillSeconds: Math.round((tMs - o.firstMs) / 100) / 10,
      ownerTrackIds: o.ownerTrackIds.join(','),
      requiredSeconds: unattendedMs / 1000,
    },
  };
}

/** The watch zone the object stands in; with no watch zone configured, anywhere counts (''). */
function watchZoneOf(o: HeldObject, zones: readonly Zone[]): string | undefined {
  const watch = zones.filter((z) => z.kind === 'watch');
  if (watch.length === 0) return '';
  return watch.find((z) => pointInPolygon(bottomCenter(o.box), z.polygon))?.id;
}

function ready(o: HeldObject, tMs: number, unattendedMs: number): boolean {
  if (o.alerted || o.lastMatchMs !== tMs || tMs - o.firstMs < MIN_STILL_MS) return false;
  if (o.matches < MIN_SHOWN * o.frames) return false;
  if (isPersonLike(o) || isVehicleLike(o)) return false;
  return tMs - Math.max(o.firstMs, o.lastAttendedMs ?? o.firstMs) >= unattendedMs;
}

interface Seen {
  readonly obs: Observation;
  readonly persons: readonly Person[];
  readonly aspect: number;
  readonly scale: PersonScale;
  readonly vehicleStarts: VehicleStarts;
}

/**
 * The person tracks whose box is the region this frame, and whether one that was walked off while the
 * region stayed (the owner standing over a bag leaves; the bag is still there, so it was not them).
 */
function personsOn(o: HeldObject, obs: Observation): { readonly ids: number[]; readonly walkedOff: boolean } {
  const live = obs.tracks.filter((t) => t.state === 'confirmed' && groupOf(t.label) === 'person');
  const ids = live.filter((t) => regionIs(o.box, t.box)).map((t) => t.id);
  const walkedOff = o.lastMatchMs === obs.tMs && o.personIds.some((id) => !ids.includes(id) && live.some((t) => t.id === id));
  return { ids, walkedOff };
}

/** This frame's class evidence and attendance of one object. */
function observe(o: HeldObject, { obs, persons, aspect, scale, vehicleStarts }: Seen): HeldObject {
  const small = tooSmallForPerson(scale, o.box, aspect);
  const on = personsOn(o, obs);
  const kept = on.walkedOff ? { ...o.evidence, person: 0 } : o.evidence;
  const same = iou(o.box, o.evidenceBox) >= SAME_REGION_IOU;
  const notAPerson = small || (same && o.evidence.bag > o.evidence.person);
  const attended = attendants(o.box, persons, aspect, notAPerson).length > 0;
  return {
    ...o,
    frames: o.frames + (o.firstMs === obs.tMs ? 0 : 1),
    evidence: addEvidence(same ? kept : NO_EVIDENCE, evidenceOf(o.box, obs, vehicleStarts, !small)),
    personIds: on.ids,
    evidenceBox: same ? o.evidenceBox : o.box,
    ...(attended ? { lastAttendedMs: obs.tMs } : {}),
  };
}

export function stepAbandonedObject(
  state: AbandonedObjectState,
  obs: Observation,
  ctx: RuleContext,
): RuleStep<AbandonedObjectState> {
  const { tMs } = obs;
  const unattendedMs = ctx.params.unattendedSeconds * 1000;
  const vehicleStarts = updateVehicleStarts(state.vehicleStarts, obs.tracks);
  const { candidates: cands, nearMiss } = candidatesOf(obs, ctx.params.abandonedMinEvidence);
  const persons = personsOf(obs);
  const aspect = aspectOf(obs);
  const scale = learnScale(state.scale, (obs.detections ?? []).filter((d) => d.label === 'person'), aspect);
  let marks = state.marks.filter((m) => m.untilMs > tMs);
  let nextId = state.nextId;

  const kept: HeldObject[] = [];
  for (const prev of state.objects) {
    const o = matchObject(prev, cands, tMs);
    const fate = fateOf(o, obs);
    if (fate === 'keep') kept.push(o);
    else if (o.alerted && fate === 'gone') marks = [...marks, { box: o.box, untilMs: tMs + MARK_MS }];
  }
  for (const c of cands) {
    if (kept.some((o) => iou(o.box, c.box) >= MATCH_IOU)) continue;
    const owners = attendants(c.box, persons, aspect, c.source === 'bag').flatMap((p) => (p.trackId !== undefined ? [p.trackId] : []));
    const marked = marks.some((m) => iou(m.box, c.box) >= MATCH_IOU);
    kept.push(newObject(nextId++, c, tMs, owners, marked));
  }

  const events: RuleEvent[] = [];
  const objects = mergeOverlapping(kept).map((held) => {
    const o = observe(held, { obs, persons, aspect, scale, vehicleStarts });
    const zoneId = ready(o, tMs, unattendedMs) ? watchZoneOf(o, ctx.zones) : undefined;
    if (zoneId === undefined) return o;
    events.push(alertOf(o, tMs, unattendedMs, zoneId));
    return { ...o, alerted: true };
  });
  return { state: { objects, nextId, vehicleStarts, marks, scale, tMs, ...(nearMiss ? { nearMiss } : {}) }, events };
}

export const abandonedObjectRule: Rule<AbandonedObjectState> = {
  type: 'abandoned_object',
  init: () => ({ objects: [], nextId: 1, vehicleStarts: new Map(), marks: [], scale: EMPTY_SCALE }),
  step: stepAbandonedObject,
  explain: explainAbandonedObject,
};
