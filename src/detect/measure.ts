/**
 * Timing report for the NanoDet detector: node --import tsx src/detect/measure.ts [clip] [frames]
 * Prints preprocess / inference / decode ms (p50, p95) in process at 1 thread, then through a worker.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOnnxDetector, type DetectTimings, type NanodetModelSpec, type TimedDetector } from './onnx-detector.ts';
import { createWorkerDetector } from './worker-detector.ts';
import { DEFAULT_THRESHOLDS } from '../config/schema.ts';
import { grabFrames, type RgbFrame } from './test-frames.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const clip = process.argv[2] ?? path.resolve(repoRoot, '../shared/data/clips/wrong_way/intel_car-detection.mp4');
const count = Number(process.argv[3] ?? 40);

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function run(label: string, detector: TimedDetector, frames: readonly RgbFrame[]): Promise<void> {
  await detector.detectTimed(frames[0]!); // warm-up
  const timings: DetectTimings[] = [];
  const walls: number[] = [];
  let detections = 0;
  for (const f of frames) {
    const t0 = performance.now();
    const r = await detector.detectTimed(f);
    walls.push(performance.now() - t0);
    timings.push(r.timings);
    detections += r.detections.length;
  }
  const row = (k: keyof DetectTimings): string => `${k} p50 ${pct(timings.map((t) => t[k]), 50).toFixed(1)} p95 ${pct(timings.map((t) => t[k]), 95).toFixed(1)}`;
  console.log(`${label}: ${frames.length} frames ${frames[0]!.width}x${frames[0]!.height}, ${(detections / frames.length).toFixed(1)} det/frame`);
  console.log(`  ${row('preprocessMs')} | ${row('inferenceMs')} | ${row('decodeMs')} | wall p50 ${pct(walls, 50).toFixed(1)} p95 ${pct(walls, 95).toFixed(1)} ms`);
}

const spec: NanodetModelSpec = { kind: 'nanodet', modelPath: path.join(repoRoot, 'models/nanodet.onnx'), thresholds: DEFAULT_THRESHOLDS, threads: 1 };
const frames = grabFrames(clip, count, 640, 5);
const inProcess = await createOnnxDetector(spec);
await run('in process, 1 thread', inProcess, frames);
await inProcess.close();
const worker = await createWorkerDetector(spec);
await run('worker thread, 1 thread', worker, frames);
await worker.close();
