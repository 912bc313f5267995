import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { resolveFfmpegPath } from './ffmpeg-path.ts';
import { createJpegEncoder, type RgbFrame } from './jpeg-encoder.ts';

const ffmpeg = resolveFfmpegPath();

/** A frame with a bright square at (x, y) on a dark ground, and a black band (a mask) on the right. */
function frame(width: number, height: number, x: number, y: number): RgbFrame {
  const data = new Uint8Array(width * height * 3).fill(40);
  for (let r = y; r < y + 16; r++) data.fill(220, (r * width + x) * 3, (r * width + x + 16) * 3);
  for (let r = 0; r < height; r++) data.fill(0, (r * width + width - 24) * 3, (r * width + width) * 3);
  return { width, height, data };
}

/** Mean absolute difference per channel value between an RGB frame and a decoded JPEG (RGBA). */
function meanDiff(f: RgbFrame, j: Uint8Array): number {
  const d = jpeg.decode(j, { useTArray: true }).data;
  let sum = 0;
  for (let p = 0, q = 0; p < f.data.length; p += 3, q += 4) sum += Math.abs(f.data[p]! - d[q]!) + Math.abs(f.data[p + 1]! - d[q + 1]!) + Math.abs(f.data[p + 2]! - d[q + 2]!);
  return sum / f.data.length;
}

describe.skipIf(!ffmpeg)('createJpegEncoder (real ffmpeg)', () => {
  it('gives each frame its own JPEG, in order, across a change of frame size', async () => {
    const encoder = createJpegEncoder({ ffmpegPath: ffmpeg ?? '' });
    const frames = [frame(96, 64, 8, 8), frame(96, 64, 40, 24), frame(96, 64, 70, 40), frame(64, 48, 8, 8), frame(64, 48, 30, 20)];
    const pending = frames.map((f) => encoder.encode(f));
    // ffmpeg writes a frame's JPEG once it has read the next frame: closing flushes the last one.
    await encoder.close();
    const jpegs = await Promise.all(pending);
    jpegs.forEach((j, k) => {
      expect(j, `frame ${k}`).toBeDefined();
      const decoded = jpeg.decode(j!, { useTArray: true });
      expect([decoded.width, decoded.height]).toEqual([frames[k]!.width, frames[k]!.height]);
      // Its own frame, not a neighbour: JPEG noise only against it, the square's move against the others.
      const own = meanDiff(frames[k]!, j!);
      expect(own).toBeLessThan(3);
      for (const other of frames.filter((f, i) => i !== k && f.width === frames[k]!.width)) expect(meanDiff(other, j!)).toBeGreaterThan(own + 2);
      // The black band stays black (what a privacy mask relies on), bar JPEG noise at its edge.
      const d = jpeg.decode(j!, { useTArray: true }).data;
      const w = frames[k]!.width;
      for (let r = 0; r < frames[k]!.height; r++) expect(d[(r * w + w - 8) * 4]!).toBeLessThan(8);
    });
  });

  it('gives undefined, once told, when ffmpeg cannot run, and after close', async () => {
    const failures: string[] = [];
    const broken = createJpegEncoder({ ffmpegPath: '/nonexistent/ffmpeg', onFailure: (r) => failures.push(r) });
    expect(await broken.encode(frame(32, 32, 0, 0))).toBeUndefined();
    expect(await broken.encode(frame(32, 32, 0, 0))).toBeUndefined();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/cannot run ffmpeg/);
    await broken.close();
    const closed = createJpegEncoder({ ffmpegPath: ffmpeg ?? '' });
    await closed.close();
    expect(await closed.encode(frame(32, 32, 0, 0))).toBeUndefined();
  });

  it('skips a frame rather than queue without bound when the child falls behind', async () => {
    const encoder = createJpegEncoder({ ffmpegPath: ffmpeg ?? '', maxPendingBytes: 0 });
    const f = frame(640, 480, 8, 8);
    const pending = [encoder.encode(f), encoder.encode(f), encoder.encode(f)];
    await encoder.close();
    const results = await Promise.all(pending);
    expect(results[0]).toBeDefined();
    expect(results.slice(1)).toContain(undefined);
  });
});
