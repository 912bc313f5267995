/** Real ffmpeg processes on small generated media and on real footage (../shared/data). */
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraStatus } from '../core/types.ts';
import { liveFfmpegCount } from './ffmpeg-child.ts';
import { resolveFfmpegPath } from './ffmpeg-path.ts';
import { createIngest, truncation, type Ingest, type IngestOptions } from './ingest.ts';
import { probeFile } from './probe.ts';
import { isAlive, makeTestClip, makeTestStill, waitFor } from './testing.ts';
import { CLIPS_DIR, HAS_FOOTAGE, mediaFiles, mp4IndexFirst, smallestOf } from '../testing/footage.ts';

const ffmpeg = resolveFfmpegPath();
if (!HAS_FOOTAGE) console.warn(`ingest: real-footage tests skipped, ${CLIPS_DIR} is absent`);

interface Seen {
  seq: number;
  tMs: number;
  width: number;
  height: number;
  bytes: number;
}

/** Reads up to `max` frames, keeping only their metadata (not the pixels). */
async function collect(ingest: Ingest, max = Number.POSITIVE_INFINITY, perFrame?: () => Promise<void>): Promise<Seen[]> {
  const seen: Seen[] = [];
  for await (const f of ingest) {
    seen.push({ seq: f.seq, tMs: f.tMs, width: f.width, height: f.height, bytes: f.data.length });
    if (seen.length >= max) break;
    await perFrame?.();
  }
  return seen;
}

function start(url: string, extra: Partial<IngestOptions> = {}) {
  const statuses: CameraStatus[] = [];
  const ingest = createIngest({ cameraId: 'test', url, onStatus: (s) => statuses.push(s), ...extra });
  return { ingest, statuses };
}

function expectWellFormed(frames: Seen[], width: number, fps = 5): void {
  frames.forEach((f, i) => {
    expect(f.seq).toBe(i);
    expect(f.tMs).toBeCloseTo((i * 1000) / fps, 6);
    expect(f.width).toBe(width);
    expect(f.height % 2).toBe(0);
    expect(f.bytes).toBe(f.width * f.height * 3);
  });
}

