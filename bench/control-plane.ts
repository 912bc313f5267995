/**
 * `npm run bench -- --control-plane N [--workers W] [--procs P] [--seconds S]`: the distributed
 * mode's own cost and timings at N cameras, without video. A private nats-server; N camera
 * assignments put in KV `vigie-cameras` as the console does; W workers (the real `startWorker`:
 * leases, their watch, status every second per camera, heartbeats) in P processes, whose cameras
 * decode and analyse nothing (bench/control-plane-child.ts). Measures:
 * - coverage: from the workers' start until every camera runs on exactly one worker, then until
 *   the cameras are spread evenly (each worker within one of N/W);
 * - steady state over S seconds: CPU and RSS per worker process, per worker and per camera;
 *   nats-server's CPU and RSS; status messages and lease writes per second on the bus;
 * - takeover: one process is killed (SIGKILL): time until each of its cameras runs elsewhere.
 * The console (`vigie serve --bus`) is not in it: it reads the same status stream.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DeliverPolicy } from '@nats-io/jetstream';
import { connectBus } from '../src/bus/connect.ts';
import { busKey, STREAM_STATUS, type CameraAssignment } from '../src/bus/protocol.ts';
import { startTestNats } from '../src/bus/testing.ts';
import { yardCamera } from '../src/server/testing.ts';
import { NODE_FLAGS } from '../src/cli/node-flags.ts';
import { allProcesses, sampleTree } from './proc-stats.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface ChildReport {
  readonly atMs: number;
  readonly cpuMs: number;
  readonly rssMb: number;
  readonly running: Record<string, number>;
  /** Errors logged by its workers since the last report, and the first few of them. */
  readonly errorCount: number;
  readonly errors: string[];
}

interface Proc {
  readonly child: ChildProcess;
  readonly workers: number;
  last?: ChildReport;
  errorCount: number;
  errors: string[];
}

const option = (argv: readonly string[], name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const positive = (argv: readonly string[], name: string, fallback: number): number => {
  const raw = option(argv, name);
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} takes a positive whole number, got ${raw}`);
  return n;
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

/** Waits for `check`, saying where things stand every 10 s. */
async function until(what: string, check: () => boolean, timeoutMs: number, progress: () => string): Promise<number> {
  const start = Date.now();
  let said = start;
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs / 1000} s (${progress()})`);
    if (Date.now() - said >= 10_000) {
      said = Date.now();
      console.log(`  waiting for ${what}, ${round((said - start) / 1000, 0)} s: ${progress()}`);
    }
    await sleep(100);
  }
  return Date.now() - start;
}

