/**
 * Detector gating (config `analysis.motionGating`): the detector runs on a frame only when pixels
 * changed since the frame it last saw, during the camera's first seconds, and at least every
 * `refreshMs` (slow changes, a detector that missed something). On a still frame the last
 * detections are handed to the tracker again: the image is the one they were measured on (within
 * the noise threshold), so they are what the detector would have returned, and the tracks of
 * stationary objects (a person lying down, a left bag) stay matched instead of decaying.
 * A frame that moved only where tracked objects went may skip the detector too (`tracked`): the
 * caller decides, through `decide`'s `explained` (the analysis uses `track-coast.ts`).
 */
import type { Box, Frame } from '../core/types.ts';
import type { MotionGatingSetting } from '../config/schema.ts';
import { DEFAULT_COAST, type CoastOptions } from './track-coast.ts';
import { DEFAULT_MOTION, detectMotion, greyDownscale, type GreyImage, type Motion, type MotionOptions } from './motion.ts';

export interface GateOptions {
  /** The detector runs at least this often (camera media time). */
  readonly refreshMs: number;
  /** Every frame is detected in the camera's first milliseconds (intrusion learns its scenery then). */
  readonly warmupMs: number;
  /** Width of the grey image motion is measured on. */
  readonly motionWidth: number;
  readonly motion: MotionOptions;
  /** Skipping the detector on frames whose motion tracked objects explain (applied by the analysis, `track-coast.ts`). */
  readonly coast: CoastOptions;
}

export const DEFAULT_GATE: GateOptions = { refreshMs: 2000, warmupMs: 3000, motionWidth: 160, motion: DEFAULT_MOTION, coast: DEFAULT_COAST };

/** The gate's options for the config's `analysis.motionGating`; undefined: no gating. */
export function gateOptionsFor(setting: MotionGatingSetting | undefined): Partial<GateOptions> | undefined {
  if (setting === undefined || setting === false) return undefined;
  if (setting === true) return {};
  const uncertainMs = setting.uncertainCoastMs ?? Math.min(DEFAULT_COAST.uncertainMs, setting.coastMs);
  return { coast: { ...DEFAULT_COAST, maxMs: setting.coastMs, uncertainMs, ...(setting.looks === undefined ? {} : { looks: setting.looks }) } };
}

/**
 * `tracked`: the frame moved, but only where tracked objects went (`track-coast.ts`): the detector is skipped.
 * `look`: the detector runs on the parts of the frame the motion left unexplained (`GateDecision.looks`).
 */
export type GateReason = 'warmup' | 'motion' | 'refresh' | 'still' | 'tracked' | 'look';

/** What `explained` answers for a frame that moved: true, skip the detector; false, run it on the whole frame; a look, run it around those boxes. */
export type Explanation = boolean | { readonly looks: readonly Box[] };

export interface GateDecision {
  /** Whether the detector must run on this frame. */
  readonly detect: boolean;
  readonly reason: GateReason;
  /** Change since the frame the detector last saw (absent on the camera's first frame). */
  readonly motion?: Motion;
  /** Reason `look`: where the detector must look (normalised); the caller reports what it covered through `looked`. */
  readonly looks?: readonly Box[];
}

export interface MotionGate {
  /**
   * Decides for one frame; a frame decided `detect` becomes the new reference. `explained`, when
   * given, is asked about a frame that moved (after the warm-up, before a refresh is due): true
   * skips the detector with reason `tracked`, and the reference stays the detector's last frame.
   */
  decide(frame: Pick<Frame, 'width' | 'height' | 'data' | 'tMs'>, explained?: (motion: Motion, sinceDetectMs: number) => Explanation): GateDecision;
  /**
   * After a `look` decision: the parts of that frame the detector covered (normalised) become the
   * reference there, the rest stays the detector's earlier frames; undefined: it covered the whole
   * frame, which becomes the reference as after any other detection.
   */
  looked(covered: readonly Box[] | undefined): void;
}

/** `ref` with the cells of `grey` whose centres lie in `box` (normalised). */
export function patchGrey(ref: GreyImage, grey: GreyImage, box: Box): GreyImage {
  if (ref.width !== grey.width || ref.height !== grey.height) return grey;
  const { width: w, height: h } = grey;
  const data = ref.data.slice();
  const x0 = Math.max(0, Math.ceil(box.x1 * w - 0.5));
  const x1 = Math.min(w, Math.ceil(box.x2 * w - 0.5));
  for (let y = Math.max(0, Math.ceil(box.y1 * h - 0.5)); y < Math.min(h, Math.ceil(box.y2 * h - 0.5)); y++) {
    data.set(grey.data.subarray(y * w + x0, y * w + x1), y * w + x0);
  }
  return { width: w, height: h, data };
}

export function createMotionGate(opts: Partial<GateOptions> = {}): MotionGate {
  const o: GateOptions = { ...DEFAULT_GATE, ...opts };
  let ref: GreyImage | undefined;
  let firstMs: number | undefined;
  let lastDetectMs = Number.NEGATIVE_INFINITY;
  // The grey image of a frame decided `look`, until `looked` says what the detector covered.
  let lookFrame: { grey: GreyImage; tMs: number } | undefined;
  return {
    looked(covered) {
      if (!lookFrame || !ref) return;
      const seen = lookFrame;
      if (covered) ref = covered.reduce((r, box) => patchGrey(r, seen.grey, box), ref);
      else {
        ref = seen.grey;
        lastDetectMs = seen.tMs;
      }
      lookFrame = undefined;
    },
    decide(frame, explained) {
      const grey = greyDownscale(frame, o.motionWidth);
      lookFrame = undefined;
      firstMs ??= frame.tMs;
      const detected = (reason: GateReason, motion?: Motion): GateDecision => {
        ref = grey;
        lastDetectMs = frame.tMs;
        return { detect: true, reason, ...(motion ? { motion } : {}) };
      };
      if (!ref) return detected('warmup');
      // Measured during the warm-up too (against the previous frame): analyzers gate on it (analyzers/change-watch.ts).
      const motion = detectMotion(ref, grey, o.motion);
      if (frame.tMs - firstMs < o.warmupMs) return detected('warmup', motion);
      const since = frame.tMs - lastDetectMs;
      if (since >= o.refreshMs) return detected(motion.boxes.length > 0 ? 'motion' : 'refresh', motion);
      if (motion.boxes.length === 0) return { detect: false, reason: 'still', motion };
      const explanation = explained?.(motion, since) ?? false;
      if (explanation === true) return { detect: false, reason: 'tracked', motion };
      if (explanation === false) return detected('motion', motion);
      lookFrame = { grey, tMs: frame.tMs };
      return { detect: true, reason: 'look', motion, looks: explanation.looks };
    },
  };
}
