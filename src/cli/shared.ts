/** Helpers shared by the CLI commands. */
import { siteConfigSchema, type DetectorConfig, type SiteConfig } from '../config/schema.ts';
import { loadConfig } from '../config/load.ts';
import type { Detector } from '../detect/detector.ts';
import { createDetector } from '../detect/factory.ts';
import { defaultModelsDir } from '../models/paths.ts';

/** The site config of a file, or the embedded defaults. */
export function siteDefaults(configFile: string | undefined): SiteConfig {
  return configFile ? loadConfig(configFile) : siteConfigSchema.parse({});
}

export async function openDetector(config: DetectorConfig, opts: { workers: number }): Promise<Detector> {
  return createDetector(config, { modelsDir: defaultModelsDir(), workers: opts.workers });
}
