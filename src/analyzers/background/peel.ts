/**
 * An object left beside a change of light (the reflection of a train on a glossy floor, the shadow
 * of a pillar moving with the sun, the place a person stood and left lit differently) merges with it
 * into one static blob, too large and too ragged to be anything carried. The pixels of such a blob
 * that only changed brightness (hue kept, brightness ratio within the bounds of a light change) are
 * peeled off, and what remains is split into its own blobs: the object comes out on its own. A blob
 * that runs out of the view (a stopped train, a lit area) is one thing larger than the view and is
 * not peeled (static-scene.ts).
 */
import { connectedComponents, type Component, type Labelling } from '../image/components.ts';
import { BLOB_LIMITS } from './blob-measure.ts';
import type { SmallFrame } from './small-frame.ts';

/** Blobs at least this large (fraction of the frame) are peeled: a carried thing is smaller unless very near. */
export const PEEL_MIN_FRACTION = 0.02;
/** Peeling counts when it removes at least this share of the blob's pixels. */
const PEEL_MIN_SHARE = 0.2;

function lightOnly(frame: Uint8Array, slow: Float32Array, i: number): boolean {
  const f0 = frame[i]!;
  const f1 = frame[i + 1]!;
  const f2 = frame[i + 2]!;
  const b0 = slow[i]!;
  const b1 = slow[i + 1]!;
  const b2 = slow[i + 2]!;
  const sf = f0 + f1 + f2 + 1;
  const sb = b0 + b1 + b2 + 1;
  const chroma = Math.hypot(f0 / sf - b0 / sb, f1 / sf - b1 / sb);
  const ratio = sf / sb;
  return chroma <= BLOB_LIMITS.maxChromaShift && ratio >= BLOB_LIMITS.minLumaRatio && ratio <= BLOB_LIMITS.maxLumaRatio;
}

/**
 * The parts of component `c` left once its light-only pixels are peeled off, as a labelling of the
 * whole frame; undefined when too little is peeled to matter.
 */
export function peelLight(labels: Int32Array, c: Component, frame: SmallFrame, slow: Float32Array): Labelling | undefined {
  const mask = new Uint8Array(labels.length);
  let kept = 0;
  for (let y = c.y1; y <= c.y2; y++) {
    for (let p = y * frame.width + c.x1; p <= y * frame.width + c.x2; p++) {
      if (labels[p] !== c.label || lightOnly(frame.data, slow, p * 3)) continue;
      mask[p] = 1;
      kept++;
    }
  }
  if (c.areaPx - kept < PEEL_MIN_SHARE * c.areaPx) return undefined;
  return connectedComponents(mask, frame.width, frame.height);
}
