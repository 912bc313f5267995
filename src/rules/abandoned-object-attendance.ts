/**
 * abandoned_object, who is with an object: a person attends an object while their feet (the bottom
 * centre of their box) are within a radius proportional to the object's size of where the object
 * touches the ground (the bottom centre of its box), or while their box covers the object's centre
 * (bending over it). A person box that is the object itself (a bag the detector also calls a person)
 * attends nothing; while the object may be a person, such a box is that person, with it. Distances are measured in pixels' proportions (x scaled by the frame's aspect
 * ratio), and image distances along y are stretched by VERTICAL_STRETCH: a CCTV camera looks down
 * at 20-45 degrees, so a step along y on the image covers about twice the ground of a step along x.
 */
import type { Box, Detection, Track } from '../core/types.ts';
import { bottomCenter, boxCenter, iou } from '../core/geometry.ts';
import { groupOf } from '../track/labels.ts';
import type { Observation } from './rule.ts';

export const ATTENDANCE = {
  /** Attendance radius, in object diagonals, from the object's centre. */
  radiusDiagonals: 2,
  /** A person box overlapping the object by this IoU is the object itself. */
  selfIou: 0.5,
  /** Ground foreshortening along the image's y axis (see above). */
  verticalStretch: 2,
};

export interface Person {
  readonly box: Box;
  /** Person track id; undefined for a detection not (yet) tracked. */
  readonly trackId?: number;
}

/** Confirmed person tracks, and this frame's person detections that no such track explains. */
export function personsOf(obs: Observation): Person[] {
  const tracks: Track[] = obs.tracks.filter((t) => t.state === 'confirmed' && groupOf(t.label) === 'person');
  const dets: Detection[] = (obs.detections ?? []).filter((d) => groupOf(d.label) === 'person');
  const untracked = dets.filter((d) => !tracks.some((t) => iou(t.box, d.box) >= 0.5));
  return [...tracks.map((t) => ({ box: t.box, trackId: t.id })), ...untracked.map((d) => ({ box: d.box }))];
}

/** Width over height of the frame (1 when unknown, as in replayed observations). */
export function aspectOf(obs: Observation): number {
  return obs.frame ? obs.frame.width / obs.frame.height : 1;
}

/** Ground distance from the object to the person's feet, in object diagonals (see above). */
export function distanceInDiagonals(object: Box, person: Box, aspect: number): number {
  const o = bottomCenter(object);
  const f = bottomCenter(person);
  const diag = Math.hypot((object.x2 - object.x1) * aspect, object.y2 - object.y1);
  return Math.hypot((f.x - o.x) * aspect, (f.y - o.y) * ATTENDANCE.verticalStretch) / Math.max(diag, 1e-6);
}

function covers(person: Box, p: { x: number; y: number }): boolean {
  return p.x >= person.x1 && p.x <= person.x2 && p.y >= person.y1 && p.y <= person.y2;
}

/**
 * The persons attending `object` this frame. With `notAPerson` (the object is known to be a bag, or
 * too small for a person), a person box that is the object's own box is the object, not someone with it.
 */
export function attendants(object: Box, persons: readonly Person[], aspect: number, notAPerson: boolean): Person[] {
  const c = boxCenter(object);
  return persons.filter(
    (p) =>
      !(notAPerson && iou(p.box, object) >= ATTENDANCE.selfIou) &&
      (covers(p.box, c) || distanceInDiagonals(object, p.box, aspect) <= ATTENDANCE.radiusDiagonals),
  );
}
