/**
 * A user-supplied YOLO-style ONNX model for one event (fire/smoke, weapons), opened from the
 * camera's `fireDetector` / `weaponDetector` config, and run at most once per intervalSeconds.
 */
import type { Detection } from '../core/types.ts';
import type { EventModelConfig } from '../config/schema.ts';
import type { Detector, DetectorInput } from '../detect/detector.ts';
import { createDetector } from '../detect/factory.ts';

export interface EventModelOptions {
  readonly modelsDir: string;
  /** Relative model paths resolve from here; default process.cwd(). */
  readonly baseDir?: string;
  /** Run on the calling thread instead of a worker (tests). */
  readonly inProcess?: boolean;
}

export async function openEventModel(config: EventModelConfig, opts: EventModelOptions): Promise<Detector> {
  return createDetector(
    {
      kind: 'yolo',
      model: config.model,
      classMap: config.classMap,
      inputSize: config.inputSize,
      thresholds: { default: config.minScore },
      lowScore: config.minScore,
      threads: config.threads,
    },
    { modelsDir: opts.modelsDir, ...(opts.baseDir ? { baseDir: opts.baseDir } : {}), ...(opts.inProcess ? { inProcess: true } : {}) },
  );
}

/** Runs a detector at most once per interval; between runs, returns the last result. */
export interface ThrottledModel {
  /** The latest detections and the media time they were computed at (undefined before the first run). */
  detect(frame: DetectorInput): Promise<{ readonly detections: readonly Detection[]; readonly atMs: number | undefined }>;
  close(): Promise<void>;
}

export function throttle(detector: Detector, intervalMs: number): ThrottledModel {
  let last: { detections: readonly Detection[]; atMs: number | undefined } = { detections: [], atMs: undefined };
  return {
    async detect(frame) {
      if (last.atMs === undefined || frame.tMs - last.atMs >= intervalMs || frame.tMs < last.atMs) {
        last = { detections: await detector.detect(frame), atMs: frame.tMs };
      }
      return last;
    },
    close: () => detector.close(),
  };
}
