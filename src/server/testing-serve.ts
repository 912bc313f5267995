/**
 * Test support: `vigie serve` as its own process, as an operator runs it (stops on SIGINT/SIGTERM
 * like src/cli/serve.ts), with the fake person detector. argv: data folder, looping clip. Prints
 * the URL and the first-run token once listening.
 */
import { siteConfigSchema } from '../config/schema.ts';
import { stderrLogger } from './log.ts';
import { startServer } from './server.ts';
import { personDetector, testAuthorisation, yardCamera } from './testing.ts';

const [dataDir, clip] = process.argv.slice(2) as [string, string];
const camera = yardCamera(clip);
const server = await startServer({
  dataDir,
  site: siteConfigSchema.parse({ analysis: { fps: 5, width: 160 } }),
  seedCameras: [camera],
  seedAuthorisations: [testAuthorisation([camera])],
  port: 0,
  logger: stderrLogger('test-serve'),
  openDetector: personDetector(),
  clip: { preMs: 2000, postMs: 60_000 },
});
// The URL, then the first-run token, on the first line of stdout.
console.log(`${server.url} ${server.setupToken() ?? ''}`);
await new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
await server.close();
console.log('closed');
