/** runCamera passes analysis.motionGating on: a still image is detected in its first 3 s and at each 2 s refresh only. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Detection } from '../core/types.ts';
import { cameraSchema } from '../config/schema.ts';
import type { Detector } from '../detect/detector.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { makeTestStill } from '../ingest/testing.ts';
import { runCamera } from './run-camera.ts';

const ffmpeg = resolveFfmpegPath();
const dir = mkdtempSync(path.join(tmpdir(), 'vigie-gating-'));
const still = path.join(dir, 'still.png');

function countingDetector(): Detector & { calls: () => number } {
  let n = 0;
  const person: Detection = { label: 'person', score: 0.9, box: { x1: 0.4, y1: 0.3, x2: 0.5, y2: 0.7 } };
  const detect = (): Promise<Detection[]> => {
    n += 1;
    return Promise.resolve([person]);
  };
  return { name: 'counting', calls: () => n, detect, close: () => Promise.resolve() };
}

describe.skipIf(!ffmpeg)('runCamera with motion gating', () => {
  beforeAll(async () => {
    await makeTestStill(ffmpeg!, still);
  });

  it.each([
    // 5 s of a still image at 5 fps: 15 warm-up frames (0-2.8 s), then one refresh at 4.8 s.
    { motionGating: true, calls: 16 },
    // Coasts set in the config: gating on (a still frame is not a coast).
    { motionGating: { coastMs: 500 }, calls: 16 },
    { motionGating: false, calls: 25 },
  ])('motionGating $motionGating: $calls detector calls', async ({ motionGating, calls }) => {
    const detector = countingDetector();
    const camera = cameraSchema.parse({ id: 'still', url: still, events: ['intrusion'], zones: [] });
    const flags: boolean[] = [];
    const result = await runCamera({ camera: { ...camera, realtime: false }, detector, fps: 5, width: 320, maxRetries: 0, motionGating, onFrame: (_f, r) => flags.push(r.detectorRan) });
    expect(result.frames).toBe(25);
    expect(flags.filter((f) => f)).toHaveLength(detector.calls());
    expect(detector.calls()).toBe(calls);
    // The first 3 s are always detected.
    expect(flags.slice(0, 15).every((f) => f)).toBe(true);
  });
});
