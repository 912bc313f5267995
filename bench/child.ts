/**
 * One benchmark measurement in its own process (so peak RSS is that measurement's alone).
 * Usage: node --import tsx bench/child.ts <decode|detector|pipeline> <clip> [cameras] [profile] [gate|nogate] [seconds]
 * (profile: pipeline, issue3, all, or `scenario:<name>`: the camera of that dev scenario, its events,
 * zones and parameters, on <clip>)
 * (pipeline: `gate` turns motion gating on, as `analysis.motionGating: true`; default nogate;
 * `seconds` > 0: each camera plays the clip in a loop, as fast as it can, until it has analysed
 * that much footage; default 0, the clip once)
 * Prints one JSON object on stdout.
 */
import os from 'node:os';
import path from 'node:path';
import { createIngest } from '../src/ingest/ingest.ts';
import { createDetector } from '../src/detect/factory.ts';
import { createOnnxDetector } from '../src/detect/onnx-detector.ts';
import { onnxSpecFor } from '../src/detect/factory.ts';
import { detectorSchema } from '../src/config/schema.ts';
import { defaultModelsDir } from '../src/models/paths.ts';
import { runCamera } from '../src/pipeline/run-camera.ts';
import { thresholdsOf } from '../src/pipeline/analysis.ts';
import { DEFAULT_GATE } from '../src/pipeline/motion-gate.ts';
import { benchCamera, type Profile } from './profiles.ts';
import { loadScenario, scenarioToCamera } from '../src/eval/scenario.ts';
import { scenarioFile } from './scenario-cameras.ts';
import type { CameraConfig } from '../src/config/schema.ts';
import { cpuMsSince, mean, percentile, round } from './stats.ts';
import { mainThreadCpuS } from './proc-stats.ts';

const [mode, clip, camerasArg, profileArg, gateArg, secondsArg] = process.argv.slice(2);
const FPS = 5;
const WIDTH = 640;
const detectorConfig = detectorSchema.parse({ kind: 'nanodet' });
const rssMb = (): number => round(process.resourceUsage().maxRSS / 1024, 0);

async function decode(url: string): Promise<object> {
  const ingest = createIngest({ cameraId: 'bench', url, fps: FPS, width: WIDTH, realtime: false });
  const t0 = performance.now();
  let frames = 0;
  for await (const _frame of ingest) frames += 1;
  const wallMs = performance.now() - t0;
  const { ffmpegCpuMs } = ingest.stats();
  return { clip: path.basename(url), frames, decodeFps: round((frames * 1000) / wallMs), ffmpegCpuMsPerFrame: round(ffmpegCpuMs / frames, 2) };
}

async function detector(url: string): Promise<object> {
  if (detectorConfig.kind === 'replay') throw new Error('unreachable');
  const det = await createOnnxDetector(onnxSpecFor(detectorConfig, { modelsDir: defaultModelsDir() }));
  const ingest = createIngest({ cameraId: 'bench', url, fps: FPS, width: WIDTH, realtime: false });
  const ms: number[] = [];
  const cpu: number[] = [];
  for await (const frame of ingest) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await det.detect(frame);
    ms.push(performance.now() - t0);
    cpu.push(cpuMsSince(c0));
  }
  await det.close();
  const warm = ms.slice(3);
  return { clip: path.basename(url), frames: ms.length, threads: 1, p50Ms: round(percentile(warm, 50)), p95Ms: round(percentile(warm, 95)), cpuMsPerFrame: round(mean(cpu.slice(3))) };
}

/** The camera a profile names: a synthetic set-up (bench/profiles.ts) or a dev scenario's own camera. */
function cameraFor(id: string, url: string, profile: string): CameraConfig {
  if (!profile.startsWith('scenario:')) return benchCamera(id, url, profile as Profile);
  return { ...scenarioToCamera(loadScenario(scenarioFile(profile.slice('scenario:'.length)))), id, url };
}

