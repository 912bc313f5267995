/**
 * Privacy masks end to end under `vigie serve`: the masked part of the view is black for the
 * detector, in the alert snapshot, in the evidence clip, in live frames and in the camera's latest
 * frame. The region checked is the mask shrunk by a margin (JPEG and H.264 blur its edges), and the
 * same region of the source is checked to be bright, so the test fails when the mask is not applied.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraSchema, siteConfigSchema } from '../config/schema.ts';
import type { DetectorInput } from '../detect/detector.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { makeTestClip } from '../ingest/testing.ts';
import { silentLogger } from './log.ts';
import { startServer, type RunningServer } from './server.ts';
import { claimAdmin, connectWs, personDetector, testAuthorisation } from './testing.ts';

const ffmpeg = resolveFfmpegPath();

/** The mask: the right-hand part of the view, clear of the zone, the person's box and the clip's burnt-in text. */
const MASK: [number, number][] = [[0.7, 0.2], [0.98, 0.2], [0.98, 0.8], [0.7, 0.8]];
/** The region checked: the mask less a margin. */
const INNER = { x1: 0.76, y1: 0.3, x2: 0.92, y2: 0.7 };

interface Rgb {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Mean of every channel of the pixels inside the normalised rectangle. */
function regionMean(img: Rgb, r = INNER): number {
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

const decodeJpeg = (bytes: Uint8Array): Rgb => jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });

/** Every frame of a video file, decoded to RGB24 at the given size. */
function decodeVideo(file: string, width: number, height: number): Rgb[] {
  const raw = execFileSync(ffmpeg!, ['-v', 'error', '-i', file, '-vf', `scale=${width}:${height}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 28 });
  const size = width * height * 3;
  return Array.from({ length: Math.floor(raw.length / size) }, (_, i) => ({ width, height, data: raw.subarray(i * size, (i + 1) * size) }));
}

describe.skipIf(!ffmpeg)('privacy masks under vigie serve', () => {
  let dir: string;
  let clip: string;
  let server: RunningServer;
  let cookie: string;
  /** regionMean of each frame the detector received. */
  const detectorSaw: number[] = [];
  const site = siteConfigSchema.parse({ analysis: { fps: 5, width: 160 } });
  const api = (p: string): Promise<Response> => fetch(`${server.url}${p}`, { headers: { Cookie: `vigie_session=${cookie}` } });

  const recordingDetector = async () => {
    const { detector } = await personDetector()();
    const detect = (frame: DetectorInput) => {
      detectorSaw.push(regionMean(frame));
      return detector.detect(frame);
    };
    return { detector: { ...detector, detect } };
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-masks-'));
    clip = path.join(dir, 'clip.mp4');
    await makeTestClip(ffmpeg!, clip, 6, '320x240', 10);
    const camera = cameraSchema.parse({
      id: 'cam1',
      url: clip,
      loop: true,
      realtime: true,
      events: ['intrusion'],
      zones: [{ id: 'yard', kind: 'forbidden', polygon: [[0.05, 0.05], [0.65, 0.05], [0.65, 0.95], [0.05, 0.95]] }],
      privacyMasks: [MASK],
    });
    server = await startServer({ dataDir: path.join(dir, 'data'), site, seedCameras: [camera], seedAuthorisations: [testAuthorisation([camera])], port: 0, logger: silentLogger, openDetector: recordingDetector, clip: { preMs: 2000, postMs: 2000 }, webDir: path.join(dir, 'no-web') });
    cookie = await claimAdmin(server.url, server.setupToken());
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the source is bright where the mask lies (the checks below would fail without the mask)', () => {
    const frames = decodeVideo(clip, 160, 120);
    expect(frames.length).toBeGreaterThan(10);
    for (const f of frames) expect(regionMean(f)).toBeGreaterThan(40);
  });

  it('is black for the detector, in live frames, in the alert snapshot, in the latest frame and in the evidence clip', async () => {
    const client = await connectWs(server.url.replace('http', 'ws') + '/ws', { Cookie: `vigie_session=${cookie}`, Origin: server.url });
    await client.next('hello');
    client.ws.send(JSON.stringify({ type: 'subscribe', cameras: ['cam1'] }));

    const live = await client.next('frame');
    const liveImg = decodeJpeg(Buffer.from(live.jpeg, 'base64'));
    expect(liveImg).toMatchObject({ width: 160, height: 120 });
    expect(regionMean(liveImg)).toBeLessThan(8);
    expect(regionMean(liveImg, { x1: 0.1, y1: 0.3, x2: 0.3, y2: 0.7 })).toBeGreaterThan(40);

    const alert = (await client.next('alert')).alert;
    expect(alert).toMatchObject({ cameraId: 'cam1', type: 'intrusion' });
    expect(detectorSaw.length).toBeGreaterThan(0);
    expect(Math.max(...detectorSaw)).toBe(0);

    const snapshot = await api(`/api/alerts/${alert.id}/snapshot.jpg`);
    expect(snapshot.status).toBe(200);
    expect(regionMean(decodeJpeg(new Uint8Array(await snapshot.arrayBuffer())))).toBeLessThan(8);
    const latest = await api('/api/cameras/cam1/snapshot.jpg');
    expect(latest.status).toBe(200);
    expect(regionMean(decodeJpeg(new Uint8Array(await latest.arrayBuffer())))).toBeLessThan(8);

    await client.next('alert-updated', (m) => m.alert.id === alert.id && m.alert.clipPath !== undefined);
    const res = await api(`/api/alerts/${alert.id}/clip.mp4`);
    expect(res.status).toBe(200);
    const file = path.join(dir, 'evidence.mp4');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const frames = decodeVideo(file, 160, 120);
    expect(frames.length).toBeGreaterThan(5);
    for (const [i, f] of frames.entries()) expect(regionMean(f), `clip frame ${i}`).toBeLessThan(8);
    client.close();
  });
});
