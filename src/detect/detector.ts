import type { Box, Detection, Frame } from '../core/types.ts';

/** What a detector needs of a frame: the pixels and the media time (replay detectors key on tMs). */
export type DetectorInput = Pick<Frame, 'width' | 'height' | 'data' | 'tMs'>;

/**
 * One interface for every detector: the converted NanoDet, user-supplied YOLO-style ONNX models,
 * and the replay detector used by tests. Implementations own their resources and free them in close().
 */
export interface Detector {
  readonly name: string;
  /** Detections in normalised frame coordinates, already filtered by the configured thresholds. */
  detect(frame: DetectorInput, options?: DetectOptions): Promise<Detection[]>;
  /**
   * Optional: a pass that looks at `looks` (normalised frame boxes) only, on windows of the frame
   * around them when that is cheaper than the whole frame (`window.ts`). `interiors` say the parts
   * of the frame the returned detections cover (objects there that are not among them were not
   * seen); absent, the pass covered the whole frame, as `detect` does.
   */
  detectWindow?(frame: DetectorInput, looks: readonly Box[]): Promise<WindowDetections>;
  close(): Promise<void>;
}

export interface DetectOptions {
  /**
   * A pass on the model's whole square input, letterbox padding included, as the fixed-size model
   * runs it. Without it, a detector that can (NanoDet with its window model, `window.ts`
   * `frameWindow`) leaves out the padding bands beyond the frame: the same anchors, scores within a
   * few hundredths, 15-31 % less work on frames that are not square. Fire cameras ask for it
   * (`analysis.ts`): their evidence is judged on the colour mask less the tracks' boxes.
   */
  readonly padded?: boolean;
}

export interface WindowDetections {
  readonly detections: Detection[];
  readonly interiors?: readonly Box[];
}
