/**
 * `vigie serve [--config F] [--demo] [--port 8080] [--host 127.0.0.1] [--public-url URL] [--data ./data] [--bus nats://host:port
 * [--bus-ca F] [--bus-cert F --bus-key F] [--bus-nkey F | --bus-creds F]]`:
 * the operator console (HTTP + WebSocket on one port) and the analysis of the configured cameras;
 * with --bus, the cameras are analysed by `vigie worker --bus` nodes and this console only
 * assigns them and takes their alerts, clips and status, and live frames while a camera is watched
 * (bus-access.ts: the bus flags).
 * The server answers only for its own host names (the bound --host, loopback names when bound to
 * loopback, IP addresses when bound to all interfaces, the host of --public-url); an https
 * --public-url makes the session cookie Secure.
 * Cameras live in the database (<data>/vigie.db): a --config file seeds them on the first start,
 * --demo adds cameras looping the real clips of ../shared/data. Stops cleanly on SIGINT/SIGTERM.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BUS_CLI_OPTIONS, parseBusSecurity, parseBusUrl } from '../bus/bus-access.ts';
import { VigieError } from '../core/errors.ts';
import { demoCameras } from '../server/demo.ts';
import { demoAuthorisation } from '../legal/seed.ts';
import { startServer } from '../server/server.ts';
import { stderrLogger } from '../server/log.ts';
import { sharedDataDir } from './data-dir.ts';
import { resolveSite } from './site-file.ts';

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      demo: { type: 'boolean', default: false },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'public-url': { type: 'string' },
      data: { type: 'string' },
      ...BUS_CLI_OPTIONS,
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new VigieError('USAGE', `--port must be a port number, got "${values.port}"`);
  const publicUrl = values['public-url'] === undefined ? undefined : parsePublicUrl(values['public-url']);
  const bus = values.bus === undefined ? undefined : parseBusUrl(values.bus);
  const security = parseBusSecurity(values);
  const logger = stderrLogger();
  const site = resolveSite(values.config);
  const demo = values.demo ? demoCameras(sharedDataDir()) : [];
  if (values.demo && demo.length === 0) logger.info('--demo: ../shared/data not found, no demo camera added');
  const server = await startServer({
    dataDir: path.resolve(values.data ?? site.store.dir),
    site,
    seedCameras: site.cameras,
    extraCameras: demo,
    // The demo cameras run under a demonstration authorisation (journaled, labelled, no legal value).
    seedAuthorisations: demoAuthorisation(demo, Date.now()),
    port,
    host: values.host,
    ...(publicUrl ? { publicUrl } : {}),
    ...(bus ? { bus: { url: bus, ...(security ? { security } : {}) } } : {}),
    logger,
  });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  logger.info('stopping: cameras, clips, deliveries, database...');
  await server.close();
  const l = server.latency().frameToSend;
  if (l.count > 0) logger.info(`alert latency (analysed frame -> WebSocket): p50 ${l.p50Ms} ms, p95 ${l.p95Ms} ms over ${l.count} alert(s)`);
  logger.info('stopped');
  return 0;
}

/** --public-url as an origin (`https://vigie.example.org`); a usage error when it is not an http(s) origin. */
export function parsePublicUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new VigieError('USAGE', `--public-url must be an http:// or https:// address without a path, e.g. https://vigie.example.org, got "${value}"`);
  }
  return url.origin;
}

