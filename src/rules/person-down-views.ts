/**
 * What the person_down rule sees of each person at one frame: the tracker's own box when it was
 * matched this frame, else the pose analyzer's sighting of a lying body, else a stand-in.
 *
 * Stand-in: during a fall the tracker often splits the person in two, the old ID following a
 * fragment (an arm, the legs in the air) or getting lost while the whole lying body starts a new
 * track; that new track has no upright history, so it can never fall itself. A person track born
 * after the fall started, whose box touches where the fallen person was last seen, is taken for
 * the body (the largest overlap wins).
 */
import type { Box, Detection, Track, Zone } from '../core/types.ts';
import { intersection, pointInPolygon } from '../core/geometry.ts';
import type { LyingSighting, PoseSample } from '../analyzers/pose/extras.ts';
import { anchorOf } from './zone-tracks.ts';
import { isSure } from './person-down-evidence.ts';

/** A track born up to this long before a fall started may be the body (the tracker's confirmation delay). */
export const STAND_IN_BORN_BEFORE_MS = 400;

export interface View {
  /** The tracker's box when matched to a detection this frame. */
  readonly fresh?: Box;
  /** The fresh box was one of the frame's detections above threshold (see isSure). */
  readonly sure?: boolean;
  /** The analyzer's sighting of the lying body. */
  readonly sighted?: Box;
  /** The box of a track born after the fall that lies where the body was last seen. */
  readonly standIn?: Box;
  readonly pose?: PoseSample;
  readonly score: number;
}

/** Where a falling or fallen person was last seen, and since when they are falling. */
export interface FallSite {
  readonly onsetMs: number;
  readonly box: Box;
}

export function isFreshPerson(track: Track, tMs: number): boolean {
  return track.label === 'person' && track.state === 'confirmed' && track.lastSeenMs === tMs;
}

function watched(zones: readonly Zone[], track: Track): boolean {
  const watch = zones.filter((z) => z.kind === 'watch');
  return watch.length === 0 || watch.some((z) => pointInPolygon(anchorOf(track), z.polygon));
}

/** The track born after the fall whose fresh box overlaps the site most, if any. */
export function standInFor(id: number, site: FallSite, tracks: readonly Track[], tMs: number): Track | undefined {
  let best: Track | undefined;
  let bestOverlap = 0;
  for (const t of tracks) {
    if (t.id === id || !isFreshPerson(t, tMs) || t.firstSeenMs < site.onsetMs - STAND_IN_BORN_BEFORE_MS) continue;
    const overlap = intersection(t.box, site.box);
    if (overlap > bestOverlap) {
      best = t;
      bestOverlap = overlap;
    }
  }
  return best;
}

/**
 * One view per watched person track, plus views for persons the rule follows (`sites`: falling or
 * down) that the tracker no longer reports but that a sighting or a stand-in still shows.
 */
export function buildViews(
  tracks: readonly Track[],
  tMs: number,
  zones: readonly Zone[],
  sites: ReadonlyMap<number, FallSite>,
  poses: ReadonlyMap<number, PoseSample> | undefined,
  sightings: ReadonlyMap<number, LyingSighting> | undefined,
  detections?: readonly Detection[],
): Map<number, View> {
  const views = new Map<number, View>();
  const add = (id: number, track: Track | undefined): void => {
    const fresh = track !== undefined && isFreshPerson(track, tMs);
    const sighting = sightings?.get(id);
    const site = sites.get(id);
    const standIn = site && !sighting ? standInFor(id, site, tracks, tMs) : undefined;
    if (!track && !sighting && !standIn) return;
    const pose = poses?.get(id);
    views.set(id, {
      ...(fresh ? { fresh: track.box, sure: isSure(track.box, detections) } : {}),
      ...(sighting ? { sighted: sighting.box } : {}),
      ...(standIn ? { standIn: standIn.box } : {}),
      ...(pose ? { pose } : {}),
      score: fresh ? track.score : (sighting?.score ?? standIn?.score ?? track?.score ?? 0),
    });
  };
  for (const track of tracks) {
    if (track.label !== 'person' || track.state === 'tentative' || !watched(zones, track)) continue;
    add(track.id, track);
  }
  for (const id of sites.keys()) if (!views.has(id) && !tracks.some((t) => t.id === id)) add(id, undefined);
  return views;
}
