/**
 * Merges person detections from overlapping tiles and the full frame. Greedy by score: a box is
 * dropped when it overlaps a kept one (IoU above IOU_MAX), or when most of it lies inside a kept
 * box that shares one of its dimensions (the part of a person that a tile edge cut off: same
 * height when cut on a side, same width when cut at the top or bottom), or when it is a part of a
 * kept box (isPartOf): the detector, given a tile where a person is large, also boxes their head,
 * torso or legs. Another person is not found there: seen from above head height, a person farther
 * away has their head higher in the picture than the nearer one's, so their box sticks out above
 * the nearer box even when the rest of them is hidden; a nearer person is larger and reaches lower.
 */
import type { Box } from '../../core/types.ts';
import { boxArea, intersection, iou } from '../../core/geometry.ts';

export interface Scored {
  readonly box: Box;
  readonly score: number;
}

export const IOU_MAX = 0.5;
/** Share of the smaller box inside the larger one above which they are one person... */
export const CONTAINED_MIN = 0.7;
/** ...when their widths or their heights agree within this ratio. */
export const SAME_SIDE_RATIO = 0.7;
/** Share of the smaller box inside the larger one above which it is a part of that person, whatever its sides... */
export const PART_MIN = 0.85;
/** ...or above which it is, when its top lies LOWER_PART_TOP of the larger box's height or more below that box's top (legs, a torso). */
export const LOWER_PART_MIN = 0.6;
export const LOWER_PART_TOP = 0.1;

function ratio(a: number, b: number): number {
  return a > b ? b / a : a / b;
}

/** `part` is a head, torso or legs box of the person boxed by the larger `whole` (see the file comment). */
export function isPartOf(part: Box, whole: Box): boolean {
  const area = boxArea(part);
  if (area <= 0 || area >= boxArea(whole)) return false;
  const inside = intersection(part, whole) / area;
  const lower = part.y1 - whole.y1 >= LOWER_PART_TOP * (whole.y2 - whole.y1);
  return inside >= PART_MIN || (lower && inside >= LOWER_PART_MIN);
}

export function samePerson(a: Box, b: Box): boolean {
  if (iou(a, b) > IOU_MAX) return true;
  if (isPartOf(a, b) || isPartOf(b, a)) return true;
  const small = Math.min(boxArea(a), boxArea(b));
  if (small <= 0 || intersection(a, b) / small <= CONTAINED_MIN) return false;
  return ratio(a.x2 - a.x1, b.x2 - b.x1) >= SAME_SIDE_RATIO || ratio(a.y2 - a.y1, b.y2 - b.y1) >= SAME_SIDE_RATIO;
}

/** The kept boxes, highest score first. */
export function mergePersons<T extends Scored>(items: readonly T[]): T[] {
  const kept: T[] = [];
  for (const item of [...items].sort((p, q) => q.score - p.score)) {
    if (!kept.some((k) => samePerson(k.box, item.box))) kept.push(item);
  }
  return kept;
}
