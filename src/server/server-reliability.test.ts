import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraSchema, siteConfigSchema } from '../config/schema.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { makeTestClip } from '../ingest/testing.ts';
import { systemHealthSchema } from '../api/doc-schemas.ts';
import { silentLogger } from './log.ts';
import { startServer, type RunningServer } from './server.ts';
import { connectWs, personDetector, type WsClient } from './testing.ts';

const ffmpeg = resolveFfmpegPath();

describe.skipIf(!ffmpeg)('vigie serve: a lost camera is a system alert', () => {
  let dir: string;
  let server: RunningServer;
  let cookie: string;
  let ws: WsClient;
  const file = () => path.join(dir, 'late.mp4');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-rel-'));
    const site = siteConfigSchema.parse({ analysis: { fps: 5, width: 160 }, health: { cameraLossS: 1 } });
    const camera = cameraSchema.parse({ id: 'late', url: file(), loop: true, realtime: true, events: ['intrusion'] });
    server = await startServer({ dataDir: path.join(dir, 'data'), site, seedCameras: [camera], port: 0, logger: silentLogger, openDetector: personDetector(), ffmpegPath: null, webDir: path.join(dir, 'no-web') });
    const setup = await fetch(`${server.url}/api/setup`, { method: 'POST', body: JSON.stringify({ username: 'admin', password: 'admin-pass-1' }) });
    cookie = /vigie_session=([^;]+)/.exec(setup.headers.get('set-cookie') ?? '')![1]!;
    ws = await connectWs(server.url.replace('http', 'ws') + '/ws', { Cookie: `vigie_session=${cookie}`, Origin: server.url });
  });
  afterAll(async () => {
    ws?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raised (stored, journaled, pushed, in health) while the file is missing; closed once the camera runs', async () => {
    const raised = await ws.next('system-alert', (m) => m.alert.kind === 'camera_lost' && m.alert.clearedAtMs === undefined);
    expect(raised).toMatchObject({ stored: true, alert: { target: 'late' } });
    const res = await fetch(`${server.url}/api/system-health`, { headers: { Cookie: `vigie_session=${cookie}` } });
    const health = systemHealthSchema.parse(await res.json());
    expect(health.level).toBe('bad');
    expect(health.systemAlerts.map((a) => a.target)).toEqual(['late']);
    expect(server.store.systemAlerts.open().map((a) => a.id)).toEqual([raised.alert.id]);
    expect(server.store.journal.list({ action: 'system.raised' })[0]).toMatchObject({ target: 'late' });

    await makeTestClip(ffmpeg!, path.join(dir, 'clip.mp4'), 4, '160x120', 5);
    renameSync(path.join(dir, 'clip.mp4'), file());
    const cleared = await ws.next('system-alert', (m) => m.alert.id === raised.alert.id && m.alert.clearedAtMs !== undefined, 60_000);
    expect(cleared.stored).toBe(true);
    expect(server.store.systemAlerts.open()).toEqual([]);
  }, 90_000);
});
