/**
 * Which persons deserve a pose, and where to look for a fallen person the tracker lost. Pure: the
 * analyzer holds the state and runs the models. Cost scales with candidates, not with people:
 * a person is a candidate only while the top of its box comes down from its own recent upright box
 * with the box getting shorter or turning wide, for as long as the upright box is in its history
 * (FALL.historyMs: the rule's window, a fall starting up to standingMemoryMs after the upright box
 * and reaching the ground within fallMaxMs).
 *
 * A site (a place to search for the lying body) opens when a candidate is low and flat, or when a
 * person whose fall had started (the rule's onset: top down FALL.fallStartDescent with a shorter
 * or wide box) is lost by the tracker within FALL.fallMaxMs of it: a body caught mid-fall is then
 * often lost for good, scored low by an upright-trained detector.
 */
import type { Box, Detection, Track } from '../../core/types.ts';
import { intersection } from '../../core/geometry.ts';
import {
  DEFAULT_TUNING,
  FALL,
  fallOnset,
  isDescending,
  isSure,
  measure,
  pushSample,
  referenceAt,
  type BoxSample,
  type FallMeasure,
  type FallTuning,
  type PoseHint,
} from '../../rules/person-down-evidence.ts';
import { isFlat } from '../../rules/person-down-ground.ts';
import type { Turn } from './rotate.ts';

/**
 * The top descent (reference heights) that makes a candidate, with a shorter or wide box: the pose
 * only matters to the rule from the camera's downDescent on (flat torso, bent hips), so a little
 * before it.
 */
export const CANDIDATE = { marginDescent: 0.05 } as const;
/** A site is watched this long past downSeconds after the last low box. */
export const SITE_EXTRA_MS = 1500;
/** Consecutive failed searches before a site is given up. */
export const SITE_MAX_MISSES = 2;

export interface PersonHistory {
  readonly samples: readonly BoxSample[];
  /** The latest frame whose box had come down from the upright box as a fall starts, and that box's reference height. */
  readonly onsetMs?: number;
  readonly refHeight?: number;
}

/** Where to open a site: the person's last box and upright height. */
export interface SiteOpening {
  readonly trackId: number;
  readonly box: Box;
  readonly refHeight: number;
}

/** Where a person was last seen low, after an upright box. */
export interface Site {
  readonly trackId: number;
  readonly box: Box;
  /** The quarter turn that found the body last time: tried first. */
  readonly turn?: Turn;
  /** The upright reference height (normalised), to size the search. */
  readonly refHeight: number;
  readonly untilMs: number;
  readonly misses: number;
  /** Best score found by the latest searches (0: nothing), oldest first, at most SITE_SCORES_KEPT. */
  readonly scores?: readonly number[];
}

/** What one search of a site found: the best lying person's score (0: none) and the turn that found it. */
export interface SearchResult {
  readonly score: number;
  readonly turn?: Turn;
}

/** Latest search scores kept per site (the k-of-n judgement of redetect.ts). */
export const SITE_SCORES_KEPT = 3;

export interface Candidate {
  readonly trackId: number;
  readonly box: Box;
  readonly measure: FallMeasure;
  readonly refHeight: number;
}

export function isFresh(track: Track, tMs: number): boolean {
  return track.label === 'person' && track.state === 'confirmed' && track.lastSeenMs === tMs;
}

/**
 * Histories updated with this frame's fresh person boxes, and the fall onset of each; persons no
 * longer tracked are dropped.
 */
export function updateHistories(
  histories: ReadonlyMap<number, PersonHistory>,
  tracks: readonly Track[],
  tMs: number,
  frameAspect = 1,
  detections?: readonly Detection[],
  k: FallTuning = DEFAULT_TUNING,
): Map<number, PersonHistory> {
  const next = new Map<number, PersonHistory>();
  for (const t of tracks) {
    if (t.label !== 'person') continue;
    const prev = histories.get(t.id);
    if (!isFresh(t, tMs)) {
      next.set(t.id, prev ?? { samples: [] });
      continue;
    }
    const samples = pushSample(prev?.samples ?? [], { tMs, box: t.box, ...(isSure(t.box, detections) ? {} : { weak: true }) });
    const ref = fallOnset(samples, t.box, tMs, frameAspect, k);
    const onset = ref ? { onsetMs: tMs, refHeight: ref.height } : undefined;
    const kept = prev?.onsetMs !== undefined && prev.refHeight !== undefined ? { onsetMs: prev.onsetMs, refHeight: prev.refHeight } : {};
    next.set(t.id, { samples, ...kept, ...onset });
  }
  return next;
}

