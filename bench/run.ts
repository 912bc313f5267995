/**
 * `npm run bench`: in one run on the real clips of ../shared/data, each measurement in its own
 * process: decode fps and ffmpeg cost, detector ms per frame (p50, p95), whole-pipeline CPU per
 * analysed frame (frames per core-second, share of one core at 5 fps), per-analyzer cost, and
 * peak RSS for 1 and 4 cameras. `--json` prints the raw results; `--quick` skips the 4-camera run.
 * `--cameras N` runs the multi-camera bench of bench/cameras.ts instead (vigie serve with N cameras);
 * `--gating-pairs` the per-clip gain of motion gating (bench/gating-pairs.ts); `--control-plane N`
 * the distributed mode's own cost and timings at N cameras without video (bench/control-plane.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from '../src/cli/node-flags.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = process.env.VIGIE_SHARED_DATA ?? path.resolve(root, '../shared/data');
const args = new Set(process.argv.slice(2));

if (args.has('--control-plane')) {
  // The distributed mode's own cost at N cameras, no video (bench/control-plane.ts).
  await (await import('./control-plane.ts')).controlPlaneBench(process.argv.slice(2));
  process.exit();
}
if (!existsSync(data)) {
  console.error(`bench: ${data} not found: the benchmark runs on the real clips of ../shared/data`);
  process.exit(2);
}
if (process.argv.slice(2).some((a) => a === '--cameras' || a.startsWith('--cameras='))) {
  // The multi-camera bench (bench/cameras.ts) instead of the single-camera measurements below.
  await (await import('./cameras.ts')).camerasBench(process.argv.slice(2));
  process.exit();
}
if (args.has('--gating-pairs')) {
  // Motion gating's gain clip by clip (bench/gating-pairs.ts).
  (await import('./gating-pairs.ts')).gatingPairs(root, data, process.argv.slice(2));
  process.exit();
}
const clip = (rel: string): string => path.join(data, 'clips', rel);
const GENERIC = clip('generic/opencv_vtest.avi');
const CARS = clip('wrong_way/intel_car-detection.mp4');
const SHOULDER = clip('intrusion/bgslibrary_video02.avi');
/** A packed crowd, then a cut to a crowd too small to detect: the head-blob texture path and a full tile pass on the new view. */
const DENSE = clip('crowd_density/ucfcrowd_7399-1_70.mov');

function child(...argv: string[]): Record<string, unknown> {
  const r = spawnSync(process.execPath, [...NODE_FLAGS, '--import', 'tsx', path.join(root, 'bench/child.ts'), ...argv], { encoding: 'utf8', cwd: root });
  if (r.status !== 0) throw new Error(`bench child ${argv.join(' ')} failed:\n${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() ?? '{}';
  const out = JSON.parse(line) as Record<string, unknown>;
  console.error(`  ${argv[0]} ${path.basename(argv[1] ?? '')} ${argv.slice(2).join(' ')}: ${line}`);
  return out;
}

console.error('vigie bench: each line is one measurement in its own process');
const results = {
  decode: [child('decode', GENERIC), child('decode', CARS), child('decode', SHOULDER)],
  detector: [child('detector', GENERIC)],
  pipeline1: child('pipeline', GENERIC, '1', 'pipeline'),
  issue3: child('pipeline', GENERIC, '1', 'issue3'),
  all1: child('pipeline', GENERIC, '1', 'all'),
  dense: child('pipeline', DENSE, '1', 'issue3'),
  pipeline4: args.has('--quick') ? undefined : child('pipeline', SHOULDER, '4', 'pipeline'),
};

if (args.has('--json')) {
  console.log(JSON.stringify(results, null, 2));
} else {
  const p = results.pipeline1;
  const a = results.all1;
  const d = results.detector[0]!;
  console.log('\nVigie benchmark (5 fps, 640 px)');
  for (const r of results.decode) console.log(`decode       ${String(r.clip).padEnd(28)} ${r.decodeFps} frames/s wall, ffmpeg ${r.ffmpegCpuMsPerFrame} ms CPU/frame`);
  console.log(`detector     NanoDet 416, 1 thread: p50 ${d.p50Ms} ms, p95 ${d.p95Ms} ms, ${d.cpuMsPerFrame} ms CPU/frame`);
  console.log(`pipeline     intrusion+wrong_way, 1 camera: ${p.cpuMsPerFrame} ms CPU/frame = ${p.framesPerCoreSecond} frames per core-second, ${Math.round(Number(p.coreShareAt5Fps) * 100)} % of a core at 5 fps, peak RSS ${p.peakRssMb} MB`);
  const i3 = results.issue3;
  console.log(`+ abandoned, person_down, crowd_density, 1 camera: ${i3.cpuMsPerFrame} ms CPU/frame, ${Math.round(Number(i3.coreShareAt5Fps) * 100)} % of a core at 5 fps, analyzers (ms/frame) ${JSON.stringify(i3.analyzerMsPerFrame)}`);
  const dn = results.dense;
  console.log(`dense crowd  ${path.basename(DENSE)}, same events: ${dn.cpuMsPerFrame} ms CPU/frame, ${Math.round(Number(dn.coreShareAt5Fps) * 100)} % of a core at 5 fps, analyzers (ms/frame) ${JSON.stringify(dn.analyzerMsPerFrame)}`);
  console.log(`all events   1 camera: ${a.cpuMsPerFrame} ms CPU/frame, ${Math.round(Number(a.coreShareAt5Fps) * 100)} % of a core at 5 fps, analyzers (ms/frame) ${JSON.stringify(a.analyzerMsPerFrame)}, peak RSS ${a.peakRssMb} MB`);
  if (results.pipeline4) console.log(`4 cameras    peak RSS ${results.pipeline4.peakRssMb} MB, ${results.pipeline4.cpuMsPerFrame} ms CPU/frame`);
}