export async function controlPlaneBench(argv: readonly string[]): Promise<void> {
  const cameras = positive(argv, '--control-plane', 1000);
  const workerCount = positive(argv, '--workers', 20);
  const procCount = Math.min(workerCount, positive(argv, '--procs', 4));
  const seconds = positive(argv, '--seconds', 30);
  const nats = await startTestNats();
  const natsPid = allProcesses().find((p) => p.ppid === process.pid && p.comm === 'nats-server')?.pid;
  const bus = await connectBus({ url: nats.url, name: 'control-plane-bench' });
  const procs: Proc[] = [];
  try {
    console.log(`control plane: ${cameras} cameras, ${workerCount} workers in ${procCount} processes, nats-server ${nats.url} (private); cameras that decode nothing\n`);
    const putAtMs = Date.now();
    for (let i = 0; i < cameras; i++) {
      const a: CameraAssignment = { camera: yardCamera(`rtsp://127.0.0.1:9/cam${i}`, `cam${i}`), analysis: { fps: 5, width: 640 }, putAtMs };
      await bus.cameras.put(busKey(`cam${i}`), JSON.stringify(a));
    }

    // Bus traffic: status messages (what the console reads) and lease writes, counted as they come.
    const counts = { status: 0, leases: 0 };
    const statusConsumer = await bus.js.consumers.get(STREAM_STATUS, { deliver_policy: DeliverPolicy.New });
    const statusMessages = await statusConsumer.consume();
    void (async () => {
      for await (const _m of statusMessages) counts.status += 1;
    })();
    const leaseWatch = await bus.leases.watch({ include: 'updates' });
    void (async () => {
      for await (const _e of leaseWatch) counts.leases += 1;
    })();

    const startedAtMs = Date.now();
    let next = 0;
    for (let p = 0; p < procCount; p++) {
      const n = Math.floor(workerCount / procCount) + (p < workerCount % procCount ? 1 : 0);
      const child = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', path.join(root, 'bench/control-plane-child.ts'), nats.url, String(next), String(n)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
      next += n;
      const proc: Proc = { child, workers: n, errorCount: 0, errors: [] };
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const r = JSON.parse(line) as ChildReport;
        proc.last = r;
        proc.errorCount += r.errorCount;
        if (proc.errors.length < 5) proc.errors.push(...r.errors);
      });
      procs.push(proc);
    }
    const alive = (): Proc[] => procs.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
    const perWorker = (): number[] => alive().flatMap((p) => Object.values(p.last?.running ?? {}));
    const total = (): number => perWorker().reduce((s, n) => s + n, 0);
    const balanced = (workers: number): boolean => {
      const counts = perWorker();
      return counts.length === workers && total() === cameras && Math.max(...counts) - Math.min(...counts) <= 1;
    };
    const progress = (): string => {
      const c = perWorker();
      return `${total()} camera(s) running on ${c.length} worker(s) (${Math.min(...c)}-${Math.max(...c)} each), ${procs.reduce((s, p) => s + p.errorCount, 0)} error(s) logged`;
    };
    await until('every camera running', () => total() === cameras, 300_000, progress);
    const coveredMs = Date.now() - startedAtMs;
    await until('the cameras spread evenly', () => balanced(workerCount), 300_000, progress);
    const balancedMs = Date.now() - startedAtMs;
    console.log(`coverage: every camera running ${round(coveredMs / 1000)} s after the workers started; spread evenly (${Math.floor(cameras / workerCount)}-${Math.ceil(cameras / workerCount)} each) at ${round(balancedMs / 1000)} s`);

    // Steady state.
    await sleep(5000);
    const sample = () => ({
      atMs: Date.now(),
      procs: procs.map((p) => sampleTree(p.child.pid!)),
      nats: natsPid !== undefined ? sampleTree(natsPid) : undefined,
      counts: { ...counts },
    });
    const a = sample();
    await sleep(seconds * 1000);
    const b = sample();
    const wallS = (b.atMs - a.atMs) / 1000;
    const procCpu = procs.map((_, i) => (b.procs[i]!.selfCpuS - a.procs[i]!.selfCpuS) / wallS);
    const workersCores = procCpu.reduce((s, c) => s + c, 0);
    const rss = b.procs.map((s) => s!.selfRssMb);
    const natsCores = a.nats && b.nats ? (b.nats.selfCpuS - a.nats.selfCpuS) / wallS : Number.NaN;
    console.log(`steady (${round(wallS)} s): workers ${round(workersCores, 3)} cores in all = ${round((workersCores / workerCount) * 100, 2)} % of a core per worker, ${round((workersCores / cameras) * 1000, 3)} ms CPU per camera-second (${round((workersCores / cameras) * 100, 4)} % of a core per camera)`);
    console.log(`  worker processes: RSS ${rss.map((r) => round(r, 0)).join(', ')} MB (${round(rss.reduce((s, r) => s + r, 0) / workerCount, 0)} MB per worker)`);
    console.log(`  nats-server: ${round(natsCores, 3)} cores, RSS ${round(b.nats?.selfRssMb ?? Number.NaN, 0)} MB`);
    console.log(`  bus: ${round((b.counts.status - a.counts.status) / wallS, 0)} status messages/s, ${round((b.counts.leases - a.counts.leases) / wallS, 0)} lease writes/s`);
    console.log(`  still balanced at the end: ${balanced(workerCount)}; errors logged by the workers so far: ${procs.reduce((s, p) => s + p.errorCount, 0)}`);

    // Takeover: the first process dies with its workers' cameras.
    const victim = procs[0]!;
    const lost = Object.values(victim.last?.running ?? {}).reduce((s, n) => s + n, 0);
    victim.child.kill('SIGKILL');
    const killedAtMs = Date.now();
    await new Promise((r) => victim.child.once('exit', r));
    await until(`its ${lost} cameras running elsewhere`, () => total() === cameras, 120_000, progress);
    const takeoverMs = Date.now() - killedAtMs;
    await until('spread evenly again', () => balanced(workerCount - victim.workers), 300_000, progress);
    const rebalancedMs = Date.now() - killedAtMs;
    console.log(`takeover: kill -9 of a process with ${victim.workers} workers and ${lost} cameras: all running elsewhere ${round(takeoverMs / 1000)} s after the kill (child reports every 1 s); spread evenly at ${round(rebalancedMs / 1000)} s`);
    const errors = procs.flatMap((p) => p.errors);
    if (errors.length > 0) console.log(`  first errors: ${errors.slice(0, 5).join(' | ')}`);
    await statusMessages.close();
    leaseWatch.stop();
  } finally {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => (p.child.exitCode === null && p.child.signalCode === null ? new Promise((r) => p.child.once('exit', r)) : undefined)));
    await bus.close();
    await nats.close();
  }
}
