/**
 * The detector shared by every camera, opened on first use (a missing model fails the cameras
 * that need it, with the reason, instead of the server) and closed once at shutdown.
 */
import type { DetectorConfig } from '../config/schema.ts';
import type { Detector } from '../detect/detector.ts';
import { createDetector } from '../detect/factory.ts';
import { modelIdentity, type ModelIdentity } from '../detect/model-identity.ts';
import type { ThresholdTable } from '../detect/thresholds.ts';
import { defaultModelsDir } from '../models/paths.ts';
import { thresholdsOf } from '../pipeline/analysis.ts';

export interface SharedDetector {
  readonly detector: Detector;
  /** Per-label thresholds the tracker and rules apply to the detector's output. */
  readonly thresholds?: ThresholdTable;
  /** The model file and its SHA-256, journaled with every alert (absent for detectors made in tests). */
  readonly model?: ModelIdentity;
}

export interface LazyDetector {
  get(): Promise<SharedDetector>;
  /** The detector once opened (undefined before, or after a failed open). */
  current(): SharedDetector | undefined;
  close(): Promise<void>;
}

/** Wraps an opener: one shared instance; a failed open is retried on the next get(). */
export function lazyDetector(open: () => Promise<SharedDetector>): LazyDetector {
  let opening: Promise<SharedDetector> | undefined;
  let opened: SharedDetector | undefined;
  return {
    get() {
      opening ??= open().then(
        (shared) => (opened = shared),
        (err: unknown) => {
          opening = undefined;
          throw err;
        },
      );
      return opening;
    },
    current: () => opened,
    async close() {
      const current = opening;
      opening = undefined;
      opened = undefined;
      const shared = await current?.catch(() => undefined);
      await shared?.detector.close();
    },
  };
}

/** The site detector with a pool of `workers` inference threads (ONNX kinds). */
export async function openSiteDetector(config: DetectorConfig, workers: number): Promise<SharedDetector> {
  const detector = await createDetector(config, { modelsDir: defaultModelsDir(), workers: Math.max(1, workers) });
  const thresholds = thresholdsOf(config);
  let model: ModelIdentity;
  try {
    model = await modelIdentity(config, defaultModelsDir());
  } catch (err) {
    await detector.close();
    throw err;
  }
  return thresholds ? { detector, thresholds, model } : { detector, model };
}
