/**
 * abandoned_object, what each frame says about objects: where the candidate static objects are, and
 * what a candidate region is (a bag, a person, a vehicle) according to the detector and tracker.
 *
 * Candidates come from two sources: bag-group detections and tracks (NanoDet calls the same bag a
 * backpack, a handbag or a suitcase from one frame to the next, so the group counts, not the label),
 * and static blobs of the background analyzer (an object of any kind, classified or not). A detected
 * bag only counts where the scene differs from its long-term background: a bag (or a bin, a sign
 * taken for one) that was there when the camera started is background.
 */
import type { Box, Detection, LabelGroup, Point, Track } from '../core/types.ts';
import { boxArea, boxCenter, intersection, iou } from '../core/geometry.ts';
import { groupOf } from '../track/labels.ts';
import { changedFraction, STATIC_SCENE } from '../analyzers/background/static-scene.ts';
import { getExtra } from './extras.ts';
import type { Observation } from './rule.ts';
import { cuesOf, evidenceSum, type ObjectCues } from './abandoned-object-cues.ts';

export type CandidateSource = 'bag' | 'blob';

export interface Candidate {
  readonly box: Box;
  readonly source: CandidateSource;
  readonly score: number;
  /** The bag track behind the candidate, if any. */
  readonly trackId?: number;
}

export const EVIDENCE_LIMITS = {
  /** A detected bag counts where at least this fraction of its box differs from the background. */
  minChangedFraction: 0.2,
  /** Largest static blob taken as an object, as a fraction of the frame (a suitcase near the camera). */
  maxBlobAreaFraction: 0.06,
  /** A blob filling less of its box than this, or longer than this aspect, is a band or a line, not a thing. */
  minBlobFill: 0.3,
  maxBlobAspect: 4,
  /** Two boxes are the same thing from this IoU on. */
  sameIou: 0.3,
  /** A region is a person's when it fills this much of a person box ... */
  minPersonFill: 0.3,
  /** ... while lying inside it for at least this fraction of its own area. */
  minInside: 0.5,
  /** Score of a blob candidate (no class known). */
  blobScore: 0.5,
};

const maxScore = (xs: readonly { score: number }[]): number => xs.reduce((m, x) => Math.max(m, x.score), 0);

function isGroup(label: Track['label'], group: LabelGroup): boolean {
  return groupOf(label) === group;
}

/** Greedy merge of boxes of one thing (a bag seen as a backpack and a handbag): best score first. */
function mergeSame(cands: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of [...cands].sort((a, b) => b.score - a.score)) {
    const same = out.findIndex((o) => iou(o.box, c.box) >= EVIDENCE_LIMITS.sameIou);
    if (same < 0) out.push(c);
    else if (c.trackId !== undefined && out[same]!.trackId === undefined) out[same] = { ...out[same]!, trackId: c.trackId };
  }
  return out;
}

/** Size and shape of something one carries: not too large, compact, not a band. */
function thingShaped(box: Box, areaFraction: number): boolean {
  const w = box.x2 - box.x1;
  const h = box.y2 - box.y1;
  const L = EVIDENCE_LIMITS;
  return areaFraction <= L.maxBlobAreaFraction && areaFraction >= L.minBlobFill * w * h && Math.max(w / h, h / w) <= L.maxBlobAspect;
}

/** Best bag-group score among this frame's detections (weak ones included) lying on `blob`. */
function bagScoreOn(blob: Box, obs: Observation): number {
  const dets = [...(obs.detections ?? []), ...(obs.weakDetections ?? [])];
  return maxScore(dets.filter((d) => isGroup(d.label, 'bag') && regionIs(blob, d.box)));
}

/** The thing-shaped object blob of this frame whose cues came closest to the evidence needed without reaching it. */
export interface NearMiss {
  readonly box: Box;
  readonly cues: ObjectCues;
}

/**
 * Static-object candidates of this frame (`minEvidence`: what a static blob's cues must sum to), and
 * the blob that came closest without being one (for explanations).
 */
