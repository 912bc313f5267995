/** Shared tail of every decoder: input-pixel candidates -> NMS -> normalised frame detections. */
import type { Detection, Label } from '../core/types.ts';
import type { Letterbox } from './letterbox.ts';
import { inputBoxToFrame } from './letterbox.ts';
import { nms } from './nms.ts';
import { groupOf } from './thresholds.ts';

/** A decoded box in model-input pixels. */
export interface Candidate {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly label: Label;
  readonly score: number;
}

/** A plain tensor: what onnxruntime returns, without the runtime. */
export interface RawTensor {
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

export interface NmsOptions {
  /** IoU above which a lower-scoring box of the same label is dropped. */
  readonly iouThreshold: number;
  /**
   * IoU above which a lower-scoring box of another label of the same group is dropped
   * (a car also scored as truck). Set above 1 to keep both.
   */
  readonly groupIouThreshold: number;
  /** At most this many candidates enter NMS (the highest scores). */
  readonly maxCandidates: number;
  readonly maxDetections: number;
}

export const DEFAULT_NMS: NmsOptions = { iouThreshold: 0.5, groupIouThreshold: 0.7, maxCandidates: 2000, maxDetections: 300 };

export function finishDetections(candidates: readonly Candidate[], lb: Letterbox, opts: NmsOptions): Detection[] {
  const top = [...candidates].sort((a, b) => b.score - a.score).slice(0, opts.maxCandidates);
  const dets: Detection[] = top
    .map((c) => ({ box: inputBoxToFrame(lb, c.x1, c.y1, c.x2, c.y2), label: c.label, score: c.score }))
    .filter((d) => d.box.x2 > d.box.x1 && d.box.y2 > d.box.y1);
  const perLabel = nms(dets, opts.iouThreshold, (d) => d.label);
  const perGroup = opts.groupIouThreshold > 1 ? perLabel : nms(perLabel, opts.groupIouThreshold, (d) => groupOf(d.label) ?? d.label);
  return perGroup.slice(0, opts.maxDetections);
}
