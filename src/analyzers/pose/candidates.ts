/**
 * Which persons deserve a pose, and where to look for a fallen person the tracker lost. Pure: the
 * analyzer holds the state and runs the models. Cost scales with candidates, not with people:
 * a person is a candidate only while the top of its box comes down from its own recent upright box
 * with the box getting shorter or turning wide, for at most FALL.fallMaxMs after the upright box.
 */
import type { Box, Track } from '../../core/types.ts';
import { intersection } from '../../core/geometry.ts';
import {
  FALL,
  isDescending,
  isFlat,
  measure,
  pushSample,
  referenceAt,
  type BoxSample,
  type FallMeasure,
  type PoseHint,
} from '../../rules/person-down-evidence.ts';
import type { Turn } from './rotate.ts';

/**
 * The top descent (reference heights) that makes a candidate, with a shorter or wide box: the pose
 * only matters to the rule from FALL.downDescent on (flat torso, bent hips), so a little before it.
 */
export const CANDIDATE = { minDescent: FALL.downDescent - 0.05 } as const;
/** A site is watched this long past downSeconds after the last low box. */
export const SITE_EXTRA_MS = 1500;
/** Consecutive failed searches before a site is given up. */
export const SITE_MAX_MISSES = 2;

export interface PersonHistory {
  readonly samples: readonly BoxSample[];
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
}

export interface Candidate {
  readonly trackId: number;
  readonly box: Box;
  readonly measure: FallMeasure;
  readonly refHeight: number;
}

export function isFresh(track: Track, tMs: number): boolean {
  return track.label === 'person' && track.state === 'confirmed' && track.lastSeenMs === tMs;
}

/** Histories updated with this frame's fresh person boxes; persons no longer tracked are dropped. */
export function updateHistories(
  histories: ReadonlyMap<number, PersonHistory>,
  tracks: readonly Track[],
  tMs: number,
): Map<number, PersonHistory> {
  const next = new Map<number, PersonHistory>();
  for (const t of tracks) {
    if (t.label !== 'person') continue;
    const prev = histories.get(t.id)?.samples ?? [];
    next.set(t.id, { samples: isFresh(t, tMs) ? pushSample(prev, { tMs, box: t.box }) : prev });
  }
  return next;
}

/** Fresh persons departing from their upright box within fallMaxMs, most descended first. */
export function findCandidates(
  histories: ReadonlyMap<number, PersonHistory>,
  tracks: readonly Track[],
  tMs: number,
  frameAspect: number,
): Candidate[] {
  const out: Candidate[] = [];
  for (const t of tracks) {
    if (!isFresh(t, tMs)) continue;
    const ref = referenceAt(histories.get(t.id)?.samples ?? [], tMs, frameAspect, FALL.fallMaxMs);
    if (!ref) continue;
    const m = measure(t.box, ref, frameAspect);
    if (isDescending(m, CANDIDATE.minDescent)) {
      out.push({ trackId: t.id, box: t.box, measure: m, refHeight: ref.height });
    }
  }
  return out.sort((a, b) => b.measure.descent - a.measure.descent);
}

/**
 * Low and flat (the box, or the torso when posed): on the ground if the rule's other tests agree,
 * so its place is searched if the tracker loses it. Not the span: a box caught mid-fall is short.
 */
export function opensSite(c: Candidate, pose: PoseHint | undefined): boolean {
  return c.measure.descent >= FALL.downDescent && isFlat(c.measure, pose);
}

/**
 * Sites after this frame: `opening` candidates (see opensSite) (re)open theirs; a site expires at
 * untilMs or after SITE_MAX_MISSES failed searches. `found` holds the ids whose search succeeded
 * this frame, with the turn that did, `searched` those searched.
 */
export function updateSites(
  sites: ReadonlyMap<number, Site>,
  opening: readonly Candidate[],
  tMs: number,
  downMs: number,
  searched: ReadonlySet<number>,
  found: ReadonlyMap<number, Turn>,
): Map<number, Site> {
  const next = new Map<number, Site>();
  for (const [id, s] of sites) {
    const turn = found.get(id);
    const misses = turn ? 0 : searched.has(id) ? s.misses + 1 : s.misses;
    if (tMs <= s.untilMs && misses < SITE_MAX_MISSES) next.set(id, { ...s, misses, ...(turn ? { turn } : {}) });
  }
  for (const c of opening) {
    const turn = next.get(c.trackId)?.turn;
    next.set(c.trackId, { trackId: c.trackId, box: c.box, refHeight: c.refHeight, untilMs: tMs + downMs + SITE_EXTRA_MS, misses: 0, ...(turn ? { turn } : {}) });
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
