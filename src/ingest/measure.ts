/**
 * Decode cost of the ingest: frames per second of wall time when a clip is read as fast as possible
 * at the analysis size, and ffmpeg's CPU time per analysed frame.
 * Usage: node --import tsx src/ingest/measure.ts [clip] [fps] [width]
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createIngest } from './ingest.ts';
import { childCpuMs } from './cpu.ts';
import { CLIPS_DIR } from './testing.ts';

const clip = process.argv[2] ?? path.join(CLIPS_DIR, 'generic/opencv_vtest.avi');
const fps = Number(process.argv[3] ?? 5);
const width = Number(process.argv[4] ?? 640);

const ingest = createIngest({ cameraId: 'measure', url: clip, fps, width, realtime: false });
const t0 = performance.now();
let frames = 0;
let size = '';
let sampledCpuMs: number | undefined;
for await (const frame of ingest) {
  frames += 1;
  size = `${frame.width}x${frame.height}`;
  const pid = ingest.pid();
  if (pid !== undefined) sampledCpuMs = childCpuMs(pid) ?? sampledCpuMs;
}
const wallMs = performance.now() - t0;
const stats = ingest.stats();
const status = ingest.status();
console.log(
  JSON.stringify(
    {
      clip: path.basename(clip),
      size,
      fps,
      frames,
      wallMs: Math.round(wallMs),
      decodeFps: Number(((frames * 1000) / wallMs).toFixed(1)),
      ffmpegCpuMs: stats.ffmpegCpuMs,
      lastProcSampleCpuMs: sampledCpuMs,
      cpuMsPerFrame: Number((stats.ffmpegCpuMs / frames).toFixed(2)),
      status: status.state,
    },
    null,
    1,
  ),
);
