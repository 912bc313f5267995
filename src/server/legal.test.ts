/**
 * `vigie serve` under the legal framework (legal.requireAuthorisation, the product's default), on a
 * real looping clip with a detector that counts its calls per camera: a camera is not analysed
 * before its window opens, starts when it opens, stops by itself at the expiry (journaled); an event
 * type the authorisation does not list is not analysed; the kill switch stops a running camera at
 * once; live view is refused outside the window while the alerts raised inside stay reviewable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Detection, Frame } from '../core/types.ts';
import { cameraSchema, siteConfigSchema } from '../config/schema.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { makeTestClip, waitFor } from '../ingest/testing.ts';
import { silentLogger } from './log.ts';
import { startServer, type RunningServer } from './server.ts';
import type { SharedDetector } from './detector.ts';
import { claimAdmin, testAuthorisation, yardCamera } from './testing.ts';

const ffmpeg = resolveFfmpegPath();

/** A person walking into the middle over each camera's first 10 analysed frames; calls counted per camera. */
function countingDetector(calls: Map<string, number>): () => Promise<SharedDetector> {
  const box = { x1: 0.4, y1: 0.3, x2: 0.6, y2: 0.8 };
  return async () => ({
    detector: {
      name: 'counting-person',
      detect: async (frame: Frame): Promise<Detection[]> => {
        const n = calls.get(frame.cameraId) ?? 0;
        calls.set(frame.cameraId, n + 1);
        const shift = -box.x1 * Math.max(0, 1 - n / 10);
        return [{ box: { ...box, x1: box.x1 + shift, x2: box.x2 + shift }, label: 'person', score: 0.9 }];
      },
      close: async () => undefined,
    },
  });
}

