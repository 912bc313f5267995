/**
 * The live view in the distributed mode, end to end: a real `vigie serve --bus` console and a real
 * worker on a private nats-server, a looping clip camera with a privacy mask. Frames travel on the
 * bus only while a WebSocket client watches; they are masked; snapshot.jpg serves them; a camera
 * whose live view the legal control refuses gets none, even if frames were published for it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraSchema, siteConfigSchema, type CameraConfig } from '../config/schema.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { makeTestClip } from '../ingest/testing.ts';
import { startServer, type RunningServer } from '../server/server.ts';
import { adminSession, personDetector, testAuthorisation, type WsClient } from '../server/testing.ts';
import type { Logger } from '../server/log.ts';
import { liveNoFrame } from './console-live.ts';
import { LIVE_WATCH_TTL_MS, SUBJECT_LIVE, SUBJECT_LIVE_WATCH, liveFrameSchema, parseBusMessage, type LiveFrame } from './protocol.ts';
import { natsServerPath, startTestNats, type TestNats } from './testing.ts';
import { startWorker, type RunningWorker } from './worker.ts';

const ffmpeg = resolveFfmpegPath();
/** The mask: the right-hand part of the view; the region checked is the mask less a margin (JPEG blurs edges). */
const MASK: [number, number][] = [[0.7, 0.2], [0.98, 0.2], [0.98, 0.8], [0.7, 0.8]];
const INNER = { x1: 0.76, y1: 0.3, x2: 0.92, y2: 0.7 };
const OUTSIDE = { x1: 0.1, y1: 0.3, x2: 0.3, y2: 0.7 };

