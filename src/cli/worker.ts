/**
 * `vigie worker --bus nats://host:4222 [--bus-ca F] [--bus-cert F --bus-key F] [--bus-nkey F | --bus-creds F]
 * [--config site.yaml] [--name ID] [--data DIR]`: an analysis
 * node of the distributed mode. It runs the cameras the console assigns on the bus (its fair share
 * of them), publishes alerts, clips and status there, and hands its cameras over on SIGINT/SIGTERM.
 * The site config gives the detector; the analysis rate and width come with each assignment.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BUS_CLI_OPTIONS, parseBusSecurity, parseBusUrl } from '../bus/bus-access.ts';
import { VigieError } from '../core/errors.ts';
import { stderrLogger } from '../server/log.ts';
import { startWorker } from '../bus/worker.ts';
import { resolveSite } from './site-file.ts';

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

export async function workerCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...BUS_CLI_OPTIONS,
      config: { type: 'string' },
      name: { type: 'string' },
      data: { type: 'string' },
    },
  });
  const busUrl = parseBusUrl(values.bus);
  const busSecurity = parseBusSecurity(values);
  if (values.name !== undefined && !NAME.test(values.name)) throw new VigieError('USAGE', `--name: letters, digits, _ and - only (1-64), got "${values.name}"`);
  const site = resolveSite(values.config);
  const logger = stderrLogger();
  const worker = await startWorker({
    busUrl,
    ...(busSecurity ? { busSecurity } : {}),
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
