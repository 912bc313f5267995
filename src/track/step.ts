/**
 * One tracker step as a pure function: (tracks, detections, clock) -> tracks.
 * ByteTrack's two-stage association, with a Kalman prediction per track and label groups.
 */
import type { Box, Detection, Label, TrackState } from '../core/types.ts';
import { boxArea, boxCenter, intersection, iou } from '../core/geometry.ts';
import { associate, type Association, type Candidate, type MatchParams } from './association.ts';
import { solveAssignment } from './hungarian.ts';
import { filterBox, filterInit, filterPredict, filterUpdate, freezeSize, resetSize, type BoxFilter, type KalmanNoise } from './kalman.ts';
import { addLabel, groupOf, majorityLabel, type LabelCounts } from './labels.ts';
import { recoverPersons } from './recover.ts';

export interface StepOptions {
  /** Detections at or above this score take part in the first stage and may start tracks. */
  readonly highScore: number;
  /** When set, the high-score threshold of each label (the detector's configured thresholds); overrides highScore. */
  readonly highScoreOf?: (label: Label) => number;
  /** Detections in [lowScore, highScore) may only continue confirmed tracks (second stage). */
  readonly lowScore: number;
  /** Consecutive hits for a tentative track to become confirmed. */
  readonly minHits: number;
  /** A lost track is dropped once unseen for longer than this. */
  readonly maxLostMs: number;
  /** First stage (high scores, lost and tentative tracks): IoU match plus the centre-distance fallback. */
  readonly match: MatchParams;
  /** Second stage (low scores): overlap only, and a stricter IoU (low-score boxes are often clutter). */
  readonly lowMinIou: number;
  /** An unmatched detection overlapping a track matched in this frame (same group) by this IoU is a duplicate. */
  readonly duplicateIou: number;
  /** Hard cap on tracks held; beyond it the longest-unseen lost tracks go first. */
  readonly maxTracks: number;
  readonly noise: KalmanNoise;
}

/** What the tracker holds per object. Immutable; each step returns new records. */
export interface TrackRecord {
  readonly id: number;
  readonly filter: BoxFilter;
  readonly labels: LabelCounts;
  readonly label: Label;
  readonly group: string | undefined;
  readonly score: number;
  readonly state: TrackState;
  readonly firstSeenMs: number;
  readonly lastSeenMs: number;
  readonly hits: number;
  /** Consecutive frames matched, up to now. */
  readonly streak: number;
  /** The last detection box matched: where the object really was last seen. */
  readonly lastBox: Box;
  /** The detection the track was born on, and how far from it the box centre has ever been (box sizes). */
  readonly bornBox: Box;
  readonly travel: number;
}

export interface StepResult {
  readonly records: readonly TrackRecord[];
  readonly nextId: number;
}

/** A person track older than this that never moved half its size is a static thing boxed as a person. */
export const STATIC_AFTER_MS = 1000;
export const STATIC_MAX_TRAVEL = 0.5;

/**
 * A person track that has never moved since it was born (a coat, a chair, a poster boxed as a
 * person) takes no detection by the centre-distance fallback: a person starting to walk moves a
 * fraction of their box width per frame, so their box still overlaps; a box far from a static
 * track is a neighbour, whose detections it must not take over.
 */
export function neverMoved(r: TrackRecord): boolean {
  return r.group === 'person' && r.lastSeenMs - r.firstSeenMs >= STATIC_AFTER_MS && r.travel < STATIC_MAX_TRAVEL;
}

function candidateOfRecord(r: TrackRecord, tMs: number): Candidate {
  const lostS = r.state === 'lost' ? (tMs - r.lastSeenMs) / 1000 : 0;
  return { box: filterBox(r.filter), group: r.group, gateScale: neverMoved(r) ? 0 : 1 + lostS };
}

function candidateOfDetection(d: Detection): Candidate {
  return { box: d.box, group: groupOf(d.label), gateScale: 1 };
}

const FRAME: Box = { x1: 0, y1: 0, x2: 1, y2: 1 };
/** A lost track predicted with less than this share of its box inside the frame has left the view. */
export const MIN_INSIDE_SHARE = 0.5;

/**
 * Whether a lost track may still be found again: not when its prediction has carried it mostly out
 * of the frame. A box pressed against the frame edge (an object leaving, or a static false box
 * shrinking against the border) gets a centre velocity towards the edge; once extrapolated out of
 * the frame, the centre-distance fallback would otherwise hand its ID to whatever is detected near
 * that edge (a fallen person's ID to a locker beside him, seen on a darkened fall clip).
 */
