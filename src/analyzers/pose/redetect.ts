/**
 * Finding a lying body again where the tracker lost a fallen person: the detector on the place
 * turned by a quarter, both ways if needed. A find is a person box that stands upright in the
 * turned crop (w/h at most FALL.uprightMaxAspect there, the test of an upright reference: lying in
 * the frame) and overlaps the person's last box. One look can be unsure (the body half
 * hidden, blurred, cut by the frame edge): a find is a sighting when it is sure (MIN_SIGHTING_SCORE)
 * or when the place gave a find at least SEARCH_FLOOR_SCORE in k of the last n searches (k-of-n:
 * clutter rarely stands up as a person in a turned crop look after look, a body does).
 */
import type { Detection } from '../../core/types.ts';
import { intersection } from '../../core/geometry.ts';
import type { Detector } from '../../detect/detector.ts';
import type { LyingSighting } from './extras.ts';
import { FALL } from '../../rules/person-down-evidence.ts';
import type { Site } from './candidates.ts';
import { clippedSquare, turnedBoxToFrame, turnedCrop, type PixelRect, type Turn } from './rotate.ts';
import type { RgbFrame } from './crop.ts';

/** The detector letterboxes to its input (416 for NanoDet): no point in sending more pixels. */
export const SEARCH_MAX_SIDE_PX = 416;
/** A lying body spans about the person's standing height: search a square this many heights wide. */
export const SEARCH_SIDE_HEIGHTS = 1.6;
/** A find this sure is a sighting on its own. */
export const MIN_SIGHTING_SCORE = 0.45;
/**
 * Finds from this score count towards the k-of-n judgement. Above the detector's person threshold
 * (0.3): turned by a quarter, a lying body stands in the pose an upright-trained detector knows
 * best, so a real body rarely scores low there, while clutter (a bench, a van's side) turned on end
 * does reach 0.3-0.4.
 */
export const SEARCH_FLOOR_SCORE = 0.4;
/** k of the last n searches (this one included) must have found the body. */
export const SIGHTING_K = 2;
export const SIGHTING_N = 3;

/** Whether this search's find is a sighting, given the scores of the previous searches of the site (oldest first). */
export function isSighting(score: number, previous: readonly number[]): boolean {
  if (score >= MIN_SIGHTING_SCORE) return true;
  if (score < SEARCH_FLOOR_SCORE) return false;
  const found = previous.slice(-(SIGHTING_N - 1)).filter((s) => s >= SEARCH_FLOOR_SCORE).length + 1;
  return found >= SIGHTING_K;
}

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
    if (d.label !== 'person' || d.score < SEARCH_FLOOR_SCORE) continue;
    const box = turnedBoxToFrame(d.box, rect, turn, frameWidth, frameHeight);
    // Standing upright in the turned crop, by the test of an upright reference: lying in the frame.
    const lying = (box.y2 - box.y1) * frameHeight * (1 / FALL.uprightMaxAspect) <= (box.x2 - box.x1) * frameWidth;
    if (!lying || intersection(box, site.box) === 0) continue;
    if (!best || d.score > best.score) best = { trackId: site.trackId, box, score: d.score };
  }
  return best;
}

export interface SiteFound {
  readonly sighting: LyingSighting;
  readonly turn: Turn;
}

/** One quarter turn, then the other unless the first was sure; the turn that worked last time goes first. The best find wins. */
export async function searchSite(detector: Detector, frame: RgbFrame & { readonly tMs: number }, site: Site): Promise<SiteFound | undefined> {
  const rect = searchRect(site, frame.width, frame.height);
  const turns: readonly Turn[] = site.turn === 'ccw' ? ['ccw', 'cw'] : ['cw', 'ccw'];
  let best: SiteFound | undefined;
  for (const turn of turns) {
    const img = turnedCrop(frame, rect, turn, SEARCH_MAX_SIDE_PX);
    const dets = await detector.detect({ width: img.width, height: img.height, data: img.data, tMs: frame.tMs });
    const sighting = pickSighting(site, dets, rect, turn, frame.width, frame.height);
    if (sighting && (!best || sighting.score > best.sighting.score)) best = { sighting, turn };
    if (best && best.sighting.score >= MIN_SIGHTING_SCORE) break;
  }
  return best;
}