describe.skipIf(!ffmpeg)('createIngest on files (generated media)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigie-ingest-'));
    const bin = ffmpeg ?? '';
    await makeTestClip(bin, path.join(dir, 'clip4s.avi'), 4);
    await makeTestClip(bin, path.join(dir, 'clip2s.avi'), 2);
    await makeTestClip(bin, path.join(dir, 'anim3s.gif'), 3, '160x120', 10);
    await makeTestStill(bin, path.join(dir, 'still.png'));
    await makeTestStill(bin, path.join(dir, 'still.gif'), '200x150');
    await writeFile(path.join(dir, 'notes.txt'), 'this is not a video\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('decodes a video at the analysis fps and width, then ends', async () => {
    const { ingest, statuses } = start(path.join(dir, 'clip4s.avi'), { width: 320 });
    const frames = await collect(ingest);
    expect(Math.abs(frames.length - 20)).toBeLessThanOrEqual(1);
    expectWellFormed(frames, 320);
    expect(frames[0]?.height).toBe(240);
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'running', 'ended']);
    expect(ingest.stats()).toMatchObject({ decoded: frames.length, delivered: frames.length, dropped: 0, restarts: 0 });
    expect(ingest.stats().ffmpegCpuMs).toBeGreaterThan(0);
  });

  it.each([
    ['png', 'still.png', 400, 300],
    ['one-frame gif', 'still.gif', 200, 150],
  ])('repeats a %s still for 5 s of frames', async (_kind, name, w, h) => {
    const { ingest } = start(path.join(dir, name), { width: 640 });
    const frames = await collect(ingest);
    expect(frames).toHaveLength(25);
    expectWellFormed(frames, 640);
    expect(frames[0]?.height).toBe(Math.round((640 * h) / w / 2) * 2);
    expect(ingest.status().state).toBe('ended');
  });

  it('decodes an animated gif as a video', async () => {
    const frames = await collect(start(path.join(dir, 'anim3s.gif')).ingest);
    expect(Math.abs(frames.length - 15)).toBeLessThanOrEqual(1);
    expectWellFormed(frames, 640);
  });

  it.each([
    ['a missing file', 'missing.mp4', 'No such file or directory'],
    ['a text file', 'notes.txt', 'Invalid data found'],
  ])('fails on %s with the path and ffmpeg’s reason', async (_what, name, ffmpegSays) => {
    const file = path.join(dir, name);
    const { ingest, statuses } = start(file);
    expect(await collect(ingest)).toEqual([]);
    const last = statuses.at(-1);
    expect(last?.state).toBe('failed');
    const reason = last?.state === 'failed' ? last.reason : '';
    expect(reason).toContain(file);
    expect(reason).toContain(ffmpegSays);
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'failed']);
  });

  it('loops a file with tMs increasing across the loop point', async () => {
    const { ingest } = start(path.join(dir, 'clip2s.avi'), { loop: true, realtime: false });
    const frames = await collect(ingest, 25);
    expectWellFormed(frames, 640);
    expect(ingest.stats().loops).toBeGreaterThanOrEqual(2);
    await ingest.close();
    expect(ingest.status().state).toBe('ended');
  });

  it('a looped file is paced in realtime by default and keeps increasing tMs', async () => {
    const { ingest, statuses } = start(path.join(dir, 'clip2s.avi'), { loop: true });
    const frames = await collect(ingest, 14);
    const tMs = frames.map((f) => f.tMs);
    expect(tMs).toEqual([...tMs].sort((a, b) => a - b));
    expect(new Set(tMs).size).toBe(tMs.length);
    expect(tMs.at(-1)).toBeGreaterThan(2000);
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'running', 'ended']);
  });

  it('blocks ffmpeg when a plain file is read slowly: nothing dropped, nothing piled up', async () => {
    const { ingest } = start(path.join(dir, 'clip4s.avi'));
    const frames = await collect(ingest, 3);
    expect(frames).toHaveLength(3);
    // Give ffmpeg time to run ahead if the pipe did not hold it back.
    await new Promise((r) => setTimeout(r, 1000));
    const { decoded, delivered, dropped } = ingest.stats();
    expect(dropped).toBe(0);
    expect(decoded - delivered).toBeLessThanOrEqual(3);
    await ingest.close();
  });

  it('drops frames (latest wins) for a realtime source read slowly', async () => {
    const { ingest } = start(path.join(dir, 'clip4s.avi'), { realtime: true });
    const frames = await collect(ingest, Number.POSITIVE_INFINITY, () => new Promise((r) => setTimeout(r, 1000)));
    const { decoded, delivered, dropped } = ingest.stats();
    expect(delivered).toBe(frames.length);
    expect(dropped).toBeGreaterThan(0);
    expect(decoded).toBe(delivered + dropped);
    const seqs = frames.map((f) => f.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const f of frames) expect(f.tMs).toBeCloseTo(f.seq * 200, 6);
  });

  it('kills ffmpeg when the consumer breaks out of the loop', async () => {
    const { ingest } = start(path.join(dir, 'clip4s.avi'));
    let pid: number | undefined;
    for await (const _frame of ingest) {
      pid = ingest.pid();
      break;
    }
    expect(pid).toBeDefined();
    expect(isAlive(pid ?? 0)).toBe(false);
    expect(ingest.status().state).toBe('ended');
  });

  it('kills ffmpeg on close: no child left', async () => {
    const { ingest } = start(path.join(dir, 'clip4s.avi'));
    const it2 = ingest[Symbol.asyncIterator]();
    expect((await it2.next()).done).toBe(false);
    const pid = ingest.pid();
    expect(pid).toBeDefined();
    expect(isAlive(pid ?? 0)).toBe(true);
    await ingest.close();
    expect(isAlive(pid ?? 0)).toBe(false);
    expect(ingest.pid()).toBeUndefined();
    expect(await it2.next()).toEqual({ done: true, value: undefined });
    await ingest.close(); // idempotent
    await waitFor('no ffmpeg child', () => liveFfmpegCount() === 0, 10_000);
  });

  it('survives a status handler that throws', async () => {
    const ingest = createIngest({
      cameraId: 'test',
      url: path.join(dir, 'still.png'),
      onStatus: () => {
        throw new Error('handler bug');
      },
    });
    const frames = await collect(ingest);
    expect(frames).toHaveLength(25);
    expect(ingest.status().state).toBe('ended');
  });

  it('fails clearly when the ffmpeg binary does not exist', async () => {
    const { ingest } = start(path.join(dir, 'clip2s.avi'), { ffmpegPath: path.join(dir, 'no-ffmpeg') });
    expect(await collect(ingest)).toEqual([]);
    const s = ingest.status();
    expect(s.state).toBe('failed');
    expect(s.state === 'failed' ? s.reason : '').toContain('no-ffmpeg');
  });
});

