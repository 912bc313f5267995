/**
 * `npm run bench -- --cameras N [--warmup 15] [--seconds 60] [--gating both|on|off] [--scenarios a,b]
 * [--masked] [--watch] [--bus] [--json]`: how many cameras one box sustains at the analysis rate, and at what cost.
 * `--masked` gives every camera a privacy mask (MASK below), as a site with private windows in view has;
 * `--watch` subscribes to every camera's live frames, as a console showing them all does.
 * For each setting of `analysis.motionGating` (on, then off): starts `vigie serve` (test/e2e/harness.ts
 * startVigie: own process, free port, fresh data folder) with a generated site file of N cameras
 * looping real clips of ../shared/data in real time (scenario-cameras.ts: zones and events of their
 * scenarios, so alerts come on every loop; `legal.requireAuthorisation: false`, a trial), claims
 * the first admin and listens on the console WebSocket like the console does (no camera watched
 * live, so no live frame is encoded). After `warmup` s it measures for `seconds` s:
 * - analysed fps per camera (GET /api/cameras: decoded - dropped, end minus start);
 * - CPU of serve (its threads: event loop, detector workers) and of its ffmpeg children
 *   (/proc, proc-stats.ts), RSS of each (sampled every second: mean and peak);
 * - alert latency, analysed frame (alert.frameWallMs) -> alert message received on the WebSocket.
 * `--bus` runs the same again in distributed mode (cameras-bus.ts): serve --bus and two
 * `vigie worker --bus` on a private nats-server, when this build has those commands.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import type { CameraConfig } from '../src/config/schema.ts';
import { claimAdmin, connectWs, type WsClient } from '../src/server/testing.ts';
import { missingPrereqs, repoRoot, startVigie, type ServerProcess } from '../test/e2e/harness.ts';
import { busSupport, startBusSide, type BusSide } from './cameras-bus.ts';
import { formatTable, summarise, type CameraCount, type GroupPart, type GroupUsage, type RawRun, type RunSummary } from './cameras-report.ts';
import { allProcesses, descendantCpuS, isClipEncoder, sampleTree, type TreeSample } from './proc-stats.ts';
import { benchCameras, scenarioFile, scenarioList } from './scenario-cameras.ts';

const FPS = 5;

interface Options {
  readonly cameras: number;
  readonly warmupS: number;
  readonly seconds: number;
  readonly gating: readonly boolean[];
  readonly scenarios: readonly string[];
  readonly masked: boolean;
  readonly watch: boolean;
  readonly bus: boolean;
  readonly json: boolean;
}

/** `--masked`: a privacy mask over the top-right corner of every camera's view (a tenth of it). */
const MASK: CameraConfig['privacyMasks'] = [
  [
    [0.7, 0],
    [1, 0],
    [1, 1 / 3],
    [0.7, 1 / 3],
  ],
];

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      cameras: { type: 'string' },
      warmup: { type: 'string', default: '15' },
      seconds: { type: 'string', default: '60' },
      gating: { type: 'string', default: 'both' },
      scenarios: { type: 'string' },
      masked: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      bus: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false }, // run.ts's option, meaningless here
    },
  });
  const cameras = Number(values.cameras);
  const warmupS = Number(values.warmup);
  const seconds = Number(values.seconds);
  if (!Number.isInteger(cameras) || cameras < 1) throw new Error(`--cameras must be a whole number >= 1, got ${values.cameras}`);
  if (!(warmupS >= 0) || !(seconds > 0)) throw new Error(`--warmup must be >= 0 and --seconds > 0, got ${values.warmup} and ${values.seconds}`);
  const gating = { both: [true, false], on: [true], off: [false] }[values.gating];
  if (!gating) throw new Error(`--gating must be both, on or off, got ${values.gating}`);
  return { cameras, warmupS, seconds, gating, scenarios: scenarioList(values.scenarios), masked: values.masked, watch: values.watch, bus: values.bus, json: values.json };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface CameraView {
  readonly id: string;
  readonly stats: { readonly decoded: number; readonly dropped: number };
}

