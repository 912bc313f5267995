import { describe, expect, it } from 'vitest';
import { resolveFfmpegPath } from './ffmpeg-path.ts';
import { parseProbe, probeFile } from './probe.ts';
import { HAS_FOOTAGE, realScenarios } from '../testing/footage.ts';

const AVI = `Input #0, avi, from 'clip.avi':
  Duration: 00:00:30.00, start: 0.000000, bitrate: 262 kb/s
  Stream #0:0: Video: mpeg4 (Advanced Simple Profile) (XVID / 0x44495658), yuv420p, 320x240 [SAR 1:1 DAR 4:3], 257 kb/s, 25 fps, 25 tbr, 25 tbn
At least one output file must be specified`;
const MP4 = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'a.mp4':
  Duration: 00:00:41.30, start: 0.000000, bitrate: 238 kb/s
  Stream #0:0[0x1](und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 2 kb/s (default)
  Stream #0:1[0x2](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, smpte170m/unknown/smpte170m, progressive), 640x480 [SAR 1:1 DAR 4:3], 226 kb/s, 29.97 fps, 29.97 tbr, 11988 tbn (default)`;
const JPG = `Input #0, image2, from 'photo.jpg':
  Duration: 00:00:00.04, start: 0.000000, bitrate: 33542 kb/s
  Stream #0:0: Video: mjpeg (Baseline), yuvj420p(pc, bt470bg/unknown/unknown), 1024x768 [SAR 1:1 DAR 4:3], 25 fps, 25 tbr, 25 tbn`;
const PNG = `Input #0, png_pipe, from 'still.png':
  Duration: N/A, bitrate: N/A
  Stream #0:0: Video: png, rgb24(pc), 1024x768 [SAR 1:1 DAR 4:3], 25 fps, 25 tbr, 25 tbn`;
const GIF_STILL = `Input #0, gif, from 'still.gif':
  Duration: 00:00:00.10, start: 0.000000, bitrate: 1217 kb/s
  Stream #0:0: Video: gif, bgra, 200x150 [SAR 64:64 DAR 4:3], 10 tbr, 100 tbn`;
const GIF_ANIM = `Input #0, gif, from 'anim.gif':
  Duration: 00:00:02.90, start: 0.000000, bitrate: 224 kb/s
  Stream #0:0: Video: gif, bgra, 160x120 [SAR 64:64 DAR 4:3], 10 fps, 10 tbr, 100 tbn`;
const AUDIO_ONLY = `Input #0, mp3, from 'a.mp3':
  Duration: 00:00:03.00, start: 0.000000, bitrate: 128 kb/s
  Stream #0:0: Audio: mp3, 44100 Hz, stereo, fltp, 128 kb/s`;

describe('parseProbe', () => {
  it.each([
    ['avi', AVI, { format: 'avi', codec: 'mpeg4', width: 320, height: 240, fps: 25, durationMs: 30000 }],
    ['mp4 with audio first', MP4, { format: 'mov,mp4,m4a,3gp,3g2,mj2', codec: 'h264', width: 640, height: 480, fps: 29.97, durationMs: 41300 }],
    ['jpeg', JPG, { format: 'image2', codec: 'mjpeg', width: 1024, height: 768, fps: 25, durationMs: 40 }],
    ['png', PNG, { format: 'png_pipe', codec: 'png', width: 1024, height: 768, fps: 25 }],
    // The description never says whether a file is a still: probeFile decodes to find out.
    ['one-frame gif', GIF_STILL, { format: 'gif', codec: 'gif', width: 200, height: 150, durationMs: 100 }],
    ['animated gif', GIF_ANIM, { format: 'gif', codec: 'gif', width: 160, height: 120, fps: 10, durationMs: 2900 }],
  ])('%s', (_name, stderr, info) => {
    expect(parseProbe(stderr)).toEqual({ ok: true, info });
  });

  it.each([
    ['missing file', 'x.mp4: No such file or directory', 'x.mp4: No such file or directory'],
    ['text file', 'a.txt: Invalid data found when processing input', 'a.txt: Invalid data found when processing input'],
    ['audio only', AUDIO_ONLY, 'no video stream'],
  ])('%s fails with a reason', (_name, stderr, reason) => {
    expect(parseProbe(stderr)).toEqual({ ok: false, reason });
  });
});

const ffmpeg = resolveFfmpegPath();

describe.skipIf(!ffmpeg || !HAS_FOOTAGE)('probeFile on real footage (needs ffmpeg and ../shared/data)', () => {
  it('every scenario medium is described, and is a still exactly when it is an image file', async () => {
    const all = realScenarios();
    for (let i = 0; i < all.length; i += 4) {
      const batch = all.slice(i, i + 4);
      const probes = await Promise.all(batch.map((s) => probeFile(ffmpeg ?? '', s.source)));
      batch.forEach((s, j) => {
        const probe = probes[j];
        expect(probe, s.source).toMatchObject({ ok: true, info: { still: s.still } });
        if (probe?.ok && !probe.info.still) expect(probe.info.durationMs, s.source).toBeGreaterThan(0);
      });
    }
  });
});
