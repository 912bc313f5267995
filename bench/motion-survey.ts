/** Share of frames the motion gate would let the detector skip, per clip (no inference). Usage: node --import tsx bench/motion-survey.ts <clip>... */
import path from 'node:path';
import { createIngest } from '../src/ingest/ingest.ts';
import { createMotionGate } from '../src/pipeline/motion-gate.ts';

for (const clip of process.argv.slice(2)) {
  const ingest = createIngest({ cameraId: 'survey', url: path.resolve(clip), fps: 5, width: 640, realtime: false });
  const gate = createMotionGate();
  const reasons: Record<string, number> = {};
  let frames = 0;
  let ms = 0;
  for await (const frame of ingest) {
    const t0 = performance.now();
    const d = gate.decide(frame);
    ms += performance.now() - t0;
    reasons[d.reason] = (reasons[d.reason] ?? 0) + 1;
    frames += 1;
  }
  const skipped = reasons.still ?? 0;
  process.stdout.write(`${JSON.stringify({ clip: path.basename(clip), frames, reasons, skippedShare: Math.round((1000 * skipped) / frames) / 1000, gateMsPerFrame: Math.round((100 * ms) / frames) / 100 })}\n`);
}
