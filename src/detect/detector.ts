import type { Detection, Frame } from '../core/types.ts';

/** What a detector needs of a frame: the pixels and the media time (replay detectors key on tMs). */
export type DetectorInput = Pick<Frame, 'width' | 'height' | 'data' | 'tMs'>;

/**
 * One interface for every detector: the converted NanoDet, user-supplied YOLO-style ONNX models,
 * and the replay detector used by tests. Implementations own their resources and free them in close().
 */
export interface Detector {
  readonly name: string;
  /** Detections in normalised frame coordinates, already filtered by the configured thresholds. */
  detect(frame: DetectorInput): Promise<Detection[]>;
  close(): Promise<void>;
}