export function candidatesOf(obs: Observation, minEvidence = 1): { readonly candidates: Candidate[]; readonly nearMiss?: NearMiss } {
  const scene = getExtra(obs.extras, STATIC_SCENE);
  if (scene && !scene.ready) return { candidates: [] };
  const isNew = (b: Box): boolean => !scene || changedFraction(scene, b) >= EVIDENCE_LIMITS.minChangedFraction;
  const bags: Candidate[] = [
    ...(obs.detections ?? []).filter((d) => isGroup(d.label, 'bag')).map((d) => ({ box: d.box, source: 'bag' as const, score: d.score })),
    ...obs.tracks
      .filter((t) => t.state === 'confirmed' && isGroup(t.label, 'bag'))
      .map((t) => ({ box: t.box, source: 'bag' as const, score: t.score, trackId: t.id })),
  ].filter((c) => isNew(c.box));
  const judged = (scene?.blobs ?? [])
    .filter((b) => b.kind === 'object' && thingShaped(b.box, b.areaFraction))
    .map((b) => ({ box: b.box, cues: cuesOf(b.measures, bagScoreOn(b.box, obs)) }));
  const blobs: Candidate[] = judged
    .filter((j) => evidenceSum(j.cues) >= minEvidence)
    .map((j) => ({ box: j.box, source: 'blob' as const, score: EVIDENCE_LIMITS.blobScore }));
  const nearMiss = judged
    .filter((j) => evidenceSum(j.cues) < minEvidence)
    .reduce<NearMiss | undefined>((a, b) => (!a || evidenceSum(b.cues) > evidenceSum(a.cues) ? b : a), undefined);
  return { candidates: [...mergeSame(bags), ...blobs], ...(nearMiss ? { nearMiss } : {}) };
}

/** True when `region` is the thing in `box`: same box, or it lies inside it and fills a good part of it. */
export function regionIs(region: Box, box: Box): boolean {
  if (iou(region, box) >= EVIDENCE_LIMITS.sameIou) return true;
  const inter = intersection(region, box);
  return inter >= EVIDENCE_LIMITS.minInside * boxArea(region) && boxArea(region) >= EVIDENCE_LIMITS.minPersonFill * boxArea(box);
}

export interface ClassEvidence {
  readonly bag: number;
  readonly person: number;
  readonly vehicle: number;
}

export const NO_EVIDENCE: ClassEvidence = { bag: 0, person: 0, vehicle: 0 };

/** Where each vehicle track was first seen: a vehicle that drove in and stopped is traffic or parking. */
export type VehicleStarts = ReadonlyMap<number, Point>;

export function updateVehicleStarts(starts: VehicleStarts, tracks: readonly Track[]): Map<number, Point> {
  const next = new Map<number, Point>();
  for (const t of tracks) if (isGroup(t.label, 'vehicle')) next.set(t.id, starts.get(t.id) ?? boxCenter(t.box));
  return next;
}

function droveIn(t: Track, starts: VehicleStarts): boolean {
  const start = starts.get(t.id);
  if (!start) return false;
  const c = boxCenter(t.box);
  return Math.hypot(c.x - start.x, c.y - start.y) >= Math.hypot(t.box.x2 - t.box.x1, t.box.y2 - t.box.y1);
}


/**
 * This frame's class evidence for `region`: the best score of each class whose box is the region.
 * Persons count as tracks of any strength (a sleeping person is often only weakly detected) and as
 * detections, unless the region is known to be too small for a person (`personSized` false);
 * vehicles only when their track drove in.
 */
export function evidenceOf(region: Box, obs: Observation, starts: VehicleStarts, personSized: boolean): ClassEvidence {
  const live = obs.tracks.filter((t) => t.state === 'confirmed');
  const dets: readonly Detection[] = obs.detections ?? [];
  const of = (group: LabelGroup): (Track | Detection)[] =>
    [...live, ...dets].filter((x) => isGroup(x.label, group) && regionIs(region, x.box));
  return {
    bag: maxScore(of('bag')),
    person: personSized ? maxScore(of('person')) : 0,
    vehicle: maxScore(live.filter((t) => isGroup(t.label, 'vehicle') && iou(region, t.box) >= EVIDENCE_LIMITS.sameIou && droveIn(t, starts))),
  };
}

export function addEvidence(a: ClassEvidence, b: ClassEvidence): ClassEvidence {
  return { bag: a.bag + b.bag, person: a.person + b.person, vehicle: a.vehicle + b.vehicle };
}
