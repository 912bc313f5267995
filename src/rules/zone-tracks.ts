/** Which tracks a zone applies to, and where a track stands. */
import type { LabelGroup, Point, Track, Zone } from '../core/types.ts';
import { bottomCenter } from '../core/geometry.ts';
import { groupOf } from '../track/labels.ts';

export const DEFAULT_ZONE_GROUPS: readonly LabelGroup[] = ['person', 'vehicle'];

/** A confirmed track whose label group the zone watches. Tentative and lost tracks never count as present. */
export function zoneWatches(zone: Zone, track: Track): boolean {
  if (track.state !== 'confirmed') return false;
  const group = groupOf(track.label);
  return group !== undefined && (zone.groups ?? DEFAULT_ZONE_GROUPS).includes(group);
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
