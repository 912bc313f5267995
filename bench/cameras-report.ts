/**
 * The figures of `npm run bench -- --cameras N` from one run's raw measurements, and the side-by-side
 * text of the runs (gating on / off, one box / bus). Pure.
 */
import { percentile } from '../src/core/percentile.ts';
import { round } from './stats.ts';

/** A camera sustains the analysis rate when it analyses at least this share of the configured fps. */
export const SUSTAINED_SHARE = 0.95;

export interface CameraCount {
  readonly id: string;
  /** Frames analysed during the window (decoded - dropped, from GET /api/cameras, end minus start). */
  readonly analysed: number;
  /** Frames decoded but dropped during the window. */
  readonly dropped: number;
}

/** CPU seconds of one part of a process group, by what it is (e.g. "its event loop"). */
export interface GroupPart {
  readonly label: string;
  readonly cpuS: number;
}

/** CPU seconds and memory of one process group over the window. */
export interface GroupUsage {
  readonly name: string;
  readonly cpuS: number;
  /** Parts of `cpuS` measured on their own (the root's event loop; the alert clips' encoders among the children). */
  readonly parts?: readonly GroupPart[];
  readonly meanRssMb: number;
  readonly peakRssMb: number;
}

export interface RawRun {
  readonly label: string;
  readonly motionGating: boolean;
  readonly bus: boolean;
  readonly fps: number;
  readonly windowS: number;
  readonly cameras: readonly CameraCount[];
  /** serve, serve's ffmpeg children, and in bus mode workers, their children, nats-server. */
  readonly groups: readonly GroupUsage[];
  /** Frame -> console WebSocket, one per alert received during the window. */
  readonly latencyMs: readonly number[];
  /** `--watch`: live frames received on the WebSocket during the window (every camera subscribed). */
  readonly liveFrames?: number;
  readonly loadAverage: readonly [number, number];
}

export interface RunSummary {
  readonly label: string;
  readonly motionGating: boolean;
  readonly bus: boolean;
  readonly cameras: number;
  readonly windowS: number;
  readonly minFps: number;
  readonly meanFps: number;
  /** Every camera analysed >= SUSTAINED_SHARE x fps. */
  readonly sustained: boolean;
  /** CPU seconds of every group over the window, divided by the window. */
  readonly coresUsed: number;
  /** Cameras per core at the configured fps: cameras / cores used; null when not sustained (the figure would flatter). */
  readonly camerasPerCore: number | null;
  /**
   * Analysed frames per CPU-second of all processes: the cost of a frame, meaningful even when the
   * machine is too busy for the cameras to keep up (then camerasPerCore is null).
   */
  readonly framesPerCoreSecond: number | null;
  /** Share of one core per camera (cores used / cameras). */
  readonly coreSharePerCamera: number;
  /** Peak RSS of every group together, and divided by the cameras (the fixed part included). */
  readonly peakRssMb: number;
  readonly rssPerCameraMb: number;
  readonly groups: readonly GroupUsage[];
  readonly alerts: number;
  readonly latencyP50Ms: number | null;
  readonly latencyP95Ms: number | null;
  /** Live frames received per second, every camera watched (`--watch`); absent when none was. */
  readonly liveFps?: number;
  readonly loadAverage: readonly [number, number];
}

export function summarise(run: RawRun): RunSummary {
  const n = run.cameras.length;
  const fpsOf = (c: CameraCount): number => c.analysed / run.windowS;
  const fps = run.cameras.map(fpsOf);
  const minFps = n === 0 ? 0 : Math.min(...fps);
  const sustained = n > 0 && minFps >= SUSTAINED_SHARE * run.fps;
  const coresUsed = run.groups.reduce((s, g) => s + g.cpuS, 0) / run.windowS;
  const peakRssMb = run.groups.reduce((s, g) => s + g.peakRssMb, 0);
  const sorted = [...run.latencyMs].sort((a, b) => a - b);
  const p = (q: number): number | null => {
    const v = percentile(sorted, q);
    return v === null ? null : Math.round(v);
  };
  return {
    label: run.label,
    motionGating: run.motionGating,
    bus: run.bus,
    cameras: n,
    windowS: run.windowS,
    minFps: round(minFps, 2),
    meanFps: round(n === 0 ? 0 : fps.reduce((a, b) => a + b, 0) / n, 2),
    sustained,
    coresUsed: round(coresUsed, 2),
    camerasPerCore: sustained && coresUsed > 0 ? round(n / coresUsed, 2) : null,
    framesPerCoreSecond: coresUsed > 0 ? round(run.cameras.reduce((a, c) => a + c.analysed, 0) / (coresUsed * run.windowS), 1) : null,
    coreSharePerCamera: n === 0 ? 0 : round(coresUsed / n, 3),
    peakRssMb: Math.round(peakRssMb),
    rssPerCameraMb: n === 0 ? 0 : Math.round(peakRssMb / n),
    groups: run.groups.map((g) => ({ ...g, cpuS: round(g.cpuS, 1), ...(g.parts ? { parts: g.parts.map((x) => ({ ...x, cpuS: round(x.cpuS, 1) })) } : {}), meanRssMb: Math.round(g.meanRssMb), peakRssMb: Math.round(g.peakRssMb) })),
    alerts: run.latencyMs.length,
    ...(run.liveFrames !== undefined ? { liveFps: round(run.liveFrames / run.windowS, 1) } : {}),
    latencyP50Ms: p(50),
    latencyP95Ms: p(95),
    loadAverage: [round(run.loadAverage[0], 1), round(run.loadAverage[1], 1)],
  };
}

