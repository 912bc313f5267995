/**
 * De-duplication of alerts across tracks.
 *
 * A tracker sometimes gives the same object a new ID (occlusion longer than maxLostMs, a detection
 * gap, a box that jumps), and the person and bicycle of a cyclist are two tracks in two label
 * groups. Without care each ID would raise its own alert for the same object. So every alert leaves
 * a mark (zone, last anchor, box, velocity, time), refreshed while the alerted track is still seen
 * in the zone. A new candidate alert in the same zone is suppressed when a mark of another track is
 * recent (within windowMs of its last refresh) and the candidate's anchor lies inside the mark's box
 * moved by its velocity and grown by half its size on each side. The price: two objects entering
 * together one right behind the other give one alert, which the operator is already looking at.
 */
import type { Box, Point, Track } from '../core/types.ts';
import { anchorOf } from './zone-tracks.ts';

export interface AlertMark {
  readonly zoneId: string;
  readonly trackId: number;
  readonly box: Box;
  /** Box centre velocity, normalised units per second. */
  readonly velocity: Point;
  readonly lastMs: number;
}

/** Half the box size on each side, and at least this much (normalised units) for tiny boxes. */
const GROW_FRACTION = 0.5;
const MIN_GROW = 0.02;
/** Extrapolate a mark by its velocity for at most this long (a stale velocity should not fly far). */
const MAX_EXTRAPOLATION_MS = 2000;

export function markOf(zoneId: string, track: Track, tMs: number): AlertMark {
  return { zoneId, trackId: track.id, box: track.box, velocity: track.velocity, lastMs: tMs };
}

/** Adds or refreshes the mark of (zone, track). */
export function putMark(marks: readonly AlertMark[], mark: AlertMark): AlertMark[] {
  return [...marks.filter((m) => m.zoneId !== mark.zoneId || m.trackId !== mark.trackId), mark];
}

export function pruneMarks(marks: readonly AlertMark[], tMs: number, windowMs: number): AlertMark[] {
  return marks.filter((m) => tMs - m.lastMs < windowMs);
}

function expectedZone(m: AlertMark, tMs: number): Box {
  const dtS = Math.min(MAX_EXTRAPOLATION_MS, Math.max(0, tMs - m.lastMs)) / 1000;
  const dx = m.velocity.x * dtS;
  const dy = m.velocity.y * dtS;
  const gx = Math.max(MIN_GROW, (m.box.x2 - m.box.x1) * GROW_FRACTION);
  const gy = Math.max(MIN_GROW, (m.box.y2 - m.box.y1) * GROW_FRACTION);
  return { x1: m.box.x1 + dx - gx, y1: m.box.y1 + dy - gy, x2: m.box.x2 + dx + gx, y2: m.box.y2 + dy + gy };
}

/** The mark that makes an alert of `track` in `zoneId` at `tMs` a duplicate, if any. */
export function duplicateOf(
  marks: readonly AlertMark[],
  zoneId: string,
  track: Track,
  tMs: number,
  windowMs: number,
): AlertMark | undefined {
  const p = anchorOf(track);
  return marks.find((m) => {
    if (m.zoneId !== zoneId || m.trackId === track.id || tMs - m.lastMs >= windowMs) return false;
    const z = expectedZone(m, tMs);
    return p.x >= z.x1 && p.x <= z.x2 && p.y >= z.y1 && p.y <= z.y2;
  });
}
