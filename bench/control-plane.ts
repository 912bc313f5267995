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
 * `--console`: the assignments come from a real console instead (`vigie serve --bus`, a site file
 * of N cameras, no legal authorisation required); its CPU and RSS are measured with the rest, and
 * the latency of `GET /api/cameras` and `/api/system-health` (the camera screen, the health banner)
 * with N cameras, and whether it shows them all running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DeliverPolicy } from '@nats-io/jetstream';
import { connectBus } from '../src/bus/connect.ts';
import { busKey, STREAM_STATUS, type CameraAssignment } from '../src/bus/protocol.ts';
import { startTestNats } from '../src/bus/testing.ts';
import { claimAdmin, yardCamera } from '../src/server/testing.ts';
import { startVigie, type ServerProcess } from '../test/e2e/harness.ts';
import { NODE_FLAGS } from '../src/cli/node-flags.ts';
import { allProcesses, sampleTree } from './proc-stats.ts';
import { percentile, round } from './stats.ts';

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

/** The options of `--control-plane` (run.ts passes the whole command line; `--quick`, `--json` mean nothing here). */
function options(argv: readonly string[]): { cameras: number; workers: number; procs: number; seconds: number; console: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'control-plane': { type: 'string', default: '1000' },
      workers: { type: 'string', default: '20' },
      procs: { type: 'string', default: '4' },
      seconds: { type: 'string', default: '30' },
      console: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const positive = (name: 'control-plane' | 'workers' | 'procs' | 'seconds'): number => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive whole number, got ${values[name]}`);
    return n;
  };
  const workers = positive('workers');
  return { cameras: positive('control-plane'), workers, procs: Math.min(workers, positive('procs')), seconds: positive('seconds'), console: values.console };
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

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

/** `vigie serve --bus` with a site of `cameras` cameras (fake RTSP sources: the workers decode nothing). */
async function startConsole(natsUrl: string, cameras: number, dir: string): Promise<{ server: ServerProcess; cookie: string }> {
  const site = {
    legal: { requireAuthorisation: false },
    cameras: Array.from({ length: cameras }, (_, i) => ({ id: `cam${i}`, url: `rtsp://127.0.0.1:9/cam${i}`, events: ['intrusion'], zones: [{ id: 'yard', kind: 'forbidden', polygon: [[0.1, 0.1], [0.9, 0.1], [0.9, 0.9], [0.1, 0.9]] }] })),
  };
  const file = path.join(dir, 'site.yaml');
  writeFileSync(file, JSON.stringify(site));
  const server = await startVigie(path.join(dir, 'data'), 120_000, ['--bus', natsUrl, '--config', file]);
  for (const until = Date.now() + 10_000; server.setupToken() === undefined && Date.now() < until; ) await sleep(50);
  return { server, cookie: await claimAdmin(server.url, server.setupToken()) };
}

/** `n` sequential GETs of `route`: p50 / p95 / max in ms, and the last body. */
async function timeGets(url: string, cookie: string, route: string, n: number): Promise<{ p50: number; p95: number; max: number; body: unknown }> {
  const ms: number[] = [];
  let body: unknown;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(`${url}${route}`, { headers: { Cookie: `vigie_session=${cookie}` } });
    body = await res.json();
    ms.push(performance.now() - t0);
    if (!res.ok) throw new Error(`GET ${route}: ${res.status} ${JSON.stringify(body)}`);
  }
  return { p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), max: round(Math.max(...ms)), body };
}

export async function controlPlaneBench(argv: readonly string[]): Promise<void> {
  const { cameras, workers: workerCount, procs: procCount, seconds, console: withConsole } = options(argv);
  const nats = await startTestNats();
  const natsPid = allProcesses().find((p) => p.ppid === process.pid && p.comm === 'nats-server')?.pid;
  const bus = await connectBus({ url: nats.url, name: 'control-plane-bench' });
  const procs: Proc[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-control-plane-'));
  let consoleSide: { server: ServerProcess; cookie: string } | undefined;
  try {
    console.log(`control plane: ${cameras} cameras, ${workerCount} workers in ${procCount} processes, nats-server ${nats.url} (private); cameras that decode nothing${withConsole ? '; assignments from a console (vigie serve --bus)' : ''}\n`);
    if (withConsole) {
      const t0 = Date.now();
      consoleSide = await startConsole(nats.url, cameras, dir);
      for (;;) {
        const keys = await bus.cameras.keys();
        let n = 0;
        for await (const _k of keys) n += 1;
        if (n === cameras) break;
        if (Date.now() - t0 > 300_000) throw new Error(`the console assigned ${n} of ${cameras} cameras in 5 minutes`);
        await sleep(500);
      }
      console.log(`console: started and every camera assigned in KV ${round((Date.now() - t0) / 1000)} s after its start`);
    } else {
      const putAtMs = Date.now();
      for (let i = 0; i < cameras; i++) {
        const a: CameraAssignment = { camera: yardCamera(`rtsp://127.0.0.1:9/cam${i}`, `cam${i}`), analysis: { fps: 5, width: 640 }, putAtMs };
        await bus.cameras.put(busKey(`cam${i}`), JSON.stringify(a));
      }
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
      const held = perWorker();
      return held.length === workers && total() === cameras && Math.max(...held) - Math.min(...held) <= 1;
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
      console: consoleSide ? sampleTree(consoleSide.server.pid) : undefined,
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
    if (consoleSide && a.console && b.console) {
      console.log(`  console (vigie serve --bus): ${round((b.console.selfCpuS - a.console.selfCpuS) / wallS, 3)} cores, RSS ${round(b.console.selfRssMb, 0)} MB`);
      const { url } = consoleSide.server;
      const { cookie } = consoleSide;
      const list = await timeGets(url, cookie, '/api/cameras', 20);
      const health = await timeGets(url, cookie, '/api/system-health', 20);
      const views = list.body as { status?: { state?: string } }[];
      const runningViews = Array.isArray(views) ? views.filter((v) => v.status?.state === 'running').length : Number.NaN;
      console.log(`  GET /api/cameras (${cameras} cameras): p50 ${list.p50} ms, p95 ${list.p95}, max ${list.max}; ${runningViews} shown running. GET /api/system-health: p50 ${health.p50} ms, p95 ${health.p95}, max ${health.max}`);
    }
    console.log(`  still balanced at the end: ${balanced(workerCount)}; errors logged by the workers so far: ${procs.reduce((s, p) => s + p.errorCount, 0)}`);

    // Takeover: the first process dies with its workers' cameras (another must be left to take them).
    if (procs.length < 2) {
      console.log('takeover: not measured (one process: --procs 2 or more)');
      return;
    }
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
    await consoleSide?.server.stop();
    await bus.close();
    await nats.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
