/**
 * Measures the alert latency of the console on the real clips: analysed frame (Alert.frameWallMs)
 * -> WebSocket message sent (server side; sinkToSend is the snapshot + row + send part of it), and
 * -> received by a client in this same process (so it includes this event loop's own delays).
 * Runs the --demo cameras with the site detector for N seconds (default 120):
 *   node --import tsx src/server/measure-latency.ts [seconds]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { siteConfigSchema } from '../config/schema.ts';
import { sharedDataDir } from '../cli/data-dir.ts';
import { demoCameras } from './demo.ts';
import { demoAuthorisation } from '../legal/seed.ts';
import { createLatencyRecorder } from './latency.ts';
import { silentLogger } from './log.ts';
import { startServer } from './server.ts';
import { claimAdmin, connectWs } from './testing.ts';

async function main(seconds: number): Promise<void> {
  const cameras = demoCameras(sharedDataDir());
  if (cameras.length === 0) throw new Error('../shared/data not found: nothing to measure on');
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-latency-'));
  const server = await startServer({ dataDir: dir, site: siteConfigSchema.parse({}), extraCameras: cameras, seedAuthorisations: demoAuthorisation(cameras, Date.now()), port: 0, logger: silentLogger });
  try {
    const cookie = await claimAdmin(server.url, server.setupToken());
    const client = await connectWs(`${server.url.replace('http', 'ws')}/ws`, { Cookie: `vigie_session=${cookie}` });
    client.ws.send(JSON.stringify({ type: 'subscribe', cameras: cameras.map((c) => c.id) }));
    const received = createLatencyRecorder();
    client.onMessage = (m) => void (m.type === 'alert' && received.record(Date.now() - m.alert.frameWallMs));
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const frames = client.messages.filter((m) => m.type === 'frame').length;
    const views = (await (await fetch(`${server.url}/api/cameras`, { headers: { Cookie: `vigie_session=${cookie}` } })).json()) as { id: string; stats: unknown }[];
    client.close();
    console.log(JSON.stringify({ seconds, ...server.latency(), received: received.summary(), liveFrames: frames, cameras: views.map((v) => ({ id: v.id, stats: v.stats })) }, null, 2));
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main(Number(process.argv[2] ?? 120));