export function findable(r: TrackRecord): boolean {
  if (r.state !== 'lost') return true;
  const box = filterBox(r.filter);
  const area = boxArea(box);
  return area > 0 && intersection(box, FRAME) / area >= MIN_INSIDE_SHARE;
}

function predict(r: TrackRecord, dtS: number, noise: KalmanNoise): TrackRecord {
  const f = r.state === 'lost' ? freezeSize(r.filter) : r.filter;
  return { ...r, filter: filterPredict(f, dtS, noise) };
}

function boxSize(b: Box): number {
  return Math.sqrt(Math.max(0, boxArea(b)));
}

/** Distance between the centres of two boxes, in the mean of their sizes. */
function shiftInSizes(a: Box, b: Box): number {
  const ca = boxCenter(a);
  const cb = boxCenter(b);
  const size = (boxSize(a) + boxSize(b)) / 2;
  return size > 0 ? Math.hypot(ca.x - cb.x, ca.y - cb.y) / size : 0;
}

function hit(r: TrackRecord, d: Detection, tMs: number, o: StepOptions): TrackRecord {
  const labels = addLabel(r.labels, d.label);
  const streak = r.streak + 1;
  const state: TrackState = r.state === 'tentative' && streak < o.minHits ? 'tentative' : 'confirmed';
  return {
    ...r,
    filter: filterUpdate(r.filter, d.box, o.noise),
    labels,
    label: majorityLabel(labels, d.label),
    score: d.score,
    state,
    lastSeenMs: tMs,
    hits: r.hits + 1,
    streak,
    lastBox: d.box,
    travel: Math.max(r.travel, shiftInSizes(r.bornBox, d.box)),
  };
}

/** Tentative tracks die at their first miss; confirmed ones become lost; lost ones age out. */
function miss(r: TrackRecord, tMs: number, o: StepOptions): TrackRecord | undefined {
  if (r.state === 'tentative') return undefined;
  if (tMs - r.lastSeenMs > o.maxLostMs) return undefined;
  // A person's box can change shape abruptly (a fall, a crouch): the size is not carried on past
  // what was last measured. Vehicles grow and shrink smoothly with perspective: theirs is.
  const filter = r.group === 'person' ? resetSize(r.filter, r.lastBox) : r.filter;
  return { ...r, filter, state: 'lost', streak: 0 };
}

function birth(d: Detection, id: number, tMs: number, o: StepOptions): TrackRecord {
  return {
    id,
    filter: filterInit(d.box, o.noise),
    labels: new Map([[d.label, 1]]),
    label: d.label,
    group: groupOf(d.label),
    score: d.score,
    state: o.minHits <= 1 ? 'confirmed' : 'tentative',
    firstSeenMs: tMs,
    lastSeenMs: tMs,
    hits: 1,
    streak: 1,
    lastBox: d.box,
    bornBox: d.box,
    travel: 0,
  };
}

/** Runs one association stage of `tracks` (indices into pool) against `dets`. */
function stage(
  pool: readonly TrackRecord[],
  tracks: readonly number[],
  dets: readonly Detection[],
  tMs: number,
  p: MatchParams,
): Association {
  const tc = tracks.map((i) => candidateOfRecord(pool[i]!, tMs));
  const dc = dets.map(candidateOfDetection);
  const a = associate(tc, dc, p, solveAssignment);
  return {
    matches: a.matches.map(([t, d]) => [tracks[t]!, d] as const),
    unmatchedTracks: a.unmatchedTracks.map((t) => tracks[t]!),
    unmatchedDetections: a.unmatchedDetections,
  };
}

function isDuplicate(d: Detection, matchedBoxes: readonly { box: Box; group: string | undefined }[], o: StepOptions): boolean {
  const g = groupOf(d.label);
  return matchedBoxes.some((m) => m.group === g && iou(m.box, d.box) >= o.duplicateIou);
}

function capTracks(records: TrackRecord[], max: number): TrackRecord[] {
  if (records.length <= max) return records;
  const rank = (r: TrackRecord): number => (r.state === 'confirmed' ? 2 : r.state === 'tentative' ? 1 : 0);
  const keep = [...records].sort((a, b) => rank(b) - rank(a) || b.lastSeenMs - a.lastSeenMs).slice(0, max);
  const ids = new Set(keep.map((r) => r.id));
  return records.filter((r) => ids.has(r.id));
}