const pct = (x: number): string => `${Math.round(x * 100)} %`;
const ms = (x: number | null): string => (x === null ? '-' : `${x} ms`);

/** The runs side by side, one column each. */
export function formatTable(runs: readonly RunSummary[], fps: number): string {
  const rows: [string, (r: RunSummary) => string][] = [
    ['cameras', (r) => String(r.cameras)],
    [`analysed fps per camera (min / mean)`, (r) => `${r.minFps} / ${r.meanFps}`],
    [`sustained (every camera >= ${round(SUSTAINED_SHARE * fps, 2)})`, (r) => (r.sustained ? 'yes' : 'NO')],
    ['cores used (all processes)', (r) => String(r.coresUsed)],
    [`cameras per core at ${fps} fps`, (r) => (r.camerasPerCore === null ? 'n/a (not sustained)' : String(r.camerasPerCore))],
    ['analysed frames per core-second', (r) => (r.framesPerCoreSecond === null ? '-' : String(r.framesPerCoreSecond))],
    ['CPU per camera (share of a core)', (r) => pct(r.coreSharePerCamera)],
    ...groupRows(runs),
    ['peak RSS, all / per camera', (r) => `${r.peakRssMb} / ${r.rssPerCameraMb} MB`],
    ['alerts received', (r) => String(r.alerts)],
    ['frame -> console p50 / p95', (r) => `${ms(r.latencyP50Ms)} / ${ms(r.latencyP95Ms)}`],
    ...(runs.some((r) => r.liveFps !== undefined) ? [['live frames received per second', (r: RunSummary) => (r.liveFps === undefined ? '-' : String(r.liveFps))] as [string, (r: RunSummary) => string]] : []),
    ['load average start -> end', (r) => `${r.loadAverage[0]} -> ${r.loadAverage[1]}`],
  ];
  const header = ['', ...runs.map((r) => r.label)];
  const body = rows.map(([name, cell]) => [name, ...runs.map(cell)]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => row[i]!.length)));
  return [header, ...body].map((row) => row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/**
 * One row per process group (CPU share of a core, peak RSS), in the order of the first run, each
 * followed by a row per part of it measured on its own (its share of a core; '-' in a run without it).
 */
function groupRows(runs: readonly RunSummary[]): [string, (r: RunSummary) => string][] {
  const names = [...new Set(runs.flatMap((r) => r.groups.map((g) => g.name)))];
  const group = (r: RunSummary, name: string): GroupUsage | undefined => r.groups.find((x) => x.name === name);
  return names.flatMap((name): [string, (r: RunSummary) => string][] => {
    const parts = [...new Set(runs.flatMap((r) => (group(r, name)?.parts ?? []).map((x) => x.label)))];
    return [
      [
        `  ${name}: cores, peak RSS`,
        (r) => {
          const g = group(r, name);
          return g ? `${round(g.cpuS / r.windowS, 2)}, ${g.peakRssMb} MB` : '-';
        },
      ],
      ...parts.map((label): [string, (r: RunSummary) => string] => [
        `    of which ${label}: cores`,
        (r) => {
          const part = group(r, name)?.parts?.find((x) => x.label === label);
          return part ? `${round(part.cpuS / r.windowS, 2)}` : '-';
        },
      ]),
    ];
  });
}
