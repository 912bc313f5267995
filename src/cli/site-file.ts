/** The site file of `vigie serve` and `vigie worker`. */
import { existsSync } from 'node:fs';
import { siteConfigSchema, type SiteConfig } from '../config/schema.ts';
import { loadConfig } from '../config/load.ts';

/** The site config of --config, else ./vigie.yaml when present, else the defaults. */
export function resolveSite(configFile: string | undefined): SiteConfig {
  if (configFile) return loadConfig(configFile);
  if (existsSync('vigie.yaml')) return loadConfig('vigie.yaml');
  return siteConfigSchema.parse({});
}
