import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { freePort, makeTestClip } from '../ingest/testing.ts';
import { testCameraSource } from './camera-test.ts';

const ffmpeg = resolveFfmpegPath();

describe.skipIf(!ffmpeg)('testCameraSource', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-camtest-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns one frame of a working source as a JPEG data URL', async () => {
    const clip = path.join(dir, 'ok.mp4');
    await makeTestClip(ffmpeg!, clip, 2, '320x240', 10);
    const r = await testCameraSource(clip, { width: 160 });
    expect(r).toMatchObject({ ok: true, width: 160, height: 120 });
    if (r.ok) expect(Buffer.from(r.snapshot.replace('data:image/jpeg;base64,', ''), 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it.each([
    ['a missing file', () => path.join(dir, 'missing.mp4'), /missing\.mp4/],
    ['a refused RTSP connection', async () => `rtsp://127.0.0.1:${await freePort()}/cam`, /127\.0\.0\.1/],
  ])('gives the reason for %s', async (_name, url, reason) => {
    const r = await testCameraSource(await url(), { timeoutMs: 8000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('gives up after the timeout on a source that never answers', async () => {
    const r = await testCameraSource('http://10.255.255.1:81/stream', { timeoutMs: 1500 });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/no image within 2 s|10\.255\.255\.1/) });
  });
});
