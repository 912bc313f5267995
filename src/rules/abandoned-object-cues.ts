/**
 * abandoned_object, is a static blob a thing put down? One evidence score from several weak cues,
 * each normalised to 0..1 (1: enough on its own) against the background around the blob rather than
 * in grey levels, so that a bag in front of a railing, on tiles or on dark paving, where every cue
 * alone is faint, still adds up:
 * - outline: the edges along the blob's outline beyond those the background had there, over the
 *   texture of the background around it (OUTLINE_FULL of that is enough alone: on an even floor, the
 *   clear outline of a bag). Light that brightens a place by a gain multiplies its edges by that gain,
 *   so the background's edges are counted at the blob's brightness ratio when it is brighter;
 * - stand-out: how much more the blob's inside differs from its surroundings now than before, in
 *   units of the surroundings' own variation (surround.ts; STAND_FULL is enough alone). Not counted
 *   for a place that only got brighter with its hue kept: light adds to a scene without bound (a
 *   lamp or a lit window over a dark track is many times brighter), and then makes the place stand
 *   out as much as a thing would. The hue of a dark place is known only to within the noise of its
 *   few grey levels, so the hue tolerance grows as the place darkens (HUE_NOISE);
 * - texture: the background's texture inside the outline replaced by another one (a railing's bars
 *   hidden by a bag, a plain bag on a textured floor): the gradient correlation lost, times the
 *   relative change of the gradient level (the background's, scaled by the brightness ratio as above);
 * - bag score: a bag-group detection on the blob, from the detector's floor (BAG_FLOOR: says
 *   nothing) to the bag threshold (BAG_FULL: counts alone), weak detections included.
 * A blob is a candidate when the sum reaches `abandonedMinEvidence` (default 1): one cue in full, or
 * two at half strength. The old rule asked every cue to pass its own threshold.
 */
import { BLOB_LIMITS, type BlobMeasures } from '../analyzers/background/blob-measure.ts';

/** Noise of a pixel's colour (RGB levels): its chromaticity is uncertain by about this over the sum of its channels. */
const HUE_NOISE = 6;
/** Floor of gradient levels (per 2 px) under which texture is noise. */
const GRADIENT_NOISE = 4;
export const OUTLINE_FULL = 0.8;
export const STAND_FULL = 1.5;
export const BAG_FLOOR = 0.1;
export const BAG_FULL = 0.25;

export interface ObjectCues {
  readonly outline: number;
  readonly stand: number;
  readonly texture: number;
  readonly bag: number;
}

const unit = (x: number): number => Math.min(1, Math.max(0, x));

export function cuesOf(m: BlobMeasures, bagScore: number): ObjectCues {
  const lit = Math.max(1, m.lumaRatio);
  const outline = (m.edgeCurrent - lit * m.edgeBackground) / (m.ringGradient + GRADIENT_NOISE) / OUTLINE_FULL;
  const hueTolerance = Math.max(BLOB_LIMITS.maxChromaShift, HUE_NOISE / (3 * Math.max(1, m.lumaBackground)));
  const lightOnly = m.lumaRatio > 1 && m.chromaShift <= hueTolerance;
  const stand = lightOnly ? 0 : (m.standNow - m.standBefore) / STAND_FULL;
  const gBg = lit * m.gradientBackground;
  const gMax = Math.max(m.gradientCurrent, gBg);
  const texture = (1 - Math.max(0, m.textureCorr)) * (Math.abs(m.gradientCurrent - gBg) / (gMax + GRADIENT_NOISE));
  const bag = (bagScore - BAG_FLOOR) / (BAG_FULL - BAG_FLOOR);
  return { outline: unit(outline), stand: unit(stand), texture: unit(texture), bag: unit(bag) };
}

export const evidenceSum = (c: ObjectCues): number => c.outline + c.stand + c.texture + c.bag;

