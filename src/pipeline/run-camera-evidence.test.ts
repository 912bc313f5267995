/** runCamera asks the decoder for evidence JPEGs only where the frame analysed is the frame decoded (no privacy mask). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
    { evidence: true, privacyMasks: [[[0, 0], [0.5, 0], [0.5, 0.5]]], jpegs: 0 },
    { evidence: false, privacyMasks: [], jpegs: 0 },
  ])('evidence $evidence, masks $privacyMasks.length: $jpegs frames with a JPEG', async ({ evidence, privacyMasks, jpegs }) => {
    const camera = cameraSchema.parse({ id: 'still', url: still, events: ['intrusion'], zones: [], privacyMasks });
    const seen: Promise<Uint8Array | undefined>[] = [];
    const result = await runCamera({ camera: { ...camera, realtime: false }, detector: noDetections, fps: 5, width: 320, maxRetries: 0, evidence, onFrame: (f) => void (f.evidence && seen.push(f.evidence)) });
    expect(result.frames).toBe(25);
    expect((await Promise.all(seen)).filter((j) => j !== undefined && j[0] === 0xff && j[1] === 0xd8)).toHaveLength(jpegs);
  });
});