async function pipeline(url: string, cameras: number, profile: string, motionGating: boolean, seconds: number): Promise<object> {
  const det = await createDetector(detectorConfig, { modelsDir: defaultModelsDir(), workers: Math.min(cameras, os.availableParallelism()) });
  const thresholds = thresholdsOf(detectorConfig);
  const analyzerMs = new Map<string, number[]>();
  const detectMs: number[] = [];
  let detectorRuns = 0;
  // Passes on a window of the frame (looks), and the share of the frame they covered.
  let looks = 0;
  let lookArea = 0;
  // Steady state: from the first frame past the gate's warm-up (every frame is detected during it,
  // gated or not), the cost a camera has for as long as it runs.
  const firstMs = new Map<string, number>();
  const gateReasons: Record<string, number> = {};
  let steady: { cpu: NodeJS.CpuUsage; frames: number; detectorRuns: number } | undefined;
  // A looped camera stops once it has analysed `seconds` of footage (media time runs on across loops).
  const stops = Array.from({ length: cameras }, () => new AbortController());
  const c0 = process.cpuUsage();
  const main0 = mainThreadCpuS();
  const t0 = performance.now();
  const runs = await Promise.all(
    Array.from({ length: cameras }, (_, i) =>
      runCamera({
        camera: { ...cameraFor(`cam${i}`, url, profile), realtime: false, loop: seconds > 0 },
        detector: det,
        ...(thresholds ? { thresholds } : {}),
        fps: FPS,
        width: WIDTH,
        maxRetries: 0,
        motionGating,
        signal: stops[i]!.signal,
        onFrame: (f, r) => {
          if (seconds > 0 && f.tMs + 1000 / FPS >= seconds * 1000) stops[i]!.abort();
          detectMs.push(r.detectMs);
          if (r.detectorRan) detectorRuns += 1;
          if (r.windows) {
            looks += 1;
            lookArea += r.windows.reduce((a, w) => a + (w.x2 - w.x1) * (w.y2 - w.y1), 0);
          }
          if (r.gate) gateReasons[r.gate.reason] = (gateReasons[r.gate.reason] ?? 0) + 1;
          const first = firstMs.get(f.cameraId) ?? f.tMs;
          firstMs.set(f.cameraId, first);
          if (!steady && f.tMs - first >= DEFAULT_GATE.warmupMs) steady = { cpu: process.cpuUsage(), frames: 0, detectorRuns: 0 };
          if (steady) {
            steady.frames += 1;
            if (r.detectorRan) steady.detectorRuns += 1;
          }
          for (const [name, v] of Object.entries(r.analyzerMs)) analyzerMs.set(name, [...(analyzerMs.get(name) ?? []), v]);
        },
      }),
    ),
  );
  const wallMs = performance.now() - t0;
  const nodeCpuMs = cpuMsSince(c0);
  const main1 = mainThreadCpuS();
  const steadyNodeCpuMs = steady ? cpuMsSince(steady.cpu) : Number.NaN;
  await det.close();
  const frames = runs.reduce((a, r) => a + r.frames, 0);
  const ffmpegCpuMs = runs.reduce((a, r) => a + r.stats.ffmpegCpuMs, 0);
  const cpuMsPerFrame = (nodeCpuMs + ffmpegCpuMs) / frames;
  // ffmpeg's CPU is not sampled at the warm-up's end: counted pro rata (its start-up, in the
  // warm-up, is spread over the steady frames too: both gating modes alike).
  const steadyFrames = steady?.frames ?? 0;
  const steadyCpuMsPerFrame = (steadyNodeCpuMs + (ffmpegCpuMs * steadyFrames) / frames) / steadyFrames;
  return {
    clip: path.basename(url),
    profile,
    cameras,
    motionGating,
    frames,
    detectorRunShare: round(detectorRuns / frames, 3),
    lookShare: round(looks / frames, 3),
    meanLookArea: looks > 0 ? round(lookArea / looks, 3) : 0,
    wallFps: round((frames * 1000) / wallMs),
    cpuMsPerFrame: round(cpuMsPerFrame),
    gateReasons,
    steadyFrames,
    steadyDetectorRunShare: round((steady?.detectorRuns ?? 0) / steadyFrames, 3),
    steadyCpuMsPerFrame: round(steadyCpuMsPerFrame),
    ffmpegCpuMsPerFrame: round(ffmpegCpuMs / frames, 2),
    // The event loop's share (every camera's analysis but the detector's and the pose model's threads); 10 ms ticks.
    mainThreadCpuMsPerFrame: main0 !== undefined && main1 !== undefined ? round(((main1 - main0) * 1000) / frames, 2) : null,
    framesPerCoreSecond: round(1000 / cpuMsPerFrame),
    coreShareAt5Fps: round((cpuMsPerFrame * FPS) / 1000, 3),
    analyzerMsPerFrame: Object.fromEntries([...analyzerMs].map(([k, v]) => [k, round(mean(v), 2)])),
    detectWallMsP50: round(percentile(detectMs, 50)),
    peakRssMb: rssMb(),
  };
}

const url = path.resolve(clip ?? '');
const result =
  mode === 'decode'
    ? await decode(url)
    : mode === 'detector'
      ? await detector(url)
      : await pipeline(url, Number(camerasArg ?? 1), profileArg ?? 'pipeline', gateArg === 'gate', Number(secondsArg ?? 0));
process.stdout.write(`${JSON.stringify(result)}\n`);
