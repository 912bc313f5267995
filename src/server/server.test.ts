import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteConfigSchema } from '../config/schema.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { makeTestClip, waitFor } from '../ingest/testing.ts';
import jpeg from 'jpeg-js';
import { z } from 'zod';
import { cameraViewSchema, storedAlertSchema } from '../api/doc-schemas.ts';
import { read } from '../api/testing.ts';
import { silentLogger } from './log.ts';
import { startServer, type RunningServer } from './server.ts';
import { claimAdmin, connectWs, ffmpegChildren, personDetector, testAuthorisation, yardCamera } from './testing.ts';
import { SESSION_ENDED_CODE } from './ws-hub.ts';

const ffmpeg = resolveFfmpegPath();

describe.skipIf(!ffmpeg)('vigie serve: cameras, WebSocket, clips, shutdown', () => {
  let dir: string;
  let clip: string;
  let server: RunningServer;
  let cookie: string;
  const site = siteConfigSchema.parse({ analysis: { fps: 5, width: 160 } });
  const camera = () => yardCamera(clip);
  const start = (): Promise<RunningServer> =>
    startServer({ dataDir: path.join(dir, 'data'), site, seedCameras: [camera()], seedAuthorisations: [testAuthorisation([camera(), 'cam2'])], port: 0, logger: silentLogger, openDetector: personDetector(), clip: { preMs: 2000, postMs: 2000 }, webDir: path.join(dir, 'no-web') });
  const api = (p: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${server.url}${p}`, { ...init, headers: { Cookie: `vigie_session=${cookie}`, 'Content-Type': 'application/json', ...init.headers } });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-serve-'));
    clip = path.join(dir, 'clip.mp4');
    await makeTestClip(ffmpeg!, clip, 6, '320x240', 10);
    server = await start();
    cookie = await claimAdmin(server.url, server.setupToken());
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a WebSocket without a session or from another origin', async () => {
    const ws = server.url.replace('http', 'ws') + '/ws';
    await expect(connectWs(ws, {})).rejects.toThrow('HTTP 401');
    await expect(connectWs(ws, { Cookie: `vigie_session=${cookie}`, Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('closes an open WebSocket when its session logs out (SESSION_ENDED_CODE), not the others', async () => {
    const login = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass-1' }) });
    const second = /vigie_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    const ws = server.url.replace('http', 'ws') + '/ws';
    const leaving = await connectWs(ws, { Cookie: `vigie_session=${second}` });
    const staying = await connectWs(ws, { Cookie: `vigie_session=${cookie}` });
    await leaving.next('hello');
    const code = new Promise<number>((resolve) => leaving.ws.once('close', resolve));
    const out = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { Cookie: `vigie_session=${second}` } });
    expect(out.status).toBe(204);
    expect(await code).toBe(SESSION_ENDED_CODE);
    staying.ws.send(JSON.stringify({ type: 'ping' }));
    await staying.next('pong');
    staying.close();
  });

  it('streams live frames, sends an alert only once it is stored, then its clip', async () => {
    const client = await connectWs(server.url.replace('http', 'ws') + '/ws', { Cookie: `vigie_session=${cookie}` });
    const storedWhenSent: boolean[] = [];
    client.onMessage = (m) => void (m.type === 'alert' && storedWhenSent.push(server.store.alerts.getAlert(m.alert.id) !== undefined));
    const hello = await client.next('hello');
    expect(hello.cameras.map((c) => c.id)).toEqual(['cam1']);
    client.ws.send(JSON.stringify({ type: 'subscribe', cameras: ['cam1'] }));

    const frame = await client.next('frame');
    expect(frame).toMatchObject({ cameraId: 'cam1', width: 160, height: 120 });
    const liveJpeg = Buffer.from(frame.jpeg, 'base64');
    // The camera's ffmpeg made it (its encoder signs its JPEGs "Lavc"), for the evidence ring: not encoded again here.
    expect(liveJpeg.includes('Lavc')).toBe(true);
    expect(jpeg.decode(liveJpeg, { useTArray: true })).toMatchObject({ width: 160, height: 120 });
    const alert = (await client.next('alert')).alert;
    expect(alert).toMatchObject({ cameraId: 'cam1', type: 'intrusion', zoneId: 'yard', status: 'new' });
    expect(storedWhenSent).toEqual([true]);
    await client.next('frame', (f) => f.activeAlertIds.includes(alert.id) && f.tracks.length === 1);
    await client.next('camera', (c) => c.camera.status.state === 'running' && c.camera.stats.fps > 0);

    expect(ffmpegChildren().length).toBeGreaterThan(0);
    expect([200, 202]).toContain((await api(`/api/alerts/${alert.id}/clip.mp4`)).status);
    const updated = await client.next('alert-updated', (m) => m.alert.id === alert.id && m.alert.clipPath !== undefined);
    const res = await api(`/api/alerts/${alert.id}/clip.mp4`);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    const file = path.join(dir, 'clip-out.mp4');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const codec = execFileSync(path.join(path.dirname(ffmpeg!), 'ffprobe'), ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file], { encoding: 'utf8' });
    expect(codec.trim()).toBe('h264');
    expect(updated.alert.clipPath).toMatch(/^cam1\/\d{4}-\d\d-\d\d\/.+\.mp4$/);
    // The journal holds the signal, the live access and the clip download, each with who and what.
    const journal = server.store.journal;
    expect(journal.list({ action: 'alert.raised' }).map((e) => e.target)).toContain(alert.id);
    expect(journal.list({ action: 'alert.raised' }).find((e) => e.target === alert.id)?.details).toMatchObject({ type: 'intrusion', cameraId: 'cam1', model: 'fake-person', authorisation: 'AP-TEST' });
    expect(alert.details).toMatchObject({ authorisation: 'AP-TEST' });
    expect(journal.list({ action: 'live.watch' })[0]).toMatchObject({ actor: 'admin', details: { cameras: ['cam1'] } });
    expect(journal.list({ action: 'GET /api/alerts/:id/clip.mp4' })[0]).toMatchObject({ actor: 'admin', target: alert.id });
    expect(journal.verify()).toMatchObject({ ok: true });
    const latest = await api('/api/cameras/cam1/snapshot.jpg');
    expect(latest.headers.get('content-type')).toBe('image/jpeg');
    const latestJpeg = Buffer.from(await latest.arrayBuffer());
    expect(latestJpeg.includes('Lavc')).toBe(true);
    expect(jpeg.decode(latestJpeg, { useTArray: true })).toMatchObject({ width: 160, height: 120 });
    expect(server.latency().frameToSend.count).toBeGreaterThan(0);
    client.close();
  });

  it('restarts only the camera that changed, and applies a removal at once', async () => {
    expect((await api('/api/cameras', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...camera(), id: 'cam2' }) })).status).toBe(201);
    await waitFor('cam2 running', () => server.store.statusLog.window('cam2', 0, Date.now() + 1).some((e) => e.state === 'running'));
    const res = await api('/api/cameras/cam1', { method: 'PUT', body: JSON.stringify({ ...camera(), name: 'Yard' }) });
    expect(res.status).toBe(200);
    expect((await read(res, cameraViewSchema)).name).toBe('Yard');
    const states = (id: string): string[] => server.store.statusLog.window(id, 0, Date.now() + 1).map((e) => e.state);
    await waitFor('cam1 running again', () => states('cam1').slice(states('cam1').indexOf('restarting')).includes('running'));
    expect(states('cam2')).not.toContain('restarting');
    expect(states('cam2').at(-1)).toBe('running');
    expect((await api('/api/cameras/cam2', { method: 'DELETE' })).status).toBe(204);
    expect(states('cam2').at(-1)).toBe('removed');
    expect((await read(api('/api/cameras'), z.array(cameraViewSchema))).map((c) => c.id)).toEqual(['cam1']);
  });

  it('stops without leaving an ffmpeg child, keeps every alert across a restart, and purges those past the retention at start', async () => {
    await waitFor('ffmpeg running', () => ffmpegChildren().length > 0);
    const stored = server.store.alerts.listAlerts().map((a) => a.id);
    expect(stored.length).toBeGreaterThan(0);
    const old = Date.now() - (site.retention.signalsDays + 1) * 86_400_000;
    server.store.alerts.insertAlert({ id: `${old}-old`, cameraId: 'cam1', type: 'intrusion', tMs: 0, frameWallMs: old, createdAtMs: old, score: 0.9, message: 'too old' });
    await server.close();
    expect(ffmpegChildren()).toEqual([]);
    server = await start();
    const res = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass-1' }) });
    cookie = /vigie_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
    const ids = (await read(api('/api/alerts'), z.array(storedAlertSchema))).map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(stored));
    expect(ids).not.toContain(`${old}-old`);
    expect((await read(api('/api/cameras'), z.array(cameraViewSchema))).map((c) => [c.id, c.name])).toEqual([['cam1', 'Yard']]);
    expect(await (await fetch(`${server.url}/some/page`)).text()).toContain('npm run build:web');
  });
});