/** Persons the tracker lost (reported, not matched) within FALL.fallMaxMs of their fall onset. */
export function lostAfterOnset(histories: ReadonlyMap<number, PersonHistory>, tracks: readonly Track[], tMs: number): SiteOpening[] {
  const out: SiteOpening[] = [];
  for (const t of tracks) {
    const h = histories.get(t.id);
    const last = h?.samples.at(-1);
    if (t.label !== 'person' || isFresh(t, tMs) || !last || h?.onsetMs === undefined || h.refHeight === undefined) continue;
    if (tMs - h.onsetMs <= FALL.fallMaxMs) out.push({ trackId: t.id, box: last.box, refHeight: h.refHeight });
  }
  return out;
}

/** Fresh persons departing from their upright box within fallMaxMs, most descended first. */
export function findCandidates(
  histories: ReadonlyMap<number, PersonHistory>,
  tracks: readonly Track[],
  tMs: number,
  frameAspect: number,
  k: FallTuning = DEFAULT_TUNING,
): Candidate[] {
  const out: Candidate[] = [];
  for (const t of tracks) {
    if (!isFresh(t, tMs)) continue;
    const ref = referenceAt(histories.get(t.id)?.samples ?? [], tMs, frameAspect, FALL.historyMs, k);
    if (!ref) continue;
    const m = measure(t.box, ref, frameAspect);
    if (isDescending(m, k.downDescent - CANDIDATE.marginDescent)) {
      out.push({ trackId: t.id, box: t.box, measure: m, refHeight: ref.height });
    }
  }
  return out.sort((a, b) => b.measure.descent - a.measure.descent);
}

/**
 * Low and flat (the box, or the torso when posed): on the ground if the rule's other tests agree,
 * so its place is searched if the tracker loses it. Not the span: a box caught mid-fall is short.
 */
export function opensSite(c: Candidate, pose: PoseHint | undefined, k: FallTuning = DEFAULT_TUNING): boolean {
  return c.measure.descent >= k.downDescent && isFlat(c.measure, pose);
}

/**
 * Sites after this frame: `opening` (candidates that opensSite, persons lost after a fall onset)
 * (re)open theirs; a site expires at untilMs or after SITE_MAX_MISSES searches in a row found
 * nothing. `results` holds what this frame's searches found, by person.
 */
export function updateSites(
  sites: ReadonlyMap<number, Site>,
  opening: readonly SiteOpening[],
  tMs: number,
  downMs: number,
  results: ReadonlyMap<number, SearchResult>,
): Map<number, Site> {
  const next = new Map<number, Site>();
  for (const [id, s] of sites) {
    const r = results.get(id);
    const misses = r ? (r.score > 0 ? 0 : s.misses + 1) : s.misses;
    const scores = r ? [...(s.scores ?? []), r.score].slice(-SITE_SCORES_KEPT) : s.scores;
    if (tMs <= s.untilMs && misses < SITE_MAX_MISSES) next.set(id, { ...s, misses, ...(scores ? { scores } : {}), ...(r?.turn ? { turn: r.turn } : {}) });
  }
  for (const c of opening) {
    const prev = next.get(c.trackId);
    const keep = { ...(prev?.turn ? { turn: prev.turn } : {}), ...(prev?.scores ? { scores: prev.scores } : {}) };
    next.set(c.trackId, { trackId: c.trackId, box: c.box, refHeight: c.refHeight, untilMs: tMs + downMs + SITE_EXTRA_MS, misses: 0, ...keep });
  }
  return next;
}

/**
 * Sites whose person the tracker does not see there this frame: where to search. A fresh box that
 * does not touch the site is not the fallen person (a body on the ground does not jump away): the
 * tracker handed the ID to something else after losing it, so the site is searched all the same.
 */
export function sitesToSearch(sites: ReadonlyMap<number, Site>, tracks: readonly Track[], tMs: number): Site[] {
  const fresh = new Map(tracks.filter((t) => isFresh(t, tMs)).map((t) => [t.id, t.box]));
  return [...sites.values()].filter((s) => {
    const box = fresh.get(s.trackId);
    return !box || intersection(box, s.box) === 0;
  });
}