async function cameraViews(url: string, cookie: string): Promise<CameraView[]> {
  const res = await fetch(`${url}/api/cameras`, { headers: { Cookie: `vigie_session=${cookie}` } });
  if (!res.ok) throw new Error(`GET /api/cameras answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as CameraView[];
}

/** Frames analysed and dropped per camera between two listings. */
function counts(before: readonly CameraView[], after: readonly CameraView[], ids: readonly string[]): CameraCount[] {
  return ids.map((id) => {
    const a = before.find((v) => v.id === id)?.stats;
    const b = after.find((v) => v.id === id)?.stats;
    if (!a || !b) return { id, analysed: 0, dropped: 0 };
    return { id, analysed: b.decoded - b.dropped - (a.decoded - a.dropped), dropped: b.dropped - a.dropped };
  });
}

/** A measured process: `self` counts the root's own threads, `children` its descendants (ffmpeg). */
interface Measured {
  readonly name: string;
  readonly pid: () => number | undefined;
  readonly part: 'self' | 'children' | 'tree';
}

/**
 * The alert clips' encoders among a group's children: CPU seconds of each from the first sample
 * that saw it to the last (what one runs between the last sample and its exit is missed: a lower bound).
 */
function createEncoderTally(): { see(cpuByPid: ReadonlyMap<number, number>, first: boolean): void; cpuS(): number } {
  const seen = new Map<number, { from: number; to: number }>();
  return {
    see(cpuByPid, first) {
      for (const [pid, cpu] of cpuByPid) {
        const known = seen.get(pid);
        // An encoder born after the first sample counts from zero; one alive at it, from then.
        seen.set(pid, { from: known?.from ?? (first ? cpu : 0), to: cpu });
      }
    },
    cpuS: () => [...seen.values()].reduce((a, e) => a + e.to - e.from, 0),
  };
}

/** CPU deltas and RSS (mean, peak) of each measured group, sampled every second while `until` is ahead. */
async function measureGroups(groups: readonly Measured[], untilMs: number): Promise<GroupUsage[]> {
  const encoders = groups.map(() => createEncoderTally());
  let firstTake = true;
  const take = (): (TreeSample | undefined)[] => {
    const procs = allProcesses();
    const samples = groups.map((g, i) => {
      const pid = g.pid();
      if (pid !== undefined && g.part === 'children') encoders[i]!.see(descendantCpuS(pid, isClipEncoder, procs), firstTake);
      return pid === undefined ? undefined : sampleTree(pid, procs);
    });
    firstTake = false;
    return samples;
  };
  const cpu = (s: TreeSample | undefined, part: Measured['part']): number => (s === undefined ? 0 : part === 'self' ? s.selfCpuS : part === 'children' ? s.childrenCpuS : s.selfCpuS + s.childrenCpuS);
  const rss = (s: TreeSample | undefined, part: Measured['part']): number => (s === undefined ? 0 : part === 'self' ? s.selfRssMb : part === 'children' ? s.childrenRssMb : s.selfRssMb + s.childrenRssMb);
  const first = take();
  const rssSamples: number[][] = groups.map(() => []);
  let last = first;
  while (Date.now() < untilMs) {
    await sleep(Math.min(1000, Math.max(0, untilMs - Date.now())));
    last = take();
    last.forEach((s, i) => rssSamples[i]!.push(rss(s, groups[i]!.part)));
  }
  return groups.map((g, i) => {
    const xs = rssSamples[i]!;
    const [a, b] = [first[i]?.mainThreadCpuS, last[i]?.mainThreadCpuS];
    // The event loop's part of a process's own threads (the rest: detector workers, GC, libuv's pool).
    const parts: GroupPart[] =
      g.part === 'self' ? (a !== undefined && b !== undefined ? [{ label: 'its event loop', cpuS: b - a }] : []) : g.part === 'children' ? [{ label: 'alert clip encoders (at least)', cpuS: encoders[i]!.cpuS() }] : [];
    return { name: g.name, cpuS: cpu(last[i], g.part) - cpu(first[i], g.part), ...(parts.length > 0 ? { parts } : {}), meanRssMb: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0, peakRssMb: xs.length ? Math.max(...xs) : 0 };
  });
}

/** The site file of a run: the cameras, gating on or off, no authorisation needed (a trial). */
function writeSite(dir: string, cameras: readonly CameraConfig[], motionGating: boolean): string {
  const file = path.join(dir, 'site.yaml');
  writeFileSync(file, stringify({ version: 1, analysis: { fps: FPS, motionGating }, legal: { requireAuthorisation: false }, cameras }));
  return file;
}

async function runOnce(opts: Options, motionGating: boolean, bus: boolean): Promise<RawRun> {
  const label = `${bus ? 'bus, ' : ''}gating ${motionGating ? 'on' : 'off'}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-cameras-'));
  const cameras = benchCameras(opts.cameras, opts.scenarios).map((c) => (opts.masked ? { ...c, privacyMasks: MASK } : c));
  const site = writeSite(dir, cameras, motionGating);
  let server: ServerProcess | undefined;
  let side: BusSide | undefined;
  let ws: WsClient | undefined;
  try {
    side = bus ? await startBusSide() : undefined;
    server = await startVigie(path.join(dir, 'data'), 60_000, ['--config', site, ...(side?.serveArgs ?? [])]);
    for (const until = Date.now() + 10_000; server.setupToken() === undefined && Date.now() < until; ) await sleep(50);
    const { url } = server;
    const cookie = await claimAdmin(url, server.setupToken());
    await side?.startWorkers(site, 2);
    const latencyMs: number[] = [];
    let measuring = false;
    ws = await connectWs(`${url.replace('http', 'ws')}/ws`, { Cookie: `vigie_session=${cookie}`, Origin: url });
    let liveFrames = 0;
    ws.onMessage = (m) => {
      if (!measuring) return;
      if (m.type === 'alert') latencyMs.push(Date.now() - m.alert.frameWallMs);
      if (m.type === 'frame') liveFrames += 1;
    };
    // Every camera's live frames, as a console wall showing them all (frames come while subscribed).
    if (opts.watch) ws.ws.send(JSON.stringify({ type: 'subscribe', cameras: cameras.map((c) => c.id) }));
    console.error(`${label}: ${cameras.length} camera(s) on ${url}, ${opts.warmupS} s warm-up, then ${opts.seconds} s measured`);
    await sleep(opts.warmupS * 1000);
    ws.messages.length = 0;
    // The live frames are counted as they come, not kept (a minute of them is tens of MB).
    const dropFrames = opts.watch ? setInterval(() => ws && (ws.messages.length = 0), 1000) : undefined;
    const loadStart = os.loadavg()[0]!;
    const before = await cameraViews(url, cookie);
    measuring = true;
    const t0 = Date.now();
    const servePid = server.pid;
    const groups: Measured[] = [
      { name: 'serve', pid: () => servePid, part: 'self' },
      { name: bus ? 'serve children' : 'ffmpeg (serve children)', pid: () => servePid, part: 'children' },
      ...(side?.measured() ?? []),
    ];
    const usage = await measureGroups(groups, t0 + opts.seconds * 1000);
    const after = await cameraViews(url, cookie);
    measuring = false;
    clearInterval(dropFrames);
    const windowS = (Date.now() - t0) / 1000;
    return {
      label,
      motionGating,
      bus,
      fps: FPS,
      windowS,
      cameras: counts(before, after, cameras.map((c) => c.id)),
      groups: usage,
      latencyMs,
      ...(opts.watch ? { liveFrames } : {}),
      loadAverage: [loadStart, os.loadavg()[0]!],
    };
  } finally {
    ws?.close();
    await side?.stopWorkers();
    const log = (await server?.stop()) ?? '';
    await side?.close();
    rmSync(dir, { recursive: true, force: true });
    const errors = log.split('\n').filter((l) => /\b(error|failed)\b/i.test(l));
    if (errors.length > 0) console.error(`${label}: the server logged ${errors.length} error line(s), first: ${errors[0]}`);
  }
}

export async function camerasBench(argv: string[]): Promise<void> {
  const opts = options(argv);
  const missing = missingPrereqs({
    'detector model (npm run postinstall)': path.join(repoRoot, 'models/nanodet.onnx'),
    ...Object.fromEntries(opts.scenarios.map((name) => [`scenario ${name}`, scenarioFile(name)])),
  });
  if (missing.length > 0) {
    console.error(`bench --cameras skipped, missing: ${missing.join(', ')}`);
    return;
  }
  const runs: RunSummary[] = [];
  for (const gating of opts.gating) {
    runs.push(summarise(await runOnce(opts, gating, false)));
    console.error(JSON.stringify(runs.at(-1)));
  }
  if (opts.bus) {
    const unsupported = busSupport();
    if (unsupported) console.error(`--bus skipped: ${unsupported}`);
    else
      for (const gating of opts.gating) {
        runs.push(summarise(await runOnce(opts, gating, true)));
        console.error(JSON.stringify(runs.at(-1)));
      }
  }
  if (opts.json) {
    console.log(JSON.stringify({ cpus: os.cpus().length, fps: FPS, warmupS: opts.warmupS, scenarios: opts.scenarios, runs }, null, 2));
    return;
  }
  console.log(`\nVigie multi-camera bench: ${opts.cameras} camera(s) at ${FPS} fps, ${opts.seconds} s measured after ${opts.warmupS} s, ${os.cpus().length} CPU(s)`);
  console.log(`clips: ${opts.scenarios.slice(0, opts.cameras).join(', ')} (looped in real time)${opts.masked ? ', each with a privacy mask' : ''}\n`);
  console.log(formatTable(runs, FPS));
  const busiest = Math.max(...runs.flatMap((r) => r.loadAverage));
  if (busiest > os.cpus().length) {
    console.log(`\nThe machine was busy (load average up to ${busiest} on ${os.cpus().length} CPUs): the cameras got only the CPU other jobs left, so a camera`);
    console.log('that did not keep up says little about capacity. "Analysed frames per core-second" still gives the cost of a frame, inflated by the');
    console.log('contention (caches, context switches) and by ffmpeg decoding every source frame while fewer are analysed: a lower bound.');
  }
}
