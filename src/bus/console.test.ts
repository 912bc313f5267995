import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { headers } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraSchema, siteConfigSchema, type CameraConfig } from '../config/schema.ts';
import { waitFor } from '../ingest/testing.ts';
import { startServer, type RunningServer } from '../server/server.ts';
import { adminSession, testAuthorisation, type WsClient } from '../server/testing.ts';
import type { Logger } from '../server/log.ts';
import { systemHealthSchema } from '../api/doc-schemas.ts';
import { connectBus, type Bus } from './connect.ts';
import { busKey, CLIP_HEADERS, SUBJECT_ALERTS, SUBJECT_LIVE, SUBJECT_LIVE_WATCH, SUBJECT_MEDIA, SUBJECT_STATUS, cameraAssignmentSchema, type AlertMessage, type CameraAssignment, type LiveFrame, type StatusMessage } from './protocol.ts';
import { natsServerPath, NO_NATS_SERVER, startTestNats, type TestNats } from './testing.ts';

const camera = (id: string, events: CameraConfig['events'] = ['intrusion']): CameraConfig =>
  cameraSchema.parse({ id, url: `rtsp://127.0.0.1:1/${id}`, events, zones: [{ id: 'yard', kind: 'forbidden', polygon: [[0.1, 0.1], [0.9, 0.1], [0.9, 0.9], [0.1, 0.9]] }] });

/** The fake worker's side of the protocol: reads KV, publishes alerts, clips and status. */
function fakeWorker(bus: Bus) {
  let n = 0;
  return {
    async assignment(id: string): Promise<{ value: CameraAssignment; revision: number } | undefined> {
      const e = await bus.cameras.get(busKey(id));
      if (!e || e.operation !== 'PUT') return undefined;
      return { value: cameraAssignmentSchema.parse(e.json()), revision: e.revision };
    },
    alert(id: string, over: Partial<AlertMessage['alert']> = {}): AlertMessage {
      const at = Date.now();
      return {
        v: 1,
        workerId: 'w1',
        alert: { id, cameraId: 'cam1', type: 'intrusion', tMs: 1000 + n++, frameWallMs: at, createdAtMs: at, zoneId: 'yard', score: 0.9, message: 'intrusion in zone yard', ...over },
        snapshotJpegBase64: Buffer.from([0xff, 0xd8, 0xff, 0xd9]).toString('base64'),
        model: { name: 'fake-worker.onnx', sha256: 'f'.repeat(64) },
      };
    },
    async publishAlert(m: AlertMessage | string, msgID: string, subjectCamera = 'cam1'): Promise<boolean> {
      const ack = await bus.js.publish(`${SUBJECT_ALERTS}.${busKey(subjectCamera)}`, typeof m === 'string' ? m : JSON.stringify(m), { msgID });
      return ack.duplicate;
    },
    async publishClip(clipId: string, alertIds: string[], bytes: Buffer, order: number[]): Promise<void> {
      const size = Math.ceil(bytes.length / order.length);
      const sha = createHash('sha256').update(bytes).digest('hex');
      for (const i of order) {
        const h = headers();
        h.set(CLIP_HEADERS.clipId, clipId);
        h.set(CLIP_HEADERS.index, String(i));
        h.set(CLIP_HEADERS.count, String(order.length));
        h.set(CLIP_HEADERS.alertIds, alertIds.join(','));
        h.set(CLIP_HEADERS.cameraId, 'cam1');
        h.set(CLIP_HEADERS.sha256, sha);
        await bus.js.publish(`${SUBJECT_MEDIA}.${alertIds[0]}`, bytes.subarray(i * size, (i + 1) * size), { headers: h, msgID: `${clipId}-${i}` });
      }
    },
    async publishStatus(cameraId: string, fps: number): Promise<void> {
      const now = Date.now();
      const m: StatusMessage = { v: 1, cameraId, workerId: 'w1', atMs: now, status: { state: 'running', sinceMs: now - 5000 }, stats: { fps, dropped: 0, decoded: 100, restarts: 0, dropRate: 0, lastFrameMs: now } };
      await bus.js.publish(`${SUBJECT_STATUS}.${busKey(cameraId)}`, JSON.stringify(m));
    },
  };
}

