/** Which tracks a zone applies to, and where a track stands. */
import type { LabelGroup, Point, Track, Zone } from '../core/types.ts';
import { bottomCenter, boxArea, intersection } from '../core/geometry.ts';
import { groupOf } from '../track/labels.ts';

export const DEFAULT_ZONE_GROUPS: readonly LabelGroup[] = ['person', 'vehicle'];

/** A confirmed track whose label group the zone watches. Tentative and lost tracks never count as present. */
export function zoneWatches(zone: Zone, track: Track): boolean {
  if (track.state !== 'confirmed') return false;
  const group = groupOf(track.label);
  return group !== undefined && (zone.groups ?? DEFAULT_ZONE_GROUPS).includes(group);
}

/**
 * Groups a detector names for things that do not travel by themselves: a track of one of these that
 * moves along a flow zone is a road user the detector misnamed (a car seen from overhead called a
 * suitcase), unless a person carries it. Flames and smoke are not road users.
 */
const MISNAMED_GROUPS: readonly (LabelGroup | undefined)[] = ['bag', 'weapon', undefined];
/** A thing lying this much inside a person's box is carried by that person. */
const CARRIED_FRACTION = 0.5;

function carried(track: Track, others: readonly Track[]): boolean {
  const area = boxArea(track.box);
  return others.some(
    (o) => o.id !== track.id && groupOf(o.label) === 'person' && o.state !== 'tentative' && intersection(o.box, track.box) >= CARRIED_FRACTION * area,
  );
}

/**
 * A confirmed track a flow zone judges by its motion: one of the zone's groups, or a misnamed road
 * user (see MISNAMED_GROUPS) that no person carries. A misnamed thing that does not move is clutter,
 * and the motion tests of the rule never pass on it.
 */
export function flowWatches(zone: Zone, track: Track, all: readonly Track[]): boolean {
  if (zoneWatches(zone, track)) return true;
  return track.state === 'confirmed' && MISNAMED_GROUPS.includes(groupOf(track.label)) && !carried(track, all);
}

/** Keeps anchors off the frame border: a box cut by the frame edge has y2 = 1 exactly, and a zone drawn to the edge (polygon y = 1) would otherwise miss it. */
const EDGE = 1e-6;

/** Where an object touches the ground: the bottom-centre of its box, just inside the frame. */
export function anchorOf(track: Track): Point {
  const p = bottomCenter(track.box);
  const c = (v: number): number => Math.min(1 - EDGE, Math.max(EDGE, v));
  return { x: c(p.x), y: c(p.y) };
}

/** Key of per (track, zone) state. Zone ids are free text, so the numeric id goes first. */
export function trackZoneKey(trackId: number, zoneId: string): string {
  return `${trackId}:${zoneId}`;
}
