/**
 * NanoDet on real footage (skips without models/nanodet.onnx or ../shared/data).
 * Reference boxes were drawn by hand on the raw frames (zoomed crops), not taken from the detector.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Box, Detection } from '../core/types.ts';
import { iou } from '../core/geometry.ts';
import { LABEL_GROUPS } from '../core/types.ts';
import { detectorSchema } from '../config/schema.ts';
import type { Detector } from './detector.ts';
import { createDetector } from './factory.ts';
import { grabFrame } from './test-frames.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(repoRoot, '../shared/data');
const modelsDir = path.join(repoRoot, 'models');
const ready = existsSync(dataDir) && existsSync(path.join(modelsDir, 'nanodet.onnx'));
if (!ready) console.warn(`nanodet real-footage tests skipped: need ${dataDir} and ${path.join(modelsDir, 'nanodet.onnx')} (npx vigie models install)`);

const vehicles: readonly string[] = LABEL_GROUPS.vehicle;
const best = (dets: Detection[], ref: Box, keep: (d: Detection) => boolean): number => Math.max(0, ...dets.filter(keep).map((d) => iou(d.box, ref)));

describe.skipIf(!ready)('nanodet on real footage', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = await createDetector(detectorSchema.parse({ kind: 'nanodet' }), { modelsDir });
  });
  afterAll(async () => {
    await detector?.close();
  });

  it('finds the cyclist on the road (intrusion clip, frame 125 = 5 s)', async () => {
    const frame = grabFrame(path.join(dataDir, 'clips/intrusion/bgslibrary_video02.avi'), 125);
    const dets = await detector.detect(frame);
    const cyclist = { x1: 509 / 640, y1: 354 / 480, x2: 536 / 640, y2: 430 / 480 };
    expect(best(dets, cyclist, (d) => d.label === 'person')).toBeGreaterThan(0.6);
  });

  it('finds both cars of the drone view, boxes aligned (wrong_way clip, frame 206 = 16.5 s)', async () => {
    const frame = grabFrame(path.join(dataDir, 'clips/wrong_way/intel_car-detection.mp4'), 206, 640, 12.5);
    const dets = await detector.detect(frame);
    const redCar = { x1: 265 / 640, y1: 122 / 360, x2: 402 / 640, y2: 1 };
    const silverCar = { x1: 78 / 640, y1: 51 / 360, x2: 206 / 640, y2: 304 / 360 };
    const isVehicle = (d: Detection) => vehicles.includes(d.label);
    // measured with the original TFJS graph: IoU 0.93 / 0.95 with anchor centres at +0.5 stride,
    // 0.75 / 0.76 at +0 (boxes shifted up-left by half a stride)
    expect(best(dets, redCar, isVehicle)).toBeGreaterThan(0.85);
    expect(best(dets, silverCar, isVehicle)).toBeGreaterThan(0.85);
  });

  it('finds no vehicle on the empty aisle (frame 50)', async () => {
    const frame = grabFrame(path.join(dataDir, 'clips/wrong_way/intel_car-detection.mp4'), 50, 640, 12.5);
    const dets = await detector.detect(frame);
    expect(dets.filter((d) => vehicles.includes(d.label))).toEqual([]);
  });
});
