/**
 * The decoder's evidence JPEGs (ffmpeg-args.ts `evidence`) on real ffmpeg: one per raw frame, of its
 * size and picture, and the raw frames exactly those of the plain command line (analysis must not
 * change).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegPath } from './ffmpeg-path.ts';
import { createIngest } from './ingest.ts';
import { makeTestClip, makeTestStill } from './testing.ts';
import { CLIPS_DIR, HAS_FOOTAGE, smallestOf } from '../testing/footage.ts';

const ffmpeg = resolveFfmpegPath();
// Real footage in both containers of the dev set; on an AVI of it, before `-vsync passthrough`,
// the first frame came out twice on one of the two outputs.
const REAL_CLIPS = HAS_FOOTAGE ? [...smallestOf('avi', 2), ...smallestOf('mp4', 1)] : [];
if (!HAS_FOOTAGE) console.warn(`ingest evidence: the real-footage cases are skipped, ${CLIPS_DIR} is absent`);

interface Read {
  readonly hashes: string[];
  readonly sizes: string[];
  readonly jpegSizes: (string | undefined)[];
  /** Mean absolute difference, per channel value, between each JPEG and its raw frame. */
  readonly jpegDiffs: number[];
  /** The same between each JPEG after the first and the raw frame before its own. */
  readonly shiftedDiffs: number[];
}

/** Mean absolute difference between a raw RGB frame and a decoded JPEG of the same size (RGBA). */
function meanDiff(rgb: Uint8Array, decoded: Uint8Array): number {
  let sum = 0;
  for (let p = 0, q = 0; p < rgb.length; p += 3, q += 4) {
    sum += Math.abs(rgb[p]! - decoded[q]!) + Math.abs(rgb[p + 1]! - decoded[q + 1]!) + Math.abs(rgb[p + 2]! - decoded[q + 2]!);
  }
  return sum / rgb.length;
}

/** Width x height of a baseline JPEG (its SOF0 segment), undefined when it is not one. */
function jpegSize(jpeg: Uint8Array | undefined): string | undefined {
  if (!jpeg || jpeg[0] !== 0xff || jpeg[1] !== 0xd8 || jpeg[jpeg.length - 2] !== 0xff || jpeg[jpeg.length - 1] !== 0xd9) return undefined;
  for (let i = 2; i + 8 < jpeg.length; ) {
    if (jpeg[i] !== 0xff) return undefined;
    const marker = jpeg[i + 1]!;
    if (marker === 0xc0) return `${(jpeg[i + 7]! << 8) | jpeg[i + 8]!}x${(jpeg[i + 5]! << 8) | jpeg[i + 6]!}`;
    i += 2 + ((jpeg[i + 2]! << 8) | jpeg[i + 3]!);
  }
  return undefined;
}

async function read(url: string, evidence: boolean): Promise<Read> {
  const ingest = createIngest({ cameraId: 'ev', url, width: 320, evidence, realtime: false });
  const out = { hashes: [] as string[], sizes: [] as string[], jpegs: [] as Promise<Uint8Array | undefined>[], frames: [] as Uint8Array[] };
  for await (const f of ingest) {
    out.hashes.push(createHash('sha1').update(f.data).digest('hex'));
    out.sizes.push(`${f.width}x${f.height}`);
    if (f.evidence) {
      out.jpegs.push(f.evidence);
      out.frames.push(Uint8Array.from(f.data));
    }
  }
  const jpegs = await Promise.all(out.jpegs);
  const decoded = jpegs.map((j) => (j ? jpeg.decode(j, { useTArray: true }).data : undefined));
  const diff = (k: number, frame: number): number => (decoded[k] ? meanDiff(out.frames[frame]!, decoded[k]) : Infinity);
  return {
    hashes: out.hashes,
    sizes: out.sizes,
    jpegSizes: jpegs.map(jpegSize),
    jpegDiffs: decoded.map((_, k) => diff(k, k)),
    shiftedDiffs: decoded.slice(1).map((_, k) => diff(k + 1, k)),
  };
}

describe.skipIf(!ffmpeg)('ingest with evidence JPEGs (real ffmpeg)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigie-evidence-'));
    await makeTestClip(ffmpeg ?? '', path.join(dir, 'clip2s.avi'), 2);
    await makeTestStill(ffmpeg ?? '', path.join(dir, 'still.png'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const check = async (file: string): Promise<void> => {
    const plain = await read(file, false);
    const withEvidence = await read(file, true);
    expect(plain.jpegSizes).toEqual([]);
    expect(plain.hashes.length).toBeGreaterThan(5);
    expect(withEvidence.hashes).toEqual(plain.hashes);
    expect(withEvidence.jpegSizes).toEqual(withEvidence.sizes);
    // The k-th JPEG is the k-th raw frame's picture: JPEG and scaling noise only (0.6-2.0 levels on
    // average on these clips), and closer to its own frame than to the one before (2.4-7.2 there).
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.max(...withEvidence.jpegDiffs)).toBeLessThan(3);
    if (new Set(plain.hashes).size > 1) expect(mean(withEvidence.jpegDiffs.slice(1))).toBeLessThan(mean(withEvidence.shiftedDiffs));
  };

  it.each([
    ['a generated clip', 'clip2s.avi'],
    ['a still (5 s of the same picture)', 'still.png'],
  ])('%s: one JPEG of its size per frame, the raw frames unchanged', (_name, name) => check(path.join(dir, name)));

  it.skipIf(REAL_CLIPS.length === 0).each(REAL_CLIPS.map((file) => [path.relative(CLIPS_DIR, file), file]))('real footage %s: the same', (_name, file) => check(file));
});
