/**
 * Frame analyzer `static-scene`: keeps a dual background model of the camera on a small frame and
 * reports, each frame, the regions that arrived and stopped (static blobs, with what kind of change
 * each one is) and the mask of everything that differs from the long-term background. Ghosts and
 * light changes that stay, and static changes too large to be a left object, are taken into the
 * background (healed) so they do not come back. A large object blob is first stripped of its pixels
 * that only changed brightness (peel.ts): an object beside a reflection or a shadow comes out alone.
 */
import type { Box } from '../../core/types.ts';
import { extraKey } from '../../rules/extras.ts';
import type { AnalyzerFactory, FrameAnalyzer } from '../analyzer.ts';
import { classifyBlob, luminance, measureBlob, type BlobKind, type BlobMeasures } from './blob-measure.ts';
import { connectedComponents, type Component } from '../image/components.ts';
import { peelLight, PEEL_MIN_FRACTION } from './peel.ts';
import { gradientsOf } from './surround.ts';
import { absorbInto, createDualModel, DEFAULT_DUAL_MODEL, staticMask, updateDualModel, type DualModel } from './dual-model.ts';
import { downscaleRgb, type SmallFrame } from './small-frame.ts';

export interface StaticBlob {
  /** Normalised box. */
  readonly box: Box;
  /** Pixel count over the frame's pixel count. */
  readonly areaFraction: number;
  readonly kind: BlobKind;
  readonly measures: BlobMeasures;
}

export interface StaticScene {
  /** False during the warm-up (the first seconds) and after a scene change: nothing to report yet. */
  readonly ready: boolean;
  readonly width: number;
  readonly height: number;
  /** Row-major, 1 where the scene differs from the long-term background (new, moved or removed things). */
  readonly changed: Uint8Array;
  readonly blobs: readonly StaticBlob[];
}

export const STATIC_SCENE = extraKey<StaticScene>('static-scene');

export interface StaticSceneOptions {
  /** Width of the small frame the models run on. */
  readonly widthPx: number;
  /** A pixel is static once it has differed from the slow model, and matched the fast one, this long. */
  readonly minStaticMs: number;
  /** Smallest blob reported, as a fraction of the frame. */
  readonly minAreaFraction: number;
  /** Smallest blob side in small-frame pixels (drops one-pixel lines from jitter). */
  readonly minSidePx: number;
  /** A ghost or light change seen this many frames in a row is taken into the background. */
  readonly healFrames: number;
  /** Static blobs larger than this fraction of the frame are no object anyone carries: healed the same way. */
  readonly maxObjectFraction: number;
}

export const DEFAULT_STATIC_SCENE: StaticSceneOptions = {
  widthPx: 160,
  minStaticMs: 1500,
  minAreaFraction: 0.0008,
  minSidePx: 3,
  healFrames: 5,
  maxObjectFraction: 0.15,
};

/** Fraction of `box` (normalised) that differs from the long-term background; 0 for an empty box. */
export function changedFraction(scene: StaticScene, box: Box): number {
  const x1 = Math.max(0, Math.floor(box.x1 * scene.width));
  const y1 = Math.max(0, Math.floor(box.y1 * scene.height));
  const x2 = Math.min(scene.width, Math.ceil(box.x2 * scene.width));
  const y2 = Math.min(scene.height, Math.ceil(box.y2 * scene.height));
  let n = 0;
  let on = 0;
  for (let y = y1; y < y2; y++) {
    for (let x = x1; x < x2; x++) {
      n++;
      on += scene.changed[y * scene.width + x]!;
    }
  }
  return n === 0 ? 0 : on / n;
}

interface HealCandidate {
  readonly box: Component;
  readonly frames: number;
}

function overlaps(a: Component, b: Component): boolean {
  return a.x1 <= b.x2 && b.x1 <= a.x2 && a.y1 <= b.y2 && b.y1 <= a.y2;
}

/** A blob running out of the view is part of something larger than the view shows (a train, a lit area): not peeled. */
function touchesBorder(c: Component, width: number, height: number): boolean {
  return c.x1 === 0 || c.y1 === 0 || c.x2 === width - 1 || c.y2 === height - 1;
}

/** A light change is healed only where the pixel follows the blob's median gain (within this factor). */
const GAIN_TOLERANCE = 1.25;

/**
 * The pixels of a component to take into the background: all of a ghost; of a light change or an
 * oversized change, those that follow its median gain, so that a bag inside a patch of new light
 * (its own, much darker ratio) stays foreground.
 */
