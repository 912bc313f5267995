/**
 * intrusion, did the track enter? A forbidden zone is about someone or something coming in. A thing
 * the detector finds inside the zone from the moment the camera starts, and that never moves, is
 * scenery: a statue, a poster, a parked car cut by the frame edge, scored near the threshold as a
 * person or a vehicle. Such a track has not entered anything.
 *
 * Per track, where the rule first saw it (its box then) and whether it was scenery:
 * - a track first seen while the camera was starting (within STARTUP_MS of the rule's first frame)
 *   is scenery, and so is a track first seen later at a place where scenery stands (a static thing
 *   whose detection flickered around the threshold, its track dropped and started again). Every
 *   person or vehicle detection of the startup, however weak (under its threshold, so no track yet),
 *   marks a scenery place: a thing scored just under the threshold when the camera started and just
 *   over it later was there all along;
 * - a track that moved (its box overlaps its first box by less than MOVED_IOU: a step of half a
 *   body width, a vehicle driving in from the edge) is never scenery again: it entered.
 * Any other track appeared after the start somewhere new: it came in (from outside the zone, from
 * outside the view or from behind something) and counts at once.
 *
 * Scenery places are the boxes of unmoved scenery tracks, refreshed while seen and forgotten
 * SCENERY_KEEP_MS after the last sight, at most MAX_SCENERY of them. The cost: someone already
 * standing in the zone when the camera starts is not signalled until they move.
 */
import type { Box, Detection, Track } from '../core/types.ts';
import { iou } from '../core/geometry.ts';
import { groupOf } from '../track/labels.ts';

/** Tracks first seen within this time of the camera's first frame were there before it started. */
export const STARTUP_MS = 3000;
/** A track moved once its box overlaps its first box by less than this (about half a box width off). */
export const MOVED_IOU = 0.3;
/** A new track overlapping a scenery place by this much is that scenery seen again. */
export const SCENERY_IOU = 0.5;
/** A scenery place not seen for this long is forgotten. */
export const SCENERY_KEEP_MS = 600_000;
export const MAX_SCENERY = 64;

export interface Origin {
  /** The box when the rule first saw the track. */
  readonly box: Box;
  readonly firstMs: number;
  /** First seen at the start, or at a scenery place, and not moved since. */
  readonly scenery: boolean;
  /** Overlap of the latest box with the first one (1 at first sight). */
  readonly overlap: number;
}

export interface SceneryPlace {
  readonly box: Box;
  readonly lastMs: number;
}

export interface EntryState {
  /** Time of the rule's first frame. */
  readonly startMs: number | undefined;
  readonly origins: ReadonlyMap<number, Origin>;
  readonly scenery: readonly SceneryPlace[];
}

export const EMPTY_ENTRY: EntryState = { startMs: undefined, origins: new Map(), scenery: [] };

function originOf(track: Track, prev: Origin | undefined, tMs: number, atStart: boolean, places: readonly SceneryPlace[]): Origin {
  if (!prev) {
    const scenery = atStart || places.some((p) => iou(p.box, track.box) >= SCENERY_IOU);
    return { box: track.box, firstMs: tMs, scenery, overlap: 1 };
  }
  const overlap = iou(prev.box, track.box);
  return { ...prev, overlap, scenery: prev.scenery && overlap >= MOVED_IOU };
}

/** Follows the confirmed tracks' origins (tracks that are gone are dropped); `detections` (weak ones included) mark scenery during the startup. */
export function updateEntries(state: EntryState, tracks: readonly Track[], tMs: number, detections: readonly Detection[] = []): EntryState {
  const startMs = state.startMs ?? tMs;
  const atStart = tMs - startMs <= STARTUP_MS;
  const live = new Set(tracks.map((t) => t.id));
  const places = state.scenery.filter((p) => tMs - p.lastMs < SCENERY_KEEP_MS);
  const origins = new Map([...state.origins].filter(([id]) => live.has(id)));
  const seen: SceneryPlace[] = atStart
    ? detections.filter((d) => ['person', 'vehicle'].includes(groupOf(d.label) ?? '')).map((d) => ({ box: d.box, lastMs: tMs }))
    : [];
  for (const t of tracks) {
    if (t.state !== 'confirmed') continue;
    const o = originOf(t, origins.get(t.id), tMs, atStart, places);
    origins.set(t.id, o);
    if (o.scenery) seen.push({ box: t.box, lastMs: tMs });
  }
  const kept = places.filter((p) => !seen.some((s) => iou(s.box, p.box) >= SCENERY_IOU));
  return { startMs, origins, scenery: [...kept, ...seen].slice(-MAX_SCENERY) };
}

/** True when the track came in (see above); unknown tracks have not. */
export function hasEntered(state: EntryState, trackId: number): boolean {
  const o = state.origins.get(trackId);
  return o !== undefined && !o.scenery;
}
