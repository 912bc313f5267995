/**
 * `npm run bench -- --gating-pairs [--profile pipeline|issue3|all] [--clips a.mp4,b.avi | --scenarios a,b] [--seconds S]`: the gain of
 * motion gating in cameras per core, clip by clip. For each clip, one camera analysed without and
 * then with gating, each run in its own process (bench/child.ts pipeline), back to back so both see
 * the same machine load: CPU (node + ffmpeg) per analysed frame, the detector's share of frames, and
 * the gain (CPU per frame off / on = cameras per core on / off). Children start with Vigie's node
 * flags (src/cli/node-flags.ts), as `vigie` does. The pooled line weighs every frame.
 * "steady" counts only the frames after the gate's warm-up (its first 3 s, detected in both modes):
 * what a camera costs for as long as it runs, the figure that sizes a deployment.
 * `--seconds S`: each camera plays its clip in a loop until it has analysed S seconds of footage
 * (default: the clip once), so that the process's start-up weighs on the whole run as little as on
 * a camera that runs for days.
 * `--scenarios a,b`: each dev scenario's clip on that scenario's own camera (its events, zones and
 * parameters) instead of a profile: what gating gains on cameras set up as a site would set them up.
 * Each line is followed by the analyzers' wall ms per frame, off / on.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { NODE_FLAGS } from '../src/cli/node-flags.ts';
import { loadScenario } from '../src/eval/scenario.ts';
import { scenarioFile } from './scenario-cameras.ts';
import { round } from './stats.ts';

/** Dev clips of different stillness (docs/motion-gating.md's survey), never holdout. */
export const DEFAULT_GATING_CLIPS = [
  'generic/vannimaceria_nofire1.mp4',
  'intrusion/intel_one-by-one-person-detection.mp4',
  'person_down/noahzhy_cam2.mp4',
  'abandoned_object/aboda_video1_cut.mp4',
  'generic/opencv_vtest.avi',
  'intrusion/bgslibrary_video02.avi',
];

interface PipelineRun {
  readonly frames: number;
  readonly cpuMsPerFrame: number;
  readonly detectorRunShare: number;
  readonly lookShare: number;
  readonly meanLookArea: number;
  readonly steadyFrames: number;
  readonly steadyCpuMsPerFrame: number;
  readonly steadyDetectorRunShare: number;
  readonly analyzerMsPerFrame: Readonly<Record<string, number>>;
}

function run(root: string, clip: string, profile: string, gate: 'gate' | 'nogate', seconds: number): PipelineRun {
  const args = [...NODE_FLAGS, '--import', 'tsx', path.join(root, 'bench/child.ts'), 'pipeline', clip, '1', profile, gate, String(seconds)];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: root });
  if (r.status !== 0) throw new Error(`bench child ${path.basename(clip)} ${gate} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as PipelineRun;
}

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

export function gatingPairs(root: string, data: string, argv: readonly string[]): void {
  const scenarios = option(argv, '--scenarios')?.split(',').filter((s) => s !== '');
  // Each clip with the profile it runs under: a synthetic set-up, or its scenario's own camera.
  const runs: { clip: string; profile: string }[] = scenarios
    ? scenarios.map((name) => ({ clip: loadScenario(scenarioFile(name)).source, profile: `scenario:${name}` }))
    : (option(argv, '--clips')?.split(',') ?? DEFAULT_GATING_CLIPS).map((c) => ({ clip: path.join(data, 'clips', c), profile: option(argv, '--profile') ?? 'pipeline' }));
  if (runs.some((r) => r.clip.split(path.sep).includes('holdout'))) throw new Error('--gating-pairs never runs holdout clips');
  const profile = scenarios ? "each scenario's own camera" : runs[0]?.profile;
  const seconds = Number(option(argv, '--seconds') ?? 0);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`--seconds takes a number of seconds of footage (0: each clip once), got ${option(argv, '--seconds')}`);
  const footage = seconds > 0 ? `each clip looped to ${seconds} s of footage` : 'each clip once';
  console.log(`motion gating, profile ${profile}, one camera, 5 fps, 640 px, ${footage}: CPU ms per analysed frame (node + ffmpeg)`);
  console.log('clip | frames | detector runs (on; of which on a window, mean share of the frame covered) | CPU ms/frame off -> on | cameras per core off -> on | gain | steady: frames, detector runs (on), CPU ms/frame off -> on, gain');
  let frames = 0;
  let off = 0;
  let on = 0;
  let steadyFrames = 0;
  let steadyOff = 0;
  let steadyOn = 0;
  for (const { clip, profile: p } of runs) {
    const a = run(root, clip, p, 'nogate', seconds);
    const b = run(root, clip, p, 'gate', seconds);
    frames += a.frames;
    off += a.cpuMsPerFrame * a.frames;
    on += b.cpuMsPerFrame * b.frames;
    // Both runs analyse the same frames; a clip shorter than the warm-up has no steady part.
    const steady = Math.min(a.steadyFrames, b.steadyFrames);
    if (steady > 0) {
      steadyFrames += steady;
      steadyOff += a.steadyCpuMsPerFrame * steady;
      steadyOn += b.steadyCpuMsPerFrame * steady;
    }
    const steadyCell =
      steady > 0
        ? `${steady}, ${round(b.steadyDetectorRunShare * 100, 1)} %, ${a.steadyCpuMsPerFrame} -> ${b.steadyCpuMsPerFrame}, ${round(a.steadyCpuMsPerFrame / b.steadyCpuMsPerFrame, 2)}x`
        : 'none (shorter than the warm-up)';
    const perCore = (ms: number): number => round(1000 / (ms * 5), 2);
    console.log(
      `${scenarios ? `${p.slice('scenario:'.length)} ` : ''}${path.basename(clip)} | ${a.frames} | ${round(b.detectorRunShare * 100, 1)} % (${round(b.lookShare * 100, 1)} %, ${round(b.meanLookArea * 100, 0)} %) | ${a.cpuMsPerFrame} -> ${b.cpuMsPerFrame} | ${perCore(a.cpuMsPerFrame)} -> ${perCore(b.cpuMsPerFrame)} | ${round(a.cpuMsPerFrame / b.cpuMsPerFrame, 2)}x | ${steadyCell}`,
    );
    const ms = (r: PipelineRun): string => Object.entries(r.analyzerMsPerFrame).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
    console.log(`  analyzers, wall ms per frame, off: ${ms(a)}; on: ${ms(b)}`);
  }
  console.log(`pooled (${frames} frames) | CPU ms/frame ${round(off / frames)} -> ${round(on / frames)} | gain ${round(off / on, 2)}x`);
  if (steadyFrames > 0) {
    console.log(`pooled steady (${steadyFrames} frames after the warm-up) | CPU ms/frame ${round(steadyOff / steadyFrames)} -> ${round(steadyOn / steadyFrames)} | gain ${round(steadyOff / steadyOn, 2)}x`);
  }
}
