import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { grabFrames } from '../detect/test-frames.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { smallestOf } from '../testing/footage.ts';
import { fromResiduals, packFrame, quantisedYuv420, rgbToYuv420, toResiduals, unpackFrame, yuv420Size, type RgbFrame } from './frame-codec.ts';

const solid = (w: number, h: number, rgb: readonly [number, number, number]): RgbFrame => ({
  width: w,
  height: h,
  data: Uint8Array.from({ length: w * h * 3 }, (_, i) => rgb[i % 3]!),
});

/** Deterministic pseudo-random bytes (xorshift), so a failure can be replayed. */
function noise(w: number, h: number, seed: number): RgbFrame {
  let x = seed | 1;
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data[i] = x & 255;
  }
  return { width: w, height: h, data };
}

const gradient = (w: number, h: number): RgbFrame => ({
  width: w,
  height: h,
  data: Uint8Array.from({ length: w * h * 3 }, (_, i) => {
    const p = Math.floor(i / 3);
    return [(p % w) * 4, Math.floor(p / w) * 3, (p * 7) % 256][i % 3]! & 255;
  }),
});

describe('rgbToYuv420 (BT.601, limited range)', () => {
  it.each<[string, [number, number, number], [number, number, number]]>([
    ['black', [0, 0, 0], [16, 128, 128]],
    ['white', [255, 255, 255], [235, 128, 128]],
    ['red', [255, 0, 0], [82, 90, 240]],
    ['green', [0, 255, 0], [144, 54, 34]],
    ['blue', [0, 0, 255], [41, 240, 110]],
    ['mid grey', [128, 128, 128], [126, 128, 128]],
  ])('%s %j -> Y U V %j', (_name, rgb, [y, u, v]) => {
    const out = rgbToYuv420(solid(4, 2, rgb));
    expect(Array.from(out.data)).toEqual([...Array<number>(8).fill(y), u, u, v, v]);
  });

  it.each<[number, number]>([
    [1, 1],
    [3, 3],
    [5, 2],
    [640, 360],
    [641, 361],
  ])('a %ix%i frame gives Y w*h then U and V of ceil(w/2) x ceil(h/2)', (w, h) => {
    expect(rgbToYuv420(noise(w, h, 3)).data.length).toBe(w * h + 2 * Math.ceil(w / 2) * Math.ceil(h / 2));
    expect(yuv420Size(w, h)).toBe(w * h + 2 * Math.ceil(w / 2) * Math.ceil(h / 2));
  });

  it('takes each chroma sample from the average of its 2x2 block (the last column repeated when odd)', () => {
    // 3x2: block 0 = red, red / blue, blue; block 1 = the white column, repeated.
    const data = Uint8Array.from([255, 0, 0, 255, 0, 0, 255, 255, 255, 0, 0, 255, 0, 0, 255, 255, 255, 255]);
    const out = rgbToYuv420({ width: 3, height: 2, data });
    // (red + blue) / 2 = (127.5, 0, 127.5): U = 128 + (-38 + 112) * 127.5 / 256 -> 165, V = 128 + (112 - 18) * 127.5 / 256 -> 175.
    expect(Array.from(out.data.subarray(6))).toEqual([165, 128, 175, 128]);
  });

  it('refuses data of the wrong length', () => {
    expect(() => rgbToYuv420({ width: 4, height: 4, data: new Uint8Array(10) })).toThrow(/48 bytes, got 10/);
  });
});

describe('pack / unpack', () => {
  it.each<[string, RgbFrame]>([
    ['noise 1x1', noise(1, 1, 1)],
    ['noise 3x5', noise(3, 5, 2)],
    ['noise 64x48', noise(64, 48, 3)],
    ['noise 65x49', noise(65, 49, 4)],
    ['gradient 640x360', gradient(640, 360)],
    ['white 8x8', solid(8, 8, [255, 255, 255])],
  ])('%s: unpack(pack(f)) is exactly quantisedYuv420(f)', async (_name, frame) => {
    const back = await unpackFrame(await packFrame(frame));
    const want = quantisedYuv420(frame);
    expect(back.width).toBe(frame.width);
    expect(back.height).toBe(frame.height);
    expect(Buffer.from(back.data).equals(Buffer.from(want.data))).toBe(true);
  });

  it('keeps the luma to 7 bits (lowest bit set, at most one level off) and the chroma exact', () => {
    const frame = noise(16, 8, 9);
    const exact = rgbToYuv420(frame).data;
    const q = quantisedYuv420(frame).data;
    for (let i = 0; i < 16 * 8; i++) expect(q[i]! - exact[i]!).toBeOneOf([0, 1]);
    expect(Array.from(q.subarray(16 * 8))).toEqual(Array.from(exact.subarray(16 * 8)));
  });

  it('residuals round-trip exactly on samples whose luma is odd', () => {
    const yuv = quantisedYuv420(noise(33, 17, 5));
    const copy = Uint8Array.from(yuv.data);
    expect(Array.from(fromResiduals(33, 17, toResiduals(yuv)).data)).toEqual(Array.from(copy));
    expect(() => fromResiduals(33, 17, new Uint8Array(5))).toThrow(/got 5/);
  });

  it('packs a flat frame to almost nothing', async () => {
    expect((await packFrame(solid(640, 360, [40, 90, 200]))).bytes.length).toBeLessThan(2000);
  });
});

const ffmpeg = resolveFfmpegPath();
const clips = [...smallestOf('mp4', 1), ...smallestOf('avi', 1)];

describe.skipIf(!ffmpeg || clips.length === 0)('on real footage (640 px wide, 5 fps)', () => {
  it.each(clips)('%s: 25 frames pack to under 5 MB and come back exact; the colours match ffmpeg rgb24 -> yuv420p', async (clip) => {
    const frames = grabFrames(clip, 25, 640, 5);
    const packed = await Promise.all(frames.map((f) => packFrame(f)));
    expect(packed.reduce((s, p) => s + p.bytes.length, 0)).toBeLessThan(5_000_000);
    const back = await unpackFrame(packed[12]!);
    expect(Buffer.from(back.data).equals(Buffer.from(quantisedYuv420(frames[12]!).data))).toBe(true);

    // ffmpeg's own conversion (what the clip encoder used to do with RGB input).
    const f = frames[12]!;
    const theirs = execFileSync(ffmpeg!, ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${f.width}x${f.height}`, '-i', 'pipe:0', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1'], { input: f.data });
    const ours = back.data;
    expect(theirs.length).toBe(ours.length);
    const luma = f.width * f.height;
    const meanAbs = (from: number, to: number): number => {
      let s = 0;
      for (let i = from; i < to; i++) s += Math.abs(ours[i]! - theirs[i]!);
      return s / (to - from);
    };
    expect(meanAbs(0, luma)).toBeLessThan(1);
    expect(meanAbs(luma, ours.length)).toBeLessThan(0.5);
  });
});
