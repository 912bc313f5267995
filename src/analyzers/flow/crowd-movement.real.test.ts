/**
 * crowd_movement on the dev footage through the camera pipeline (flow analyzer + rule; no detector:
 * the event needs none). Skips without ../shared/data. Frames are decoded as the ingest does
 * (5 fps, 640 px wide), streamed from ffmpeg.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../core/types.ts';
import { cameraSchema } from '../../config/schema.ts';
import type { Detector } from '../../detect/detector.ts';
import { createCameraAnalysis } from '../../pipeline/analysis.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = path.resolve(repoRoot, '../shared/data');
if (!existsSync(dataDir)) console.warn(`crowd_movement real-footage tests skipped: ${dataDir} is absent`);

const noDetector: Detector = { name: 'none', detect: async () => [], close: async () => {} };

/** Frames of `file` at 5 fps, 640 px wide, as ffmpeg streams them. */
async function* frames(file: string): AsyncGenerator<Frame> {
  const width = 640;
  const probe = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file]);
  const [w0, h0] = probe.toString().trim().split(',').map(Number) as [number, number];
  const height = 2 * Math.round((h0 * width) / w0 / 2);
  const ff = spawn('ffmpeg', ['-v', 'error', '-i', file, '-an', '-vf', `fps=5,scale=${width}:-2`, '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1']);
  const size = width * height * 3;
  let pending = Buffer.alloc(0);
  let seq = 0;
  for await (const chunk of ff.stdout) {
    pending = Buffer.concat([pending, chunk as Buffer]);
    while (pending.length >= size) {
      const data = new Uint8Array(pending.subarray(0, size));
      pending = pending.subarray(size);
      yield { cameraId: 'test', seq, tMs: seq * 200, wallMs: 0, width, height, data };
      seq++;
    }
  }
}

async function alertTimes(clip: string): Promise<number[]> {
  const camera = cameraSchema.parse({ id: 'test', url: clip, events: ['crowd_movement'] });
  const analysis = await createCameraAnalysis(camera, noDetector);
  const out: number[] = [];
  for await (const frame of frames(clip)) {
    const r = await analysis.process(frame);
    expect(r.analyzerMs['optical-flow']).toBeGreaterThanOrEqual(0);
    out.push(...r.events.filter((e) => e.type === 'crowd_movement').map((e) => e.tMs / 1000));
  }
  await analysis.close();
  return out;
}

describe.skipIf(!existsSync(dataDir))('crowd_movement on real footage', () => {
  it('vtest_rush (4x speed-up from 25 s to 35 s): one alert in the scored window', async () => {
    const times = await alertTimes(path.join(dataDir, 'clips/crowd_movement/vtest_rush.mp4'));
    expect(times).toHaveLength(1);
    expect(times[0]).toBeGreaterThanOrEqual(23);
    expect(times[0]).toBeLessThanOrEqual(30);
  }, 60_000);

  it('opencv_vtest (the same walkway at normal speed): nothing', async () => {
    expect(await alertTimes(path.join(dataDir, 'clips/generic/opencv_vtest.avi'))).toEqual([]);
  }, 60_000);
});
