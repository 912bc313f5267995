/**
 * The detector shared by every camera, opened on first use (a missing model fails the cameras
 * that need it, with the reason, instead of the server) and closed once at shutdown.
 */
import type { DetectorConfig } from '../config/schema.ts';
import type { Detector } from '../detect/detector.ts';
import { createDetector } from '../detect/factory.ts';
import type { ThresholdTable } from '../detect/thresholds.ts';
import { defaultModelsDir } from '../models/paths.ts';
import { thresholdsOf } from '../pipeline/analysis.ts';

export interface SharedDetector {
  readonly detector: Detector;
  /** Per-label thresholds the tracker and rules apply to the detector's output. */
  readonly thresholds?: ThresholdTable;
}

export interface LazyDetector {
  get(): Promise<SharedDetector>;
  close(): Promise<void>;
}

/** Wraps an opener: one shared instance; a failed open is retried on the next get(). */
export function lazyDetector(open: () => Promise<SharedDetector>): LazyDetector {
  let opening: Promise<SharedDetector> | undefined;
  return {
    get() {
      opening ??= open().catch((err: unknown) => {
        opening = undefined;
        throw err;
      });
      return opening;
    },
    async close() {
      const current = opening;
      opening = undefined;
      const shared = await current?.catch(() => undefined);
      await shared?.detector.close();
    },
  };
}

/** The site detector with a pool of `workers` inference threads (ONNX kinds). */
export async function openSiteDetector(config: DetectorConfig, workers: number): Promise<SharedDetector> {
  const detector = await createDetector(config, { modelsDir: defaultModelsDir(), workers: Math.max(1, workers) });
  const thresholds = thresholdsOf(config);
  return thresholds ? { detector, thresholds } : { detector };
}
