/**
 * abandoned_object, the objects the rule holds: one place that keeps showing a candidate. How a
 * frame's candidates feed them (their box follows the candidates but may not wander from where it
 * appeared), how two that came to cover the same place become one, and what becomes of one that
 * stops showing (see abandoned-object.ts).
 */
import type { Box } from '../core/types.ts';
import { boxCenter, iou } from '../core/geometry.ts';
import { changedFraction, STATIC_SCENE } from '../analyzers/background/static-scene.ts';
import { NO_EVIDENCE, type Candidate, type ClassEvidence } from './abandoned-object-evidence.ts';
import { getExtra } from './extras.ts';
import type { Observation } from './rule.ts';

/** Time an object must stay in place before it can alert. */
export const MIN_STILL_MS = 2000;
/** An object must have shown in this fraction of the frames it was held (flickering artefacts do not). */
export const MIN_SHOWN = 0.6;
/** Unmatched longer than this, an object not yet alerted is dropped. */
export const MISS_MS = 2000;
/** An alerted object whose place still differs from the background is held this long unmatched (occlusion). */
export const HOLD_MS = 30_000;
/** A candidate belongs to an object from this IoU; two objects are one from MERGE_IOU. */
export const MATCH_IOU = 0.3;
const MERGE_IOU = 0.5;
/** The object moved once its centre is this many diagonals (the larger of then and now) from where it appeared. */
const MOVED_DIAGONALS = 0.5;
/** Below this changed fraction the object's place is empty again: picked up. */
const EMPTY_FRACTION = 0.15;
/** Person evidence needed before a region counts as a person (about five frames of a weak track). */
const MIN_PERSON_EVIDENCE = 1;
/** How much a new candidate box pulls the object's box. */
const BOX_GAIN = 0.3;

export interface HeldObject {
  readonly id: number;
  readonly box: Box;
  readonly originBox: Box;
  readonly firstMs: number;
  readonly lastMatchMs: number;
  /** Frames held, and frames in which a candidate showed it. */
  readonly frames: number;
  readonly matches: number;
  readonly evidence: ClassEvidence;
  /** The box the evidence is about: when the object's box drifts away from it (a person who stood over a bag left), the evidence starts again. */
  readonly evidenceBox: Box;
  /** Best bag-detection score seen (0: never seen as a bag) and its track. */
  readonly bagScore: number;
  readonly bagTrackId?: number;
  readonly ownerTrackIds: readonly number[];
  /** Confirmed person tracks whose box was the region last frame (see abandoned-object.ts observe). */
  readonly personIds: readonly number[];
  readonly lastAttendedMs?: number;
  readonly alerted: boolean;
}

const mix = (a: Box, b: Box, k: number): Box => ({
  x1: a.x1 + k * (b.x1 - a.x1),
  y1: a.y1 + k * (b.y1 - a.y1),
  x2: a.x2 + k * (b.x2 - a.x2),
  y2: a.y2 + k * (b.y2 - a.y2),
});

export function isPersonLike(o: HeldObject): boolean {
  return o.evidence.person > o.evidence.bag && o.evidence.person >= MIN_PERSON_EVIDENCE;
}

export function isVehicleLike(o: HeldObject): boolean {
  return o.evidence.vehicle > o.evidence.bag;
}

export function matchObject(o: HeldObject, cands: readonly Candidate[], tMs: number): HeldObject {
  const mine = cands.filter((c) => iou(c.box, o.box) >= MATCH_IOU);
  if (mine.length === 0) return o;
  const bags = mine.filter((c) => c.source === 'bag');
  const target = bags[0] ?? mine[0]!;
  const bagScore = Math.max(o.bagScore, ...bags.map((c) => c.score));
  const bagTrackId = bags.find((c) => c.trackId !== undefined)?.trackId ?? o.bagTrackId;
  return {
    ...o,
    box: mix(o.box, target.box, BOX_GAIN),
    lastMatchMs: tMs,
    matches: o.matches + 1,
    bagScore,
    ...(bagTrackId !== undefined ? { bagTrackId } : {}),
  };
}

/** Two held objects that came to cover the same place are one: the elder absorbs the younger. */
function mergeInto(elder: HeldObject, young: HeldObject): HeldObject {
  const e = elder.evidence;
  const y = young.evidence;
  const attended = Math.max(elder.lastAttendedMs ?? -Infinity, young.lastAttendedMs ?? -Infinity);
  const bagTrackId = elder.bagTrackId ?? young.bagTrackId;
  return {
    ...elder,
    lastMatchMs: Math.max(elder.lastMatchMs, young.lastMatchMs),
    matches: Math.min(elder.frames, elder.matches + young.matches),
    evidence: { bag: Math.max(e.bag, y.bag), person: Math.max(e.person, y.person), vehicle: Math.max(e.vehicle, y.vehicle) },
    bagScore: Math.max(elder.bagScore, young.bagScore),
    ...(bagTrackId !== undefined ? { bagTrackId } : {}),
    ownerTrackIds: [...new Set([...elder.ownerTrackIds, ...young.ownerTrackIds])],
    personIds: [...new Set([...elder.personIds, ...young.personIds])],
    ...(Number.isFinite(attended) ? { lastAttendedMs: attended } : {}),
    alerted: elder.alerted || young.alerted,
  };
}

export function mergeOverlapping(objects: readonly HeldObject[]): HeldObject[] {
  const out: HeldObject[] = [];
  for (const o of [...objects].sort((a, b) => a.firstMs - b.firstMs || a.id - b.id)) {
    const i = out.findIndex((e) => iou(e.box, o.box) >= MERGE_IOU);
    if (i < 0) out.push(o);
    else out[i] = mergeInto(out[i]!, o);
  }
  return out;
}

export function newObject(id: number, c: Candidate, tMs: number, owners: readonly number[], alerted: boolean): HeldObject {
  return {
    id,
    box: c.box,
    originBox: c.box,
    firstMs: tMs,
    lastMatchMs: tMs,
    frames: 1,
    matches: 1,
    evidence: NO_EVIDENCE,
    evidenceBox: c.box,
    bagScore: c.source === 'bag' ? c.score : 0,
    ...(c.trackId !== undefined ? { bagTrackId: c.trackId } : {}),
    ownerTrackIds: owners,
    personIds: [],
    alerted,
  };
}

/** keep; gone (stopped showing, unexplained); taken (moved, or its place is empty again). */
export type Fate = 'keep' | 'gone' | 'taken';

function moved(o: HeldObject): boolean {
  const a = boxCenter(o.box);
  const b = boxCenter(o.originBox);
  const diag = (x: Box): number => Math.hypot(x.x2 - x.x1, x.y2 - x.y1);
  return Math.hypot(a.x - b.x, a.y - b.y) > MOVED_DIAGONALS * Math.max(diag(o.box), diag(o.originBox));
}

export function fateOf(o: HeldObject, obs: Observation): Fate {
  const scene = getExtra(obs.extras, STATIC_SCENE);
  const empty = scene?.ready === true && changedFraction(scene, o.box) < EMPTY_FRACTION;
  const missingMs = obs.tMs - o.lastMatchMs;
  if (moved(o)) return 'taken';
  if (missingMs === 0) return 'keep';
  if (empty) return 'taken';
  if (missingMs <= MISS_MS) return 'keep';
  return o.alerted && missingMs <= HOLD_MS && scene?.ready === true ? 'keep' : 'gone';
}

