/**
 * One process of the control-plane bench (bench/control-plane.ts): `count` workers of `vigie worker`
 * on the bus at `url`, named cp-w<first>..., whose cameras decode and analyse nothing (a runner that
 * says "running" at 5 fps): what remains is what the distributed mode costs per camera and worker
 * (leases, their watch, status every second, heartbeats). Prints one JSON line per second: its CPU
 * (ms since start), RSS (MB) and the cameras each worker runs.
 * Usage: node --import tsx bench/control-plane-child.ts <url> <first> <count>
 */
import { siteConfigSchema } from '../src/config/schema.ts';
import type { Logger } from '../src/server/log.ts';
import type { CameraRunner } from '../src/server/camera-runner.ts';
import { startWorker, type RunningWorker } from '../src/bus/worker.ts';
import type { startWorkerCamera } from '../src/bus/worker-camera.ts';

const [url, firstArg, countArg] = process.argv.slice(2);
const first = Number(firstArg);
const count = Number(countArg);
if (!url || !Number.isInteger(first) || !Number.isInteger(count) || count < 1) {
  console.error('usage: control-plane-child.ts <url> <first> <count>');
  process.exit(2);
}

/** A camera that is running and never sees a frame: the control plane alone. */
const idleCamera: typeof startWorkerCamera = (assignment, content, deps) => {
  const sinceMs = Date.now();
  let stop: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (stop = resolve));
  const runner: CameraRunner = {
    status: () => ({ state: 'running', sinceMs }),
    stats: () => ({ fps: 5, dropped: 0, decoded: Math.round((Date.now() - sinceMs) / 200), restarts: 0, dropRate: 0, lastFrameMs: Date.now() }),
    stop: async () => stop(),
    done,
  };
  queueMicrotask(() => deps.onStatus(assignment.camera.id));
  return { assignment, content, runner, finishClip: async () => undefined };
};

// The bench stops by killing this process: a write to its closed pipe is not an error worth a trace.
process.stdout.on('error', () => process.exit(0));
// Errors per report: how many, and the first few.
let errorCount = 0;
const errors: string[] = [];
const logger = (id: string): Logger => ({
  info: () => undefined,
  error: (m) => {
    errorCount += 1;
    if (errors.length < 3) errors.push(`${id} ${m}`);
  },
});
const site = siteConfigSchema.parse({});
const workers: RunningWorker[] = [];
for (let i = first; i < first + count; i++) {
  const workerId = `cp-w${i}`;
  workers.push(await startWorker({ busUrl: url, site, workerId, logger: logger(workerId), ffmpegPath: null, runCamera: idleCamera }));
}
setInterval(() => {
  const { user, system } = process.cpuUsage();
  const running = Object.fromEntries(workers.map((w) => [w.workerId, w.running().length]));
  process.stdout.write(`${JSON.stringify({ atMs: Date.now(), cpuMs: (user + system) / 1000, rssMb: process.memoryUsage().rss / 1048576, running, errorCount, errors: errors.splice(0) })}\n`);
  errorCount = 0;
}, 1000);
process.once('SIGTERM', () => {
  void Promise.all(workers.map((w) => w.close({ release: true }))).then(() => process.exit(0));
});