/**
 * Which detections are copies handed on by motion gating rather than measured (`pipeline/track-coast.ts`):
 * all (true), none (false), or those of the set (a pass on a window of the frame, copies elsewhere).
 */
export type Coasted = boolean | ReadonlySet<Detection>;

export function trackerStep(
  records: readonly TrackRecord[],
  detections: readonly Detection[],
  tMs: number,
  prevMs: number | undefined,
  nextId: number,
  o: StepOptions,
  coasted: Coasted = false,
): StepResult {
  const isCopy = typeof coasted === 'boolean' ? (): boolean => coasted : (d: Detection): boolean => coasted.has(d);
  const dtS = prevMs === undefined ? 0 : Math.max(0, tMs - prevMs) / 1000;
  const pool = records.map((r) => predict(r, dtS, o.noise));
  const highOf = o.highScoreOf ?? ((): number => o.highScore);
  const high = detections.filter((d) => d.score >= highOf(d.label));
  const low = detections.filter((d) => d.score >= o.lowScore && d.score < highOf(d.label));
  const idx = (pred: (r: TrackRecord) => boolean): number[] => pool.flatMap((r, i) => (pred(r) ? [i] : []));

  // Stage 1: high-score detections against confirmed and lost tracks (those still in view).
  const s1 = stage(pool, idx((r) => r.state !== 'tentative' && findable(r)), high, tMs, o.match);
  // Stage 2: low-score detections keep alive the confirmed tracks the first stage missed (not lost ones).
  const s2Tracks = s1.unmatchedTracks.filter((i) => pool[i]!.state === 'confirmed');
  const s2 = stage(pool, s2Tracks, low, tMs, { ...o.match, minIou: o.lowMinIou, centreGate: 0 });

  const matched = new Map<number, Detection>();
  for (const [t, d] of s1.matches) matched.set(t, high[d]!);
  for (const [t, d] of s2.matches) matched.set(t, low[d]!);

  // Recovery: person tracks still unmatched, on where they were last seen (recover.ts).
  const s2Used = new Set(s2.matches.map(([, d]) => d));
  const left = [...s1.unmatchedDetections.map((d) => high[d]!), ...low.filter((_, d) => !s2Used.has(d))];
  const lostPersons = idx((r) => r.group === 'person' && r.state !== 'tentative').filter((i) => !matched.has(i));
  const recovered = recoverPersons(lostPersons.map((i) => pool[i]!.lastBox), left, o.lowMinIou);
  for (const [t, d] of recovered) matched.set(lostPersons[t]!, left[d]!);
  const taken = new Set(recovered.map(([, d]) => left[d]!));

  // Stage 1b (as ByteTrack's "unconfirmed"): remaining high-score detections against tentative tracks.
  const highLeft = s1.unmatchedDetections.map((d) => high[d]!).filter((d) => !taken.has(d));
  const s1b = stage(pool, idx((r) => r.state === 'tentative'), highLeft, tMs, o.match);
  for (const [t, d] of s1b.matches) matched.set(t, highLeft[d]!);

  const next: TrackRecord[] = [];
  pool.forEach((r, i) => {
    const d = matched.get(i);
    // A coasted copy is no evidence: a tentative track it matches waits for the detector, neither confirmed nor dropped.
    const out = d ? (isCopy(d) && r.state === 'tentative' ? r : hit(r, d, tMs, o)) : miss(r, tMs, o);
    if (out) next.push(out);
  });
  // Nor does it start a track: every detection it copies was matched, born or judged a duplicate at the detector's pass.
  if (coasted === true) return { records: capTracks(next, o.maxTracks), nextId };

  const matchedBoxes = next
    .filter((r) => r.lastSeenMs === tMs)
    .map((r) => ({ box: filterBox(r.filter), group: r.group }));
  let id = nextId;
  for (const di of s1b.unmatchedDetections) {
    const d = highLeft[di]!;
    if (isCopy(d) || isDuplicate(d, matchedBoxes, o)) continue;
    const born = birth(d, id++, tMs, o);
    next.push(born);
    matchedBoxes.push({ box: d.box, group: born.group });
  }
  return { records: capTracks(next, o.maxTracks), nextId: id };
}
