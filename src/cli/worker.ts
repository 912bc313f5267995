/**
 * `vigie worker --bus nats://host:4222 [--config site.yaml] [--name ID] [--data DIR]`: an analysis
 * node of the distributed mode. It runs the cameras the console assigns on the bus (its fair share
 * of them), publishes alerts, clips and status there, and hands its cameras over on SIGINT/SIGTERM.
 * The site config gives the detector; the analysis rate and width come with each assignment.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { siteConfigSchema, type SiteConfig } from '../config/schema.ts';
import { loadConfig } from '../config/load.ts';
import { VigieError } from '../core/errors.ts';
import { stderrLogger } from '../server/log.ts';
import { startWorker } from '../bus/worker.ts';

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

export async function workerCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      bus: { type: 'string' },
      config: { type: 'string' },
      name: { type: 'string' },
      data: { type: 'string' },
    },
  });
  const busUrl = parseBusUrl(values.bus);
  if (values.name !== undefined && !NAME.test(values.name)) throw new VigieError('USAGE', `--name: letters, digits, _ and - only (1-64), got "${values.name}"`);
  const site = resolveSite(values.config);
  const logger = stderrLogger();
  const worker = await startWorker({
    busUrl,
    site,
    logger,
    ...(values.name ? { workerId: values.name } : {}),
    ...(values.data ? { dataDir: path.resolve(values.data) } : {}),
  });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  logger.info(`worker ${worker.workerId} stopping: cameras, clips, outbox, leases...`);
  await worker.close({ release: true });
  logger.info(`worker ${worker.workerId} stopped`);
  return 0;
}

/** --bus as a nats:// URL (several servers: comma-separated); a usage error otherwise. */
export function parseBusUrl(value: string | undefined): string {
  if (value === undefined) throw new VigieError('USAGE', '--bus is required, e.g. --bus nats://127.0.0.1:4222');
  for (const one of value.split(',')) {
    const url = URL.canParse(one.trim()) ? new URL(one.trim()) : undefined;
    if (!url || !/^(nats|tls):$/.test(url.protocol) || !url.hostname) {
      throw new VigieError('USAGE', `--bus must be a nats:// address such as nats://127.0.0.1:4222, got "${one.trim().replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@')}"`);
    }
  }
  return value;
}

/** The site config of --config, else ./vigie.yaml when present, else the defaults. */
function resolveSite(configFile: string | undefined): SiteConfig {
  if (configFile) return loadConfig(configFile);
  if (existsSync('vigie.yaml')) return loadConfig('vigie.yaml');
  return siteConfigSchema.parse({});
}