describe.skipIf(!ffmpeg)('vigie serve: authorisations and the kill switch', () => {
  let dir: string;
  let server: RunningServer;
  let cookie: string;
  const calls = new Map<string, number>();
  const count = (id: string): number => calls.get(id) ?? 0;
  let opensAtMs = 0;
  let endsAtMs = 0;
  const api = (p: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${server.url}${p}`, { ...init, headers: { Cookie: `vigie_session=${cookie}`, 'Content-Type': 'application/json', ...init.headers } });
  const journal = (action: string, target?: string) => server.store.journal.list({ action }).filter((e) => target === undefined || e.target === target);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-legal-'));
    const clip = path.join(dir, 'clip.mp4');
    await makeTestClip(ffmpeg!, clip, 6, '320x240', 10);
    const yard = yardCamera(clip, 'yard');
    // Intrusion and wrong way enabled (stored before the order changed), only wrong way authorised.
    const lane = cameraSchema.parse({ ...yardCamera(clip, 'lane'), events: ['intrusion', 'wrong_way'] });
    // Time enough to start and sign in before the window opens, and to raise an alert within it, on a loaded machine.
    opensAtMs = Date.now() + 4000;
    endsAtMs = opensAtMs + 12_000;
    server = await startServer({
      dataDir: path.join(dir, 'data'),
      site: siteConfigSchema.parse({ analysis: { fps: 5, width: 160 } }),
      seedCameras: [yard, lane],
      seedAuthorisations: [
        testAuthorisation([yard], { reference: 'AP-YARD', startMs: opensAtMs, endMs: endsAtMs }),
        testAuthorisation(['lane'], { reference: 'AP-LANE', events: ['wrong_way'] }),
      ],
      port: 0,
      logger: silentLogger,
      openDetector: countingDetector(calls),
      ffmpegPath: null,
      webDir: path.join(dir, 'no-web'),
    });
    cookie = await claimAdmin(server.url, server.setupToken());
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not analyse a camera before its window, starts it when it opens, stops it at the expiry; alerts carry the reference and stay reviewable, live view does not', async () => {
    expect(Date.now()).toBeLessThan(opensAtMs);
    const view = async () => (await (await api('/api/cameras/yard')).json()) as { status: { state: string; reason?: string } };
    expect((await view()).status).toMatchObject({ state: 'failed', reason: expect.stringContaining('not authorised: authorisation AP-YARD (Préfecture (test)) starts at') });
    expect((await api('/api/cameras/yard/snapshot.jpg')).status).toBe(403);
    await waitFor('lane analysed', () => count('lane') > 3);
    expect(count('yard')).toBe(0); // the detector was never called for it

    await waitFor('yard started when its window opened', () => journal('processing.started', 'yard').length > 0, 15_000);
    expect(Date.now()).toBeGreaterThanOrEqual(opensAtMs);
    await waitFor('yard analysed', () => count('yard') > 3);
    await waitFor('an intrusion alert on yard', () => server.store.alerts.listAlerts({ cameraId: 'yard' }).length > 0, 12_000);
    const alert = server.store.alerts.listAlerts({ cameraId: 'yard' })[0]!;
    expect(alert.details).toMatchObject({ authorisation: 'AP-YARD' });
    expect(journal('alert.raised').find((e) => e.target === alert.id)?.details).toMatchObject({ authorisation: 'AP-YARD', cameraId: 'yard' });
    expect((await api('/api/cameras/yard/snapshot.jpg')).status).toBe(200);

    await waitFor('yard stopped at the expiry', () => journal('processing.stopped', 'yard').length > 0, 20_000);
    expect(Date.now()).toBeGreaterThanOrEqual(endsAtMs);
    expect(journal('authorisation.expired')[0]).toMatchObject({ details: { reference: 'AP-YARD', endMs: endsAtMs } });
    expect(journal('processing.stopped', 'yard')[0]).toMatchObject({ details: { reason: 'expired', authorisation: 'AP-YARD' } });
    const after = count('yard');
    await sleep(800);
    expect(count('yard')).toBe(after);
    expect((await view()).status).toMatchObject({ state: 'failed', reason: expect.stringContaining('expired at') });
    const live = await api('/api/cameras/yard/snapshot.jpg');
    expect(live.status).toBe(403);
    expect(((await live.json()) as { error: { message: string } }).error.message).toContain('outside its authorisation');
    // Decided: the alerts raised while authorised stay reviewable for the retention period.
    expect((await api(`/api/alerts/${alert.id}`)).status).toBe(200);
    expect((await api('/api/legal/state')).status).toBe(200);
  }, 60_000);

  it('does not analyse an event type the authorisation does not list', async () => {
    await waitFor('lane analysed long enough for an intrusion', () => count('lane') > 30, 20_000);
    expect(server.store.alerts.listAlerts({ cameraId: 'lane' }).filter((a) => a.type === 'intrusion')).toEqual([]);
    // Not even raised and refused at the sink: the intrusion rule does not run on this camera.
    expect(journal('alert.refused', 'lane')).toEqual([]);
    const put = await api('/api/cameras/lane', { method: 'PUT', body: JSON.stringify({ ...yardCamera('/x.mp4', 'lane'), events: ['intrusion', 'wrong_way', 'fire'] }) });
    expect(put.status).toBe(400);
  }, 30_000);

  it('stops a running camera at once with the kill switch, journaled with who and why; released by an admin, it runs again', async () => {
    const res = await api('/api/killswitch', { method: 'POST', body: JSON.stringify({ scope: 'camera', target: 'lane', why: 'manifestation en cours' }) });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const frozen = count('lane');
    await sleep(800);
    expect(count('lane')).toBe(frozen);
    expect(journal('killswitch.engage')[0]).toMatchObject({ actor: 'admin', target: 'lane', details: { scope: 'camera', why: 'manifestation en cours' } });
    expect(journal('processing.stopped', 'lane')[0]).toMatchObject({ details: { reason: 'killed' } });

    expect((await api(`/api/killswitch/${id}/release`, { method: 'POST', body: JSON.stringify({ why: 'fin de la manifestation' }) })).status).toBe(200);
    await waitFor('lane analysed again', () => count('lane') > frozen + 3, 10_000);
    expect(journal('killswitch.release')[0]).toMatchObject({ actor: 'admin', details: { why: 'fin de la manifestation' } });
  }, 30_000);
});
