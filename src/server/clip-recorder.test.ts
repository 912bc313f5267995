import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Alert, Frame } from '../core/types.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { silentLogger } from './log.ts';
import { createClipRecorder, measuredFps } from './clip-recorder.ts';
import { packFrame, yuv420Size } from './frame-codec.ts';

const ffmpeg = resolveFfmpegPath();
const ffprobe = ffmpeg ? path.join(path.dirname(ffmpeg), 'ffprobe') : undefined;

const frame = (seq: number, cameraId = 'gate', w = 64, h = 48): Frame => ({
  cameraId,
  seq,
  tMs: seq * 200,
  wallMs: 0,
  width: w,
  height: h,
  data: new Uint8Array(w * h * 3).fill((seq * 7) % 256),
});
const alert = (id: string, seq: number): Alert => ({ id, cameraId: 'gate', type: 'intrusion', tMs: seq * 200, frameWallMs: 0, createdAtMs: Date.UTC(2024, 0, 2), score: 1, message: 'm' });

function probe(file: string): { codec: string; pixFmt: string; frames: number; width: number } {
  const out = execFileSync(ffprobe!, ['-v', 'error', '-select_streams', 'v:0', '-count_frames', '-show_entries', 'stream=codec_name,pix_fmt,nb_read_frames,width', '-of', 'json', file], { encoding: 'utf8' });
  const s = (JSON.parse(out) as { streams: { codec_name: string; pix_fmt: string; nb_read_frames: string; width: number }[] }).streams[0]!;
  return { codec: s.codec_name, pixFmt: s.pix_fmt, frames: Number(s.nb_read_frames), width: s.width };
}

it.each<[number[], number | undefined]>([
  [[], undefined],
  [[0], undefined],
  [[0, 200, 400], 5],
  [[0, 400, 800, 1000], 3],
])('measuredFps(%j) = %s', (times, fps) => {
  expect(measuredFps(times.map((tMs) => ({ tMs })))).toBe(fps);
});

describe('the evidence ring', () => {
  /** Pseudo-random pixels: they do not compress, so a packed frame is at most about its YUV 4:2:0 size. */
  const noisy = (seq: number, cameraId = 'gate'): Frame => {
    let x = seq * 2654435761 + 1;
    const data = new Uint8Array(64 * 48 * 3);
    for (let i = 0; i < data.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      data[i] = x & 255;
    }
    return { ...frame(seq, cameraId), data };
  };

  it.each<[string, (seq: number) => Frame, number]>([
    ['noise', noisy, 25 * yuv420Size(64, 48) * 1.01],
    ['flat', (seq) => frame(seq), 25 * 100],
  ])('holds the last 25 frames, packed (%s)', async (_name, make, max) => {
    const rec = createClipRecorder({ mediaDir: tmpdir(), ffmpegPath: undefined, fps: 5, logger: silentLogger, onClip: () => undefined });
    for (let seq = 0; seq < 40; seq++) rec.pushFrame(make(seq));
    const last25 = await Promise.all(Array.from({ length: 25 }, (_, i) => packFrame(make(15 + i))));
    const want = last25.reduce((sum, p) => sum + p.bytes.length, 0);
    await vi.waitFor(() => expect(rec.ringBytes('gate')).toBe(want));
    expect(want).toBeLessThanOrEqual(max);
    expect(rec.ringBytes('other')).toBe(0);
    await rec.close();
  });
});

