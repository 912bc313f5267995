/**
 * What handing a frame to the detector worker costs the main thread:
 *   node --import tsx src/detect/measure-send.ts <clip> [frames]
 * Frames come from the real ingest (640 px, 5 fps); for each, the synchronous part of
 * detectTimed() (preparing the bytes and postMessage) is timed on the main thread, then the
 * request is awaited (one at a time, like one camera). Prints the ms per frame (median, mean,
 * p95), the main thread's event-loop utilisation and a hash of every detection (to check that
 * results are unchanged).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_THRESHOLDS } from '../config/schema.ts';
import { createIngest } from '../ingest/ingest.ts';
import type { NanodetModelSpec } from './onnx-detector.ts';
import { createWorkerDetector } from './worker-detector.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const clip = process.argv[2];
if (!clip) throw new Error('usage: measure-send.ts <clip> [frames]');
const count = Number(process.argv[3] ?? 60);

const spec: NanodetModelSpec = { kind: 'nanodet', modelPath: path.join(repoRoot, 'models/nanodet.onnx'), thresholds: DEFAULT_THRESHOLDS, threads: 1 };
const worker = await createWorkerDetector(spec);
const ingest = createIngest({ cameraId: 'm', url: clip, fps: 5, width: 640, realtime: false });
const sendMs: number[] = [];
const hash = createHash('sha256');
const elu0 = performance.eventLoopUtilization();
const t0 = performance.now();
for await (const frame of ingest) {
  const s = performance.now();
  const pending = worker.detectTimed(frame);
  sendMs.push(performance.now() - s);
  hash.update(JSON.stringify((await pending).detections));
  if (frame.data.length === 0) throw new Error('the frame was detached');
  if (sendMs.length >= count) break;
}
const wallMs = performance.now() - t0;
const elu = performance.eventLoopUtilization(elu0);
await worker.close();
const sorted = [...sendMs].sort((a, b) => a - b);
const mean = sendMs.reduce((a, b) => a + b, 0) / sendMs.length;
console.log(
  `${path.basename(clip)}: ${sendMs.length} frames, send ms/frame median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(3)} mean ${mean.toFixed(3)} p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(3)};` +
    ` wall ${(wallMs / sendMs.length).toFixed(1)} ms/frame; main thread busy ${(elu.utilization * 100).toFixed(1)} %; detections sha256 ${hash.digest('hex').slice(0, 16)}`,
);
