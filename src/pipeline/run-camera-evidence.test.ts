/**
 * runCamera gives frames an evidence JPEG when asked: the decoder's where the frame analysed is the
 * frame decoded, the masked frame's own (ingest/jpeg-encoder.ts) on a camera with privacy masks.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { cameraSchema } from '../config/schema.ts';
import type { Detector } from '../detect/detector.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { makeTestStill } from '../ingest/testing.ts';
import { runCamera } from './run-camera.ts';

const ffmpeg = resolveFfmpegPath();
const dir = mkdtempSync(path.join(tmpdir(), 'vigie-evidence-'));
const still = path.join(dir, 'still.png');
const noDetections: Detector = { name: 'none', detect: () => Promise.resolve([]), close: () => Promise.resolve() };

describe.skipIf(!ffmpeg)('runCamera evidence', () => {
  beforeAll(() => makeTestStill(ffmpeg!, still));

  it.each([
    { evidence: true, privacyMasks: [], jpegs: 25 },
    { evidence: true, privacyMasks: [[[0, 0], [0.5, 0], [0.5, 0.5]]], jpegs: 25 },
    { evidence: false, privacyMasks: [], jpegs: 0 },
  ])('evidence $evidence, masks $privacyMasks.length: $jpegs frames with a JPEG of the frame analysed', async ({ evidence, privacyMasks, jpegs }) => {
    const camera = cameraSchema.parse({ id: 'still', url: still, events: ['intrusion'], zones: [], privacyMasks });
    const seen: { data: Uint8Array; jpeg: Promise<Uint8Array | undefined> }[] = [];
    const result = await runCamera({
      camera: { ...camera, realtime: false },
      detector: noDetections,
      fps: 5,
      width: 320,
      maxRetries: 0,
      evidence,
      onFrame: (f) => void (f.evidence && seen.push({ data: f.data, jpeg: f.evidence })),
    });
    expect(result.frames).toBe(25);
    const made = await Promise.all(seen.map(async (s) => ({ data: s.data, jpeg: await s.jpeg })));
    const valid = made.filter((m) => m.jpeg !== undefined && m.jpeg[0] === 0xff && m.jpeg[1] === 0xd8);
    expect(valid).toHaveLength(jpegs);
    for (const { data, jpeg: j } of valid) {
      const decoded = jpeg.decode(j!, { useTArray: true }).data;
      let diff = 0;
      for (let p = 0, q = 0; p < data.length; p += 3, q += 4) diff += Math.abs(data[p]! - decoded[q]!) + Math.abs(data[p + 1]! - decoded[q + 1]!) + Math.abs(data[p + 2]! - decoded[q + 2]!);
      // The picture analysed, masked part included: JPEG noise only.
      expect(diff / data.length).toBeLessThan(3);
    }
    if (valid.length > 0) {
      // A point inside the triangle (x 0.4, y 0.1 of a 320-wide frame): bright in the still, black in
      // the masked frame and in its JPEG.
      const { data, jpeg: j } = valid[0]!;
      const width = 320;
      const at = Math.round(0.1 * (data.length / 3 / width)) * width + Math.round(0.4 * width);
      const decoded = jpeg.decode(j!, { useTArray: true }).data;
      const frameSum = data[at * 3]! + data[at * 3 + 1]! + data[at * 3 + 2]!;
      const jpegSum = decoded[at * 4]! + decoded[at * 4 + 1]! + decoded[at * 4 + 2]!;
      if (privacyMasks.length > 0) {
        expect(frameSum).toBe(0);
        expect(jpegSum).toBeLessThan(12);
      } else {
        expect(frameSum).toBeGreaterThan(100);
      }
    }
  });
});