function healMask(labels: Int32Array, label: number, ghost: boolean, frame: SmallFrame, slow: Float32Array): Uint8Array {
  const mask = new Uint8Array(labels.length);
  const ratios: number[][] = [[], [], []];
  const ratio = (p: number, c: number): number => (frame.data[p * 3 + c]! + 4) / (slow[p * 3 + c]! + 4);
  for (let p = 0; p < labels.length; p++) {
    if (labels[p] !== label) continue;
    mask[p] = 1;
    if (!ghost) for (let c = 0; c < 3; c++) ratios[c]!.push(ratio(p, c));
  }
  if (ghost) return mask;
  const med = ratios.map((r) => r.sort((a, b) => a - b)[r.length >> 1]!);
  for (let p = 0; p < labels.length; p++) {
    if (!mask[p]) continue;
    for (let c = 0; c < 3; c++) {
      const k = ratio(p, c) / med[c]!;
      if (k > GAIN_TOLERANCE || k < 1 / GAIN_TOLERANCE) mask[p] = 0;
    }
  }
  return mask;
}

/** The per-camera state and the per-frame step, without the analyzer plumbing (tests drive it directly). */
export function createStaticSceneTracker(o: StaticSceneOptions = DEFAULT_STATIC_SCENE) {
  let model: DualModel | undefined;
  let heal: HealCandidate[] = [];

  function blobsOf(small: SmallFrame, m: DualModel): StaticBlob[] {
    const mask = staticMask(m, o.minStaticMs);
    if (!mask.includes(1)) {
      heal = [];
      return [];
    }
    const { labels, components } = connectedComponents(mask, m.width, m.height);
    const n = m.width * m.height;
    const big = (c: Component): boolean => c.areaPx >= o.minAreaFraction * n && c.x2 - c.x1 + 1 >= o.minSidePx && c.y2 - c.y1 + 1 >= o.minSidePx;
    const kept = components.filter(big);
    if (kept.length === 0) {
      heal = [];
      return [];
    }
    const lumCur = luminance(small.data, n);
    const lumBg = luminance(m.slow, n);
    const grad = gradientsOf(lumCur, lumBg, m.width, m.height);
    const nextHeal: HealCandidate[] = [];
    const blobs: StaticBlob[] = [];
    const blobOf = (c: Component, measures: BlobMeasures, kind: BlobKind): StaticBlob => ({
      box: { x1: c.x1 / m.width, y1: c.y1 / m.height, x2: (c.x2 + 1) / m.width, y2: (c.y2 + 1) / m.height },
      areaFraction: c.areaPx / n,
      kind,
      measures,
    });
    for (const c of kept) {
      const measures = measureBlob(c, labels, small, m.slow, lumCur, lumBg, grad, m.slowFg);
      const kind = classifyBlob(measures);
      if (kind !== 'object' || c.areaPx > o.maxObjectFraction * n) {
        const frames = 1 + Math.max(0, ...heal.filter((h) => overlaps(h.box, c)).map((h) => h.frames));
        if (frames >= o.healFrames) absorbInto(m, small, healMask(labels, c.label, kind === 'ghost', small, m.slow));
        else nextHeal.push({ box: c, frames });
      }
      const peel = kind === 'object' && c.areaPx >= PEEL_MIN_FRACTION * n && !touchesBorder(c, m.width, m.height);
      const parts = peel ? peelLight(labels, c, small, m.slow) : undefined;
      if (!parts) blobs.push(blobOf(c, measures, kind));
      else {
        for (const part of parts.components.filter(big)) {
          const pm = measureBlob(part, parts.labels, small, m.slow, lumCur, lumBg, grad, m.slowFg);
          blobs.push(blobOf(part, pm, classifyBlob(pm)));
        }
      }
    }
    heal = nextHeal;
    return blobs;
  }

  return {
    step(frame: SmallFrame, tMs: number): StaticScene {
      const small = downscaleRgb(frame, o.widthPx);
      if (!model || model.width !== small.width || model.height !== small.height) model = createDualModel(small.width, small.height);
      updateDualModel(model, small, tMs, DEFAULT_DUAL_MODEL);
      const blobs = model.ready ? blobsOf(small, model) : [];
      return { ready: model.ready, width: model.width, height: model.height, changed: model.slowFg.slice(), blobs };
    },
  };
}

export const staticSceneAnalyzer: AnalyzerFactory = {
  name: 'static-scene',
  create(): FrameAnalyzer {
    const tracker = createStaticSceneTracker();
    return {
      name: 'static-scene',
      analyze: async ({ frame }, out) => out.set(STATIC_SCENE, tracker.step(frame, frame.tMs)),
    };
  },
};
