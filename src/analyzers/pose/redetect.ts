/**
 * Finding a lying body again where the tracker lost a fallen person: the detector on the place
 * turned by a quarter, both ways if needed. A sighting is a person box that is wide in the frame
 * (tall in the turned crop) and overlaps the person's last box.
 */
import type { Detection } from '../../core/types.ts';
import { intersection } from '../../core/geometry.ts';
import type { Detector } from '../../detect/detector.ts';
import type { LyingSighting } from './extras.ts';
import type { Site } from './candidates.ts';
import { clippedSquare, turnedBoxToFrame, turnedCrop, type PixelRect, type Turn } from './rotate.ts';
import type { RgbFrame } from './crop.ts';

/** The detector letterboxes to its input (416 for NanoDet): no point in sending more pixels. */
export const SEARCH_MAX_SIDE_PX = 416;
/** A lying body spans about the person's standing height: search a square this many heights wide. */
export const SEARCH_SIDE_HEIGHTS = 1.6;
export const MIN_SIGHTING_SCORE = 0.45;

/** The square searched around a site, in frame pixels. */
export function searchRect(site: Site, frameWidth: number, frameHeight: number): PixelRect {
  const b = site.box;
  const boxSidePx = Math.max((b.x2 - b.x1) * frameWidth, (b.y2 - b.y1) * frameHeight);
  const side = Math.max(SEARCH_SIDE_HEIGHTS * site.refHeight * frameHeight, 1.5 * boxSidePx);
  return clippedSquare(((b.x1 + b.x2) / 2) * frameWidth, ((b.y1 + b.y2) / 2) * frameHeight, side, frameWidth, frameHeight);
}

/** The best lying person among detections made on the turned crop, mapped back to the frame. */
export function pickSighting(
  site: Site,
  detections: readonly Detection[],
  rect: PixelRect,
  turn: Turn,
  frameWidth: number,
  frameHeight: number,
): LyingSighting | undefined {
  let best: LyingSighting | undefined;
  for (const d of detections) {
    if (d.label !== 'person' || d.score < MIN_SIGHTING_SCORE) continue;
    const box = turnedBoxToFrame(d.box, rect, turn, frameWidth, frameHeight);
    const wide = (box.x2 - box.x1) * frameWidth > (box.y2 - box.y1) * frameHeight;
    if (!wide || intersection(box, site.box) === 0) continue;
    if (!best || d.score > best.score) best = { trackId: site.trackId, box, score: d.score };
  }
  return best;
}

export interface SiteFound {
  readonly sighting: LyingSighting;
  readonly turn: Turn;
}

/** One quarter turn, then the other if needed; the turn that worked last time goes first. */
export async function searchSite(detector: Detector, frame: RgbFrame & { readonly tMs: number }, site: Site): Promise<SiteFound | undefined> {
  const rect = searchRect(site, frame.width, frame.height);
  const turns: readonly Turn[] = site.turn === 'ccw' ? ['ccw', 'cw'] : ['cw', 'ccw'];
  for (const turn of turns) {
    const img = turnedCrop(frame, rect, turn, SEARCH_MAX_SIDE_PX);
    const dets = await detector.detect({ width: img.width, height: img.height, data: img.data, tMs: frame.tMs });
    const sighting = pickSighting(site, dets, rect, turn, frame.width, frame.height);
    if (sighting) return { sighting, turn };
  }
  return undefined;
}
