/**
 * Still or video is decided by decoding, so that every ffmpeg build gives the same answer: the
 * 2018 static build of @ffmpeg-installer reports no duration for any GIF, which once made an
 * animated GIF a still. Each test runs with every build present on this machine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath, installerFfmpegPath, parseFfmpegVersion } from './ffmpeg-path.ts';
import { createIngest } from './ingest.ts';
import { probeFile } from './probe.ts';
import { countFrames } from './stills.ts';
import { makeTestClip, makeTestStill } from './testing.ts';

const builds = [
  ['system', findOnPath('ffmpeg')],
  ['bundled 2018', installerFfmpegPath()],
] as const;
for (const [name, bin] of builds) if (!bin) console.warn(`stills: the ${name} ffmpeg is absent here, its GIF tests are skipped`);
const maker = builds.map(([, bin]) => bin).find((b) => b !== undefined);

async function frameCount(ffmpegPath: string, file: string): Promise<number> {
  let n = 0;
  for await (const frame of createIngest({ cameraId: 'gif', url: file, width: 160, ffmpegPath })) n += frame.data.length > 0 ? 1 : 0;
  return n;
}

describe.skipIf(!maker)('still or video, by decoding', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigie-stills-'));
    await makeTestClip(maker ?? '', path.join(dir, 'anim3s.gif'), 3, '160x120', 10);
    await makeTestStill(maker ?? '', path.join(dir, 'one.gif'), '160x120');
    await makeTestStill(maker ?? '', path.join(dir, 'one.png'), '160x120');
    await makeTestClip(maker ?? '', path.join(dir, 'clip1s.avi'), 1, '160x120', 10);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe.each(builds)('with the %s ffmpeg', (_name, bin) => {
    it.skipIf(!bin).each([
      ['an animated gif', 'anim3s.gif', false],
      ['a one-frame gif', 'one.gif', true],
      ['a png', 'one.png', true],
      ['a video', 'clip1s.avi', false],
    ])('%s', async (_what, file, still) => {
      const probe = await probeFile(bin ?? '', path.join(dir, file));
      expect(probe).toMatchObject({ ok: true, info: { still } });
    });

    it.skipIf(!bin)('an animated gif is analysed as a video (3 s at 5 fps), a one-frame gif as 5 s of one image', async () => {
      expect(Math.abs((await frameCount(bin ?? '', path.join(dir, 'anim3s.gif'))) - 15)).toBeLessThanOrEqual(1);
      expect(await frameCount(bin ?? '', path.join(dir, 'one.gif'))).toBe(25);
    });

    it.skipIf(!bin)('counts at most the frames asked for, and fails with ffmpeg’s reason on a non-video', async () => {
      expect(await countFrames(bin ?? '', path.join(dir, 'anim3s.gif'), 2)).toEqual({ ok: true, frames: 2 });
      const bad = await countFrames(bin ?? '', path.join(dir, 'missing.gif'), 2);
      expect(bad.ok).toBe(false);
    });
  });
});

describe('parseFfmpegVersion', () => {
  it.each([
    ['ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers\nbuilt with gcc', '5.1.9-0+deb12u1'],
    ['ffmpeg version N-47683-g0e8eb07980-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2018', 'N-47683-g0e8eb07980-static'],
    ['not ffmpeg at all', undefined],
  ])('%j', (text, version) => {
    expect(parseFfmpegVersion(text)).toBe(version);
  });
});
