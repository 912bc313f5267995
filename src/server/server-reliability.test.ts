import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraSchema, siteConfigSchema } from '../config/schema.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { makeTestClip, waitFor } from '../ingest/testing.ts';
import { systemHealthSchema } from '../api/doc-schemas.ts';
import { silentLogger } from './log.ts';
import { startServer, type RunningServer } from './server.ts';
import { adminSession, personDetector, testAuthorisation, yardCamera, type WsClient } from './testing.ts';
import { VigieError } from '../core/errors.ts';

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
    server = await startServer({ dataDir: path.join(dir, 'data'), site, seedCameras: [camera], seedAuthorisations: [testAuthorisation([camera])], port: 0, logger: silentLogger, openDetector: personDetector(), ffmpegPath: null, webDir: path.join(dir, 'no-web') });
    ({ cookie, ws } = await adminSession(server.url, server.setupToken()));
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
  });
});

describe.skipIf(!ffmpeg)('vigie serve: a full disk never loses an alert silently', () => {
  let dir: string;
  let server: RunningServer;
  let cookie: string;
  let ws: WsClient;
  let full = true;
  let freeBytes = 100 * 1024 * 1024; // under the 512 MB critical default

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-full-'));
    const clip = path.join(dir, 'clip.mp4');
    await makeTestClip(ffmpeg!, clip, 6, '320x240', 10);
    const site = siteConfigSchema.parse({ analysis: { fps: 5, width: 160 }, health: { diskCheckS: 1 } });
    const camera = yardCamera(clip);
    server = await startServer({
      dataDir: path.join(dir, 'data'),
      site,
      seedCameras: [camera],
      seedAuthorisations: [testAuthorisation([camera])],
      port: 0,
      logger: silentLogger,
      openDetector: personDetector(),
      ffmpegPath: null,
      webDir: path.join(dir, 'no-web'),
      watchIntervalMs: 100,
      diskFreeBytes: async () => freeBytes,
      // The injected fault: the database refuses every alert while `full`.
      wrapAlertStore: (s) => ({
        mediaDir: s.mediaDir,
        insertAlert: (a) => {
          if (full) throw new VigieError('STORE_FAILED', 'cannot insert the alert: database or disk is full');
          s.insertAlert(a);
        },
      }),
    });
    ({ cookie, ws } = await adminSession(server.url, server.setupToken()));
  });
  afterAll(async () => {
    ws?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const health = async () => systemHealthSchema.parse(await (await fetch(`${server.url}/api/system-health`, { headers: { Cookie: `vigie_session=${cookie}` } })).json());

  it('the alert reaches the console marked not stored, health is red with why, and it is stored when space returns', async () => {
    const sent = await ws.next('alert', (m) => m.stored === false, 60_000);
    expect(server.store.alerts.getAlert(sent.alert.id)).toBeUndefined();
    await ws.next('system-alert', (m) => m.alert.kind === 'store_failed' && m.alert.clearedAtMs === undefined);
    // Raised at start (before this client connected): stored and open.
    await waitFor('disk_low open', () => server.store.systemAlerts.open().some((a) => a.kind === 'disk_low'));
    const red = await health();
    expect(red.level).toBe('bad');
    expect(red.store.ok).toBe(false);
    expect(red.reasons.join('\n')).toMatch(/store cannot write: \d+ alert\(s\) kept in memory \(cannot insert the alert: database or disk is full\)/);
    expect(red.reasons.join('\n')).toMatch(/disk nearly full: 100 MB free/);
    expect(server.store.journal.list({ action: 'disk.level' })[0]).toMatchObject({ details: { level: 'bad', previous: 'ok', freeMb: 100 } });

    full = false;
    freeBytes = 50 * 1024 ** 3;
    const updated = await ws.next('alert-updated', (m) => m.alert.id === sent.alert.id);
    expect(updated.alert).toMatchObject({ id: sent.alert.id, status: 'new' });
    expect(server.store.alerts.getAlert(sent.alert.id)).toBeDefined();
    await ws.next('system-alert', (m) => m.alert.kind === 'store_failed' && m.alert.clearedAtMs !== undefined);
    await ws.next('system-alert', (m) => m.alert.kind === 'disk_low' && m.alert.clearedAtMs !== undefined);
    expect(server.store.journal.list({ action: 'disk.level' })[0]).toMatchObject({ details: { level: 'ok', previous: 'bad' } });
    expect((await health()).store).toEqual({ ok: true, unstoredAlerts: 0 });
  });
});