describe.skipIf(!ffmpeg || !ffprobe || !existsSync(ffprobe))('clip recorder (real ffmpeg)', () => {
  let media: string;
  let clips: { ids: readonly string[]; rel: string }[];
  beforeEach(() => {
    media = mkdtempSync(path.join(tmpdir(), 'vigie-clips-'));
    clips = [];
  });
  afterEach(() => rmSync(media, { recursive: true, force: true }));
  const recorder = () =>
    createClipRecorder({ mediaDir: media, ffmpegPath: ffmpeg, fps: 5, logger: silentLogger, onClip: (ids, rel) => void clips.push({ ids, rel }) });

  it('encodes ~5 s before and ~5 s after an alert as H.264, joining a second alert', async () => {
    const rec = recorder();
    for (let seq = 0; seq < 90; seq++) {
      if (seq === 40) rec.onAlert(alert('a1', 40));
      if (seq === 50) rec.onAlert(alert('a2', 50));
      rec.pushFrame(frame(seq));
      if (seq === 40) expect(rec.isPending('a1')).toBe(true);
    }
    await rec.close();
    expect(clips).toEqual([{ ids: ['a1', 'a2'], rel: 'gate/2024-01-02/a1.mp4' }]);
    // 25 ring frames (3.0-7.8 s), then 8.0 s up to the second alert's end (15.0 s): 36 frames.
    expect(probe(path.join(media, clips[0]!.rel))).toEqual({ codec: 'h264', pixFmt: 'yuv420p', frames: 61, width: 64 });
    expect(rec.isPending('a1')).toBe(false);
    expect(existsSync(path.join(media, `${clips[0]!.rel}.part`))).toBe(false);
  });

  it('finishes a clip early with the frames it has when its camera stops, skipping frames of another size', async () => {
    const rec = recorder();
    for (let seq = 0; seq < 3; seq++) rec.pushFrame(frame(seq));
    rec.onAlert(alert('b1', 3));
    rec.pushFrame(frame(3));
    rec.pushFrame(frame(4, 'gate', 32, 24));
    rec.pushFrame(frame(5));
    await rec.finishCamera('gate');
    expect(clips.map((c) => c.ids)).toEqual([['b1']]);
    expect(probe(path.join(media, clips[0]!.rel)).frames).toBe(5);
  });

  it('records nothing, and says so, without ffmpeg', async () => {
    const errors: string[] = [];
    const rec = createClipRecorder({ mediaDir: media, ffmpegPath: undefined, fps: 5, logger: { info: () => undefined, error: (m) => void errors.push(m) }, onClip: () => undefined });
    rec.onAlert(alert('c1', 0));
    rec.pushFrame(frame(0));
    await rec.close();
    expect(errors).toEqual(['clip of alert c1 not written: ffmpeg not found']);
    expect(rec.isPending('c1')).toBe(false);
  });

  describe('frames the decoder made a JPEG of (Frame.evidence)', () => {
    /** A 64x48 JPEG of ffmpeg's test pattern, as the decoder's evidence copy would be. */
    const jpeg = (): Uint8Array =>
      execFileSync(ffmpeg!, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=1', '-frames:v', '1', '-c:v', 'mjpeg', '-q:v', '4', '-f', 'image2pipe', 'pipe:1']);
    const withJpeg = (seq: number, image: Uint8Array | undefined): Frame => ({ ...frame(seq), evidence: Promise.resolve(image) });

    it('keeps the JPEGs in the ring (their size) and encodes the clip from them', async () => {
      const image = jpeg();
      const rec = recorder();
      for (let seq = 0; seq < 40; seq++) rec.pushFrame(withJpeg(seq, image));
      await vi.waitFor(() => expect(rec.ringBytes('gate')).toBe(25 * image.length));
      rec.onAlert(alert('j1', 40));
      for (let seq = 40; seq < 70; seq++) rec.pushFrame(withJpeg(seq, image));
      await rec.close();
      expect(clips.map((c) => c.ids)).toEqual([['j1']]);
      // 25 ring frames (3.0-7.8 s), then 8.0 s up to the alert's end (13.0 s): 26 frames.
      expect(probe(path.join(media, clips[0]!.rel))).toEqual({ codec: 'h264', pixFmt: 'yuv420p', frames: 51, width: 64 });
    });

    it('packs a frame whose JPEG never came, and leaves it out of a clip of JPEGs, saying so', async () => {
      const image = jpeg();
      const errors: string[] = [];
      const rec = createClipRecorder({ mediaDir: media, ffmpegPath: ffmpeg, fps: 5, logger: { info: () => undefined, error: (m) => void errors.push(m) }, onClip: (ids, rel) => void clips.push({ ids, rel }) });
      rec.pushFrame(withJpeg(0, image));
      rec.pushFrame(withJpeg(1, undefined));
      const packedSize = (await packFrame(frame(1))).bytes.length;
      await vi.waitFor(() => expect(rec.ringBytes('gate')).toBe(image.length + packedSize));
      rec.onAlert(alert('j2', 2));
      rec.pushFrame(withJpeg(2, image));
      await rec.finishCamera('gate');
      expect(probe(path.join(media, clips[0]!.rel)).frames).toBe(2);
      expect(errors).toEqual(['clip of alert j2: 1 frames left out, kept otherwise than its first (JPEG / packed)']);
    });
  });
});
