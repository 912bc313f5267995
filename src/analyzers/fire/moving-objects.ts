/**
 * Where a tracked person or vehicle moved since the previous frame: brightness changes there are
 * explained by the object (a passer-by over a yellow kerb, a car's headlights), not by a flame.
 * A still object (someone standing by a fire, a parked burning car) is not masked.
 */
import type { Box, Track } from '../../core/types.ts';
import { groupOf } from '../../track/labels.ts';

export interface MovingOptions {
  /** Centre displacement since the previous frame, as a share of the box's larger side, that counts as moving. */
  readonly minMoveShare: number;
  /** Margin added around the swept box, as a share of its size on each side. */
  readonly growShare: number;
}

export const DEFAULT_MOVING: MovingOptions = { minMoveShare: 0.08, growShare: 0.15 };

/** Swept boxes (previous box united with the current one, grown) of the tracks that moved. */
export function sweptBoxes(tracks: readonly Track[], previous: ReadonlyMap<number, Box>, o: MovingOptions = DEFAULT_MOVING): Box[] {
  const out: Box[] = [];
  for (const t of tracks) {
    const group = groupOf(t.label);
    if (t.state !== 'confirmed' || (group !== 'person' && group !== 'vehicle')) continue;
    const p = previous.get(t.id);
    if (!p) continue;
    const b = t.box;
    const size = Math.max(b.x2 - b.x1, b.y2 - b.y1, 1e-6);
    const move = Math.hypot((b.x1 + b.x2 - p.x1 - p.x2) / 2, (b.y1 + b.y2 - p.y1 - p.y2) / 2);
    if (move < o.minMoveShare * size) continue;
    const u = { x1: Math.min(b.x1, p.x1), y1: Math.min(b.y1, p.y1), x2: Math.max(b.x2, p.x2), y2: Math.max(b.y2, p.y2) };
    const gx = (u.x2 - u.x1) * o.growShare;
    const gy = (u.y2 - u.y1) * o.growShare;
    out.push({ x1: u.x1 - gx, y1: u.y1 - gy, x2: u.x2 + gx, y2: u.y2 + gy });
  }
  return out;
}

/** Zeroes `values` (a width x height map) inside the boxes (normalised coordinates). */
export function clearInside(values: Uint8Array, width: number, height: number, boxes: readonly Box[]): void {
  for (const b of boxes) {
    const x1 = Math.max(0, Math.floor(b.x1 * width));
    const x2 = Math.min(width - 1, Math.ceil(b.x2 * width));
    const y1 = Math.max(0, Math.floor(b.y1 * height));
    const y2 = Math.min(height - 1, Math.ceil(b.y2 * height));
    for (let y = y1; y <= y2; y++) values.fill(0, y * width + x1, y * width + x2 + 1);
  }
}

/** The confirmed tracks' boxes by id, for the next frame's comparison. */
export function boxesById(tracks: readonly Track[]): Map<number, Box> {
  return new Map(tracks.filter((t) => t.state === 'confirmed').map((t) => [t.id, t.box]));
}

/** Boxes of the persons and vehicles tracked now (confirmed or just lost), grown by growShare. */
export function objectBoxes(tracks: readonly Track[], o: MovingOptions = DEFAULT_MOVING): Box[] {
  return tracks.flatMap((t) => {
    const group = groupOf(t.label);
    if (t.state === 'tentative' || (group !== 'person' && group !== 'vehicle')) return [];
    const gx = (t.box.x2 - t.box.x1) * o.growShare;
    const gy = (t.box.y2 - t.box.y1) * o.growShare;
    return [{ x1: t.box.x1 - gx, y1: t.box.y1 - gy, x2: t.box.x2 + gx, y2: t.box.y2 + gy }];
  });
}
