/** Greedy non-maximum suppression over scored boxes, within groups given by a key. */
import type { Box } from '../core/types.ts';
import { iou } from '../core/geometry.ts';

export interface Scored {
  readonly box: Box;
  readonly score: number;
}

/**
 * Keeps, within each key, the highest-scoring boxes whose IoU with every kept box is at most
 * `iouThreshold`. Returns the kept items sorted by descending score.
 */
export function nms<T extends Scored>(items: readonly T[], iouThreshold: number, keyOf: (item: T) => string): T[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const keptByKey = new Map<string, T[]>();
  const kept: T[] = [];
  for (const item of sorted) {
    const key = keyOf(item);
    const same = keptByKey.get(key) ?? [];
    if (same.some((k) => iou(k.box, item.box) > iouThreshold)) continue;
    same.push(item);
    keptByKey.set(key, same);
    kept.push(item);
  }
  return kept;
}