describe.skipIf(!ffmpeg || !HAS_FOOTAGE)('createIngest on real footage (../shared/data)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigie-ingest-real-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // The smallest clip of each container, at two analysis widths.
  const clips = [...smallestOf('avi'), ...smallestOf('mp4'), ...smallestOf('mov')];
  it.each(clips.flatMap((file) => [640, 320].map((width) => [path.extname(file), width, file] as const)))(
    'a %s clip gives duration x fps frames (+-1), %i px wide with its aspect',
    async (_ext, width, file) => {
      const probe = await probeFile(ffmpeg ?? '', file);
      if (!probe.ok) throw new Error(probe.reason);
      const { durationMs = 0, width: w, height: h } = probe.info;
      expect(durationMs).toBeGreaterThan(0);
      const frames = await collect(start(file, { width }).ingest);
      expect(Math.abs(frames.length - (durationMs / 1000) * 5)).toBeLessThanOrEqual(1);
      expectWellFormed(frames, width);
      expect(Math.abs((frames[0]?.height ?? 0) - (width * h) / w)).toBeLessThanOrEqual(2);
    },
  );

  it('analyses a still photo as 5 s of frames', async () => {
    const [photo] = smallestOf('jpg');
    const probe = await probeFile(ffmpeg ?? '', photo ?? '');
    if (!probe.ok) throw new Error(probe.reason);
    const frames = await collect(start(photo ?? '').ingest);
    expect(frames).toHaveLength(25);
    expectWellFormed(frames, 640);
    expect(Math.abs((frames[0]?.height ?? 0) - (640 * probe.info.height) / probe.info.width)).toBeLessThanOrEqual(2);
  });

  // An MP4 cut short: with its index (moov) before the media data, the frames up to the cut
  // decode; with the index at the end, nothing can be read. Either way, a clear end, never a crash.
  const cuts = mediaFiles().filter((m) => m.ext === 'mp4' && m.bytes > 1_000_000).slice(0, 4);
  it.each(cuts.map((m, i) => [i + 1, m.file] as const))(
    'truncated MP4 #%i ends or fails clearly, never crashes',
    async (_folder, clip) => {
      const file = path.join(dir, path.basename(clip));
      await copyFirstBytes(clip, file, 300_000);
      const indexFirst = mp4IndexFirst(file);
      const { ingest } = start(file);
      const frames = await collect(ingest);
      expectWellFormed(frames, 640);
      const s = ingest.status();
      if (s.state === 'failed') expect(s.reason).toContain(file);
      else expect(s.state).toBe('ended');
      if (indexFirst) expect(frames.length).toBeGreaterThan(0);
      else expect(s.state).toBe('failed');
    },
  );
});

async function copyFirstBytes(from: string, to: string, bytes: number): Promise<void> {
  const src = await open(from, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await src.read(buf, 0, bytes, 0);
    await writeFile(to, buf.subarray(0, bytesRead));
  } finally {
    await src.close();
  }
}

describe('truncation', () => {
  it.each([
    [150, 5, 30_000, false],
    [146, 5, 30_000, false],
    [100, 5, 30_000, true],
    [10, 5, undefined, false],
    [0, 5, 1_000, false],
    [3, 5, 5_000, true],
  ])('%i frames at %i fps of %s ms -> truncated %s', (frames, fps, durationMs, expected) => {
    expect(truncation(frames, fps, durationMs) !== undefined).toBe(expected);
  });
});