function regionMean(bytes: Uint8Array, r: typeof INNER): number {
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });
  let sum = 0;
  let n = 0;
  for (let y = Math.ceil(r.y1 * img.height); y < Math.floor(r.y2 * img.height); y++) {
    for (let x = Math.ceil(r.x1 * img.width); x < Math.floor(r.x2 * img.width); x++) {
      for (let c = 0; c < 3; c++) sum += img.data[(y * img.width + x) * 3 + c] ?? 0;
      n += 3;
    }
  }
  return sum / n;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!ffmpeg || !natsServerPath())('live view over the bus', () => {
  let nats: TestNats;
  let dir: string;
  let server: RunningServer;
  let worker: RunningWorker;
  let nc: NatsConnection;
  let cookie: string;
  let ws: WsClient;
  const onBus: { subject: string; data: Uint8Array }[] = [];
  const logs: string[] = [];
  const logger: Logger = { info: () => undefined, error: (m) => void logs.push(m) };
  const site = siteConfigSchema.parse({ analysis: { fps: 5, width: 160 } });
  const api = (p: string): Promise<Response> => fetch(`${server.url}${p}`, { headers: { Cookie: `vigie_session=${cookie}` } });
  const liveOf = (id: string) => onBus.filter((m) => m.subject === `${SUBJECT_LIVE}.${id}`);
  const watchesOf = (id: string) => onBus.filter((m) => m.subject === `${SUBJECT_LIVE_WATCH}.${id}`);
  const framesAtClient = (id: string) => ws.messages.filter((m) => m.type === 'frame' && m.cameraId === id).length;
  const subscribe = (cameras: string[]): void => ws.ws.send(JSON.stringify({ type: 'subscribe', cameras }));

  beforeAll(async () => {
    nats = await startTestNats();
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-bus-live-'));
    const clip = path.join(dir, 'clip.mp4');
    await makeTestClip(ffmpeg!, clip, 6, '320x240', 10);
    const clipCamera = (id: string): CameraConfig =>
      cameraSchema.parse({ id, url: clip, loop: true, realtime: true, events: ['intrusion'], zones: [{ id: 'yard', kind: 'forbidden', polygon: [[0.05, 0.05], [0.65, 0.05], [0.65, 0.95], [0.05, 0.95]] }], privacyMasks: [MASK] });
    // cam1 is authorised; cam2 is not (no live view, not analysed); cam3 is authorised but its stream never answers.
    const cam3 = cameraSchema.parse({ id: 'cam3', url: 'rtsp://127.0.0.1:1/none', events: ['intrusion'] });
    server = await startServer({ dataDir: path.join(dir, 'data'), site, seedCameras: [clipCamera('cam1'), clipCamera('cam2'), cam3], seedAuthorisations: [testAuthorisation(['cam1', 'cam3'], { events: ['intrusion'] })], port: 0, logger, webDir: path.join(dir, 'no-web'), ffmpegPath: null, bus: { url: nats.url } });
    ({ cookie, ws } = await adminSession(server.url, server.setupToken()));
    nc = await connect({ servers: nats.url });
    nc.subscribe('vigie.live.>', { callback: (_e, m) => void onBus.push({ subject: m.subject, data: m.data }) });
    nc.subscribe('vigie.live-watch.>', { callback: (_e, m) => void onBus.push({ subject: m.subject, data: m.data }) });
    worker = await startWorker({ busUrl: nats.url, site, workerId: 'w1', logger, openDetector: personDetector(), ffmpegPath: null });
    await ws.next('camera', (m) => m.camera.id === 'cam1' && m.camera.status.state === 'running', 20_000);
  }, 60_000);
  afterAll(async () => {
    ws?.close();
    await worker?.close();
    await server?.close();
    await nc?.close();
    await nats?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes no frame while nobody watches', async () => {
    await sleep(2500);
    expect(worker.running()).toContain('cam1');
    expect(onBus).toHaveLength(0);
  });

  it('sends the worker\'s frames, masked and with their tracks, to a client that watches', async () => {
    subscribe(['cam1']);
    const frame = await ws.next('frame', (m) => m.cameraId === 'cam1' && m.tracks.length > 0, 15_000);
    expect(frame).toMatchObject({ width: 160, height: 120 });
    expect(frame.tracks[0]).toMatchObject({ label: 'person' });
    const bytes = Buffer.from(frame.jpeg, 'base64');
    expect(regionMean(bytes, INNER)).toBeLessThan(8);
    expect(regionMean(bytes, OUTSIDE)).toBeGreaterThan(40);
    const published = liveOf('cam1').map((m) => parseBusMessage(liveFrameSchema, m.subject, m.data));
    expect(published.length).toBeGreaterThan(0);
    expect(published.every((r) => r.ok && r.value.workerId === 'w1')).toBe(true);
    expect(watchesOf('cam1').length).toBeGreaterThan(0);
  });

  it('serves the latest live frame as snapshot.jpg', async () => {
    const res = await api('/api/cameras/cam1/snapshot.jpg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(jpeg.decode(bytes)).toMatchObject({ width: 160, height: 120 });
    expect(regionMean(bytes, INNER)).toBeLessThan(8);
  });

  it('stops the frames within a few seconds once the client stops watching', async () => {
    subscribe([]);
    await sleep(LIVE_WATCH_TTL_MS + 1500);
    const onBusThen = liveOf('cam1').length;
    const atClientThen = framesAtClient('cam1');
    await sleep(2500);
    expect(liveOf('cam1').length).toBe(onBusThen);
    expect(framesAtClient('cam1')).toBe(atClientThen);
  });

  it('gives no frame of a camera whose live view the legal control refuses, even one published for it', async () => {
    subscribe(['cam2']);
    const m = await ws.next('live-unavailable', (x) => x.cameraId === 'cam2', 5000);
    expect(m.reason).toContain('refused');
    const forged: LiveFrame = { v: 1, workerId: 'rogue', cameraId: 'cam2', tMs: 0, wallMs: Date.now(), width: 2, height: 2, jpegBase64: Buffer.from([0xff, 0xd8, 0xff, 0xd9]).toString('base64'), tracks: [] };
    for (let i = 0; i < 5; i++) nc.publish(`${SUBJECT_LIVE}.cam2`, JSON.stringify(forged));
    await sleep(2500);
    expect(watchesOf('cam2')).toHaveLength(0);
    expect(framesAtClient('cam2')).toBe(0);
    expect((await api('/api/cameras/cam2/snapshot.jpg')).status).toBe(403);
  });

  it('says why when a watched camera sends no frame, and snapshot.jpg finds none', async () => {
    subscribe(['cam3']);
    const m = await ws.next('live-unavailable', (x) => x.cameraId === 'cam3', 12_000);
    expect(m.reason).toBe(liveNoFrame());
    expect(watchesOf('cam3').length).toBeGreaterThan(0);
    const res = await api('/api/cameras/cam3/snapshot.jpg');
    expect(res.status).toBe(404);
    expect(liveOf('cam3')).toHaveLength(0);
  }, 20_000);
});
