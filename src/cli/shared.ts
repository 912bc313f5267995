/** Helpers shared by the CLI commands. */
import { siteConfigSchema, type DetectorConfig, type SiteConfig } from '../config/schema.ts';
import { loadConfig } from '../config/load.ts';
import type { Detector } from '../detect/detector.ts';
import { createDetector } from '../detect/factory.ts';
import type { ThresholdTable } from '../detect/thresholds.ts';
import { defaultModelsDir } from '../models/paths.ts';
import { thresholdsOf } from '../pipeline/analysis.ts';

/** The site config of a file, or the embedded defaults. */
export function siteDefaults(configFile: string | undefined): SiteConfig {
  return configFile ? loadConfig(configFile) : siteConfigSchema.parse({});
}

/** A detector and the per-label thresholds the tracker and rules apply to its output. */
export interface OpenedDetector {
  readonly detector: Detector;
  readonly thresholds?: ThresholdTable;
}

export async function openDetector(config: DetectorConfig, opts: { workers: number }): Promise<OpenedDetector> {
  const detector = await createDetector(config, { modelsDir: defaultModelsDir(), workers: opts.workers });
  const thresholds = thresholdsOf(config);
  return thresholds ? { detector, thresholds } : { detector };
}