/** The first defined value `get` gives within timeoutMs. */
async function eventually<T>(what: string, get: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!natsServerPath())(`vigie serve --bus${natsServerPath() ? "" : ` (${NO_NATS_SERVER})`}`, () => {
  let nats: TestNats;
  let dir: string;
  let server: RunningServer;
  let workerBus: Bus;
  let worker: ReturnType<typeof fakeWorker>;
  let cookie: string;
  let ws: WsClient;
  const errors: string[] = [];
  const logger: Logger = { info: () => undefined, error: (m) => void errors.push(m) };
  // cam1 may analyse intrusion only: its fire is narrowed away; cam2 is added through the API.
  const seeded = camera('cam1', ['intrusion', 'fire']);
  const site = siteConfigSchema.parse({ analysis: { fps: 5, width: 160 }, health: { cameraLossS: 2 } });
  const start = (): Promise<RunningServer> =>
    startServer({ dataDir: path.join(dir, 'data'), site, seedCameras: [seeded], seedAuthorisations: [testAuthorisation(['cam1', 'cam2', 'cam3'], { events: ['intrusion'] })], port: 0, logger, webDir: path.join(dir, 'no-web'), ffmpegPath: null, watchIntervalMs: 250, bus: { url: nats.url } });
  const api = (p: string, init: RequestInit = {}): Promise<Response> => fetch(`${server.url}${p}`, { ...init, headers: { Cookie: `vigie_session=${cookie}`, 'Content-Type': 'application/json', ...init.headers } });
  const alertMessages = (id: string): number => ws.messages.filter((m) => m.type === 'alert' && m.alert.id === id).length;

  beforeAll(async () => {
    nats = await startTestNats();
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-console-bus-'));
    server = await start();
    ({ cookie, ws } = await adminSession(server.url, server.setupToken()));
    workerBus = await connectBus({ url: nats.url, name: 'fake-worker' });
    worker = fakeWorker(workerBus);
  }, 60_000);
  afterAll(async () => {
    ws?.close();
    await server?.close();
    await workerBus?.close();
    await nats?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts a seeded camera in KV as narrowed by its authorisation, with the site analysis', async () => {
    const a = await worker.assignment('cam1');
    expect(a?.value.camera.events).toEqual(['intrusion']);
    expect(a?.value.analysis).toEqual({ fps: 5, width: 160, motionGating: true });
  });

  it('assigns a camera added through the API, and deletes its key when it is removed', async () => {
    const res = await api('/api/cameras', { method: 'POST', body: JSON.stringify(camera('cam2')) });
    expect(res.status).toBe(201);
    expect((await eventually('cam2 in KV', () => worker.assignment('cam2'))).value.camera.id).toBe('cam2');
    expect((await api('/api/cameras/cam2', { method: 'DELETE' })).status).toBe(204);
    expect(await worker.assignment('cam2')).toBeUndefined();
  });

  it('deletes the key of a camera stopped by a kill switch, and puts it back when released', async () => {
    const engaged = await api('/api/killswitch', { method: 'POST', body: JSON.stringify({ scope: 'camera', target: 'cam1', why: 'test: stop cam1' }) });
    expect(engaged.status).toBe(201);
    expect(await worker.assignment('cam1')).toBeUndefined();
    const { id } = (await engaged.json()) as { id: string };
    expect((await api(`/api/killswitch/${id}/release`, { method: 'POST', body: JSON.stringify({ why: 'test: over' }) })).status).toBe(200);
    expect((await eventually('cam1 in KV again', () => worker.assignment('cam1'))).value.camera.events).toEqual(['intrusion']);
  });

  it('shows a camera running with the fps of its latest status message', async () => {
    await worker.publishStatus('cam1', 4.5);
    const m = await ws.next('camera', (c) => c.camera.id === 'cam1' && c.camera.status.state === 'running', 10_000);
    expect(m.camera.stats.fps).toBe(4.5);
  });

  it('lists the workers heard on the bus in /api/system-health; none alive: red, with why', async () => {
    const health = async () => systemHealthSchema.parse(await (await api('/api/system-health')).json());
    expect((await health()).reasons).toContainEqual(expect.stringMatching(/^no worker on the bus: none of the 1 enabled camera\(s\) is analysed/));
    const beat = { workerId: 'w9', host: 'box9', pid: 42, startedAtMs: Date.now() - 60_000, atMs: Date.now(), cameras: ['cam1'] };
    await workerBus.workers.put('w9', JSON.stringify(beat));
    const listed = await eventually('w9 listed', async () => ((await health()).workers?.some((w) => w.workerId === 'w9') ? health() : undefined));
    expect(listed.workers).toEqual([{ workerId: 'w9', host: 'box9', level: 'ok', cameras: ['cam1'], startedAtMs: beat.startedAtMs, silentForMs: expect.any(Number) }]);
    expect(listed.reasons.filter((r) => r.includes('worker'))).toEqual([]);
    await workerBus.workers.delete('w9');
    await eventually('w9 gone', async () => ((await health()).workers?.length === 0 ? true : undefined));
  });

  it('raises camera_lost for a camera no status message has come for', async () => {
    const res = await api('/api/cameras', { method: 'POST', body: JSON.stringify(camera('cam3')) });
    expect(res.status).toBe(201);
    await waitFor('camera_lost of cam3', () => server.store.systemAlerts.open().some((a) => a.kind === 'camera_lost' && a.target === 'cam3'), 10_000);
    expect((await api('/api/cameras/cam3', { method: 'DELETE' })).status).toBe(204);
  });

  it('stores and broadcasts an alert once, whatever the duplicates, with its snapshot, authorisation and model', async () => {
    const first = worker.alert('BUS-A1');
    expect(await worker.publishAlert(first, 'BUS-A1')).toBe(false);
    expect(await worker.publishAlert(first, 'BUS-A1')).toBe(true); // refused by the stream
    await worker.publishAlert(first, 'BUS-A1-again'); // the stream takes it; the console knows the id
    await worker.publishAlert(worker.alert('BUS-A2'), 'BUS-A2');
    await ws.next('alert', (m) => m.alert.id === 'BUS-A2', 10_000);
    expect(alertMessages('BUS-A1')).toBe(1);
    const stored = server.store.alerts.getAlert('BUS-A1');
    expect(stored?.details?.authorisation).toBe('AP-TEST');
    expect(readFileSync(path.join(server.store.alerts.mediaDir, stored!.snapshotPath!))).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    const raised = server.store.journal.list({ action: 'alert.raised' }).filter((e) => e.target === 'BUS-A1');
    expect(raised).toHaveLength(1);
    expect(raised[0]?.details).toMatchObject({ model: 'fake-worker.onnx', authorisation: 'AP-TEST' });
  });

  it('refuses an alert of a type the authorisation does not list (journaled, not stored)', async () => {
    await worker.publishAlert(worker.alert('BUS-FIRE', { type: 'fire', zoneId: undefined }), 'BUS-FIRE');
    await worker.publishAlert(worker.alert('BUS-A3'), 'BUS-A3');
    await ws.next('alert', (m) => m.alert.id === 'BUS-A3', 10_000);
    expect(server.store.alerts.getAlert('BUS-FIRE')).toBeUndefined();
    expect(server.store.journal.list({ action: 'alert.refused' }).some((e) => e.details?.alertId === 'BUS-FIRE')).toBe(true);
  });

  it('logs a malformed message with its subject and goes on', async () => {
    await worker.publishAlert('{not json', 'BAD-1', 'camX');
    await worker.publishAlert(JSON.stringify({ v: 1, workerId: 'w1', alert: { id: 'x' } }), 'BAD-2', 'camX');
    await worker.publishAlert(worker.alert('BUS-A4'), 'BUS-A4');
    await ws.next('alert', (m) => m.alert.id === 'BUS-A4', 10_000);
    expect(errors.filter((e) => e.includes(`${SUBJECT_ALERTS}.camX`))).toHaveLength(2);
  });

  it('records a clip sent in 3 chunks on its alert, with its bytes', async () => {
    await worker.publishAlert(worker.alert('BUS-C1'), 'BUS-C1');
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
    await worker.publishClip('clip-1', ['BUS-C1'], bytes, [2, 0, 1]);
    const updated = await ws.next('alert-updated', (m) => m.alert.id === 'BUS-C1' && m.alert.clipPath !== undefined, 10_000);
    expect(updated.alert.clipPath).toBe(server.store.alerts.getAlert('BUS-C1')?.snapshotPath?.replace(/\.jpg$/, '.mp4'));
    expect(readFileSync(path.join(server.store.alerts.mediaDir, updated.alert.clipPath!))).toEqual(bytes);
  });

  it('asks the workers for the frames of a watched camera, forwards them with its active alerts and serves the latest as snapshot.jpg', async () => {
    const watches: string[] = [];
    const sub = workerBus.nc.subscribe(`${SUBJECT_LIVE_WATCH}.>`, { callback: (_e, m) => void watches.push(m.subject) });
    await worker.publishAlert(worker.alert('BUS-L1'), 'BUS-L1');
    await ws.next('alert', (m) => m.alert.id === 'BUS-L1', 10_000);
    ws.ws.send(JSON.stringify({ type: 'subscribe', cameras: ['cam1'] }));
    await waitFor('a watch message for cam1', () => watches.includes(`${SUBJECT_LIVE_WATCH}.cam1`), 5000);
    const jpegBytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    const frame: LiveFrame = { v: 1, workerId: 'w1', cameraId: 'cam1', tMs: 4200, wallMs: Date.now(), width: 160, height: 90, jpegBase64: jpegBytes.toString('base64'), tracks: [{ id: 7, label: 'person', box: { x1: 0.1, y1: 0.2, x2: 0.3, y2: 0.8 } }] };
    workerBus.nc.publish(`${SUBJECT_LIVE}.cam1`, JSON.stringify(frame));
    const m = await ws.next('frame', (x) => x.cameraId === 'cam1' && x.tMs === 4200, 5000);
    expect(m).toMatchObject({ width: 160, height: 90, jpeg: frame.jpegBase64, tracks: frame.tracks });
    expect(m.activeAlertIds).toContain('BUS-L1');
    const res = await api('/api/cameras/cam1/snapshot.jpg');
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(jpegBytes);
    ws.ws.send(JSON.stringify({ type: 'subscribe', cameras: [] }));
    sub.unsubscribe();
  });

  it('keeps the assignments through a console restart without rewriting them, and stores the alerts it missed', async () => {
    const before = await worker.assignment('cam1');
    ws.close();
    await server.close();
    expect((await worker.assignment('cam1'))?.revision).toBe(before?.revision); // detached: the worker goes on
    const missed = ['BUS-M1', 'BUS-M2', 'BUS-M3'];
    for (const id of missed) await worker.publishAlert(worker.alert(id), id);
    server = await start();
    expect((await worker.assignment('cam1'))?.revision).toBe(before?.revision);
    await waitFor('the missed alerts stored', () => missed.every((id) => server.store.alerts.getAlert(id) !== undefined), 10_000);
    expect(server.store.alerts.getAlert('BUS-A1')?.id).toBe('BUS-A1');
    expect(server.store.journal.list({ action: 'alert.raised' }).filter((e) => e.target === 'BUS-A1')).toHaveLength(1);
  });

  it('goes on consuming after the nats-server restarted', async () => {
    await nats.restart();
    // The first publish after a restart may time out (see src/bus/testing.ts): tried again.
    const ok = await eventually('a publish taken', () => worker.publishAlert(worker.alert('BUS-R1'), 'BUS-R1').then(() => true, () => undefined), 30_000);
    expect(ok).toBe(true);
    await waitFor('the alert published after the restart stored', () => server.store.alerts.getAlert('BUS-R1') !== undefined, 20_000);
  }, 60_000);
});
