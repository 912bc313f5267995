/**
 * The habilitation on a running server: an operator's live view and alert pushes over the
 * WebSocket follow what the admin records through the API, at once, on a connection left open.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteConfigSchema } from '../config/schema.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { makeTestClip } from '../ingest/testing.ts';
import { silentLogger } from './log.ts';
import { startServer, type RunningServer } from './server.ts';
import { claimAdmin, connectWs, habilitate, personDetector, testAuthorisation, yardCamera, type WsClient } from './testing.ts';

const ffmpeg = resolveFfmpegPath();
/** Well under the WebSocket heartbeat (30 s): a change reaches an open connection when it is made. */
const AT_ONCE_MS = 3000;

describe.skipIf(!ffmpeg)('habilitation on a running server', () => {
  let dir: string;
  let server: RunningServer;
  let admin: string;
  let olga: string;
  const call = (method: string, p: string, body?: unknown, cookie = admin): Promise<Response> =>
    fetch(`${server.url}${p}`, { method, headers: { Cookie: `vigie_session=${cookie}`, 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const ws = (cookie: string): Promise<WsClient> => connectWs(server.url.replace('http', 'ws') + '/ws', { Cookie: `vigie_session=${cookie}` });
  /** Waits until `watcher` has had `n` more frames, then says how many `other` got meanwhile. */
  const framesMeanwhile = async (watcher: WsClient, other: WsClient, n: number): Promise<number> => {
    const count = (c: WsClient) => c.messages.filter((m) => m.type === 'frame').length;
    const [w0, o0] = [count(watcher), count(other)];
    await expect.poll(() => count(watcher), { timeout: 30_000 }).toBeGreaterThanOrEqual(w0 + n);
    return count(other) - o0;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-habil-'));
    const clip = path.join(dir, 'clip.mp4');
    await makeTestClip(ffmpeg!, clip, 6, '320x240', 10);
    const site = siteConfigSchema.parse({ analysis: { fps: 5, width: 160 } });
    server = await startServer({ dataDir: path.join(dir, 'data'), site, seedCameras: [yardCamera(clip)], seedAuthorisations: [testAuthorisation([yardCamera(clip)])], port: 0, logger: silentLogger, openDetector: personDetector(), ffmpegPath: null, webDir: path.join(dir, 'no-web') });
    admin = await claimAdmin(server.url, server.setupToken());
    expect((await call('POST', '/api/users', { username: 'olga', password: 'olga-pass-1', role: 'operator' })).status).toBe(201);
    const login = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'olga', password: 'olga-pass-1' }) });
    olga = /vigie_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses live frames and alerts to an operator until habilitated, and cuts them when withdrawn on the open connection', async () => {
    const watcher = await ws(admin);
    const client = await ws(olga);
    expect(await client.next('viewing')).toEqual({ type: 'viewing', ok: false, refusal: { reason: 'not_habilitated' } });
    for (const c of [watcher, client]) c.ws.send(JSON.stringify({ type: 'subscribe', cameras: ['cam1'] }));
    await expect.poll(() => client.messages.filter((m) => m.type === 'viewing').length).toBe(2);
    await watcher.next('alert', undefined, 30_000);
    expect(await framesMeanwhile(watcher, client, 5)).toBe(0);
    expect(client.messages.filter((m) => m.type === 'alert' || m.type === 'frame')).toEqual([]);
    expect(server.store.journal.list({ action: 'live.refused' })[0]).toMatchObject({ actor: 'olga', details: { cameras: ['cam1'], reason: 'not_habilitated' } });

    // Habilitated with one training only: still refused, told why.
    await call('PUT', '/api/users/olga/habilitation', { authority: 'Préfecture', reference: 'P-1', grantedAtMs: 0 });
    await call('POST', '/api/users/olga/trainings', { kind: 'data_protection', atMs: 0, trainer: 'CNFPT' });
    expect(await client.next('viewing', (m) => m.refusal?.missing?.length === 1, AT_ONCE_MS)).toMatchObject({ refusal: { missing: ['tool_use'] } });
    await call('POST', '/api/users/olga/trainings', { kind: 'tool_use', atMs: 0, trainer: 'CNFPT' });
    await client.next('viewing', (m) => m.ok, AT_ONCE_MS);
    client.ws.send(JSON.stringify({ type: 'subscribe', cameras: ['cam1'] }));
    await client.next('frame', undefined, 30_000);

    // Withdrawn while watching: told at once, no frame after.
    expect((await call('POST', '/api/users/olga/habilitation/withdraw', { why: 'left the service' })).status).toBe(200);
    const cut = await client.next('viewing', (m) => m.refusal?.reason === 'habilitation_withdrawn', AT_ONCE_MS);
    expect(cut.refusal).toMatchObject({ reason: 'habilitation_withdrawn', withdrawn: { by: 'admin', why: 'left the service' } });
    expect(await framesMeanwhile(watcher, client, 5)).toBe(0);
    expect((await call('GET', '/api/alerts', undefined, olga)).status).toBe(403);
    watcher.close();
    client.close();
  });

  it('the test helper habilitates through the API, journaled', async () => {
    expect((await call('POST', '/api/users', { username: 'marc', password: 'marc-pass-1', role: 'supervisor' })).status).toBe(201);
    await habilitate(server.url, admin, 'marc');
    const rows = server.store.journal.list({ action: 'habilitation.' }).filter((e) => e.target === 'marc');
    expect(rows.map((e) => [e.action, e.actor])).toEqual([['habilitation.grant', 'admin']]);
  });
});
