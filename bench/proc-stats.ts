/**
 * CPU and memory of process trees, read from /proc (Linux): what a multi-camera bench charges to
 * `vigie serve` (its own threads: event loop, detector workers) and to its ffmpeg children.
 * CPU of a tree = the root's utime + stime, plus the cutime + cstime of the children it already
 * reaped, plus the utime + stime (and reaped children's cutime + cstime) of its descendants alive
 * now: a child that ends between two samples moves from the last term to the second one, so
 * deltas stay continuous.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStat {
  readonly pid: number;
  readonly comm: string;
  readonly ppid: number;
  /** utime + stime, in clock ticks. */
  readonly ticks: number;
  /** cutime + cstime (children waited for), in clock ticks. */
  readonly childTicks: number;
}

/**
 * Parses one /proc/<pid>/stat line. The command name sits in parentheses and may itself hold
 * spaces and parentheses, hence the split at the last ")". Pure; undefined when malformed.
 */
export function parseProcStat(line: string): ProcStat | undefined {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(line.slice(0, open).trim());
  // Fields after the name, numbered from 3 (state) as in proc(5).
  const rest = line.slice(close + 2).split(' ');
  const field = (n: number): number => Number(rest[n - 3]);
  const stat = { pid, comm: line.slice(open + 1, close), ppid: field(4), ticks: field(14) + field(15), childTicks: field(16) + field(17) };
  return [stat.pid, stat.ppid, stat.ticks, stat.childTicks].every(Number.isFinite) ? stat : undefined;
}

/** VmRSS of one /proc/<pid>/status text, in kB (0 for a zombie, which has no such line). Pure. */
export function parseRssKb(status: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) : 0;
}

const readOr = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ESRCH') return undefined; // the process ended meanwhile
    throw err;
  }
};

/** Every process visible now. */
export function allProcesses(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const line = readOr(`/proc/${name}/stat`);
    const stat = line === undefined ? undefined : parseProcStat(line);
    if (stat) out.push(stat);
  }
  return out;
}

/** The pids of the descendants of `root` among `procs` (children, their children...). Pure. */
export function descendants(procs: readonly ProcStat[], root: number): ProcStat[] {
  const byParent = new Map<number, ProcStat[]>();
  for (const p of procs) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const out: ProcStat[] = [];
  const todo = [root];
  while (todo.length > 0) {
    for (const child of byParent.get(todo.pop()!) ?? []) {
      out.push(child);
      todo.push(child.pid);
    }
  }
  return out;
}

export interface TreeSample {
  readonly atMs: number;
  /** CPU seconds of the root's own threads. */
  readonly selfCpuS: number;
  /** CPU seconds of the root's main thread (for Node: its event loop), part of `selfCpuS`. */
  readonly mainThreadCpuS?: number;
  /** CPU seconds of its descendants, alive or reaped. */
  readonly childrenCpuS: number;
  readonly selfRssMb: number;
  /** Sum of the RSS of the descendants alive now. */
  readonly childrenRssMb: number;
  /** Descendants alive now, by command name (e.g. { ffmpeg: 4 }). */
  readonly children: Readonly<Record<string, number>>;
}

let clockTicks: number | undefined;
/** Clock ticks per second (getconf CLK_TCK; 100 on Linux). */
function ticksPerSecond(): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return clockTicks;
}

/** One sample of the tree under `root`; undefined once the root is gone. */
export function sampleTree(root: number, procs: readonly ProcStat[] = allProcesses()): TreeSample | undefined {
  const self = procs.find((p) => p.pid === root);
  if (!self) return undefined;
  const hz = ticksPerSecond();
  const kids = descendants(procs, root);
  const rssKb = (pid: number): number => parseRssKb(readOr(`/proc/${pid}/status`) ?? '');
  const children: Record<string, number> = {};
  for (const k of kids) children[k.comm] = (children[k.comm] ?? 0) + 1;
  const main = mainThreadCpuS(root);
  return {
    atMs: Date.now(),
    selfCpuS: self.ticks / hz,
    ...(main !== undefined ? { mainThreadCpuS: main } : {}),
    childrenCpuS: (self.childTicks + kids.reduce((s, k) => s + k.ticks + k.childTicks, 0)) / hz,
    selfRssMb: rssKb(root) / 1024,
    childrenRssMb: kids.reduce((s, k) => s + rssKb(k.pid), 0) / 1024,
    children,
  };
}

/**
 * CPU seconds of a process's main thread alone (its task's utime + stime; the main thread's task
 * id is the pid): for Node, the event loop, which runs every camera's analysis, without the worker
 * threads. This process by default. Undefined where /proc cannot tell (or the process is gone).
 */
export function mainThreadCpuS(pid: number = process.pid): number | undefined {
  const line = readOr(`/proc/${pid}/task/${pid}/stat`);
  const stat = line === undefined ? undefined : parseProcStat(line);
  return stat ? stat.ticks / ticksPerSecond() : undefined;
}

/** Whether a /proc/<pid>/cmdline (arguments joined by NUL) is an alert clip's encoder (clip-encoder.ts: x264). Pure. */
export function isClipEncoder(cmdline: string): boolean {
  return cmdline.split('\0').includes('libx264');
}

/**
 * CPU seconds of each descendant of `root` alive now whose command line `matches` (e.g. the alert
 * clips' encoders among serve's ffmpeg children), by pid.
 */
export function descendantCpuS(root: number, matches: (cmdline: string) => boolean, procs: readonly ProcStat[] = allProcesses()): Map<number, number> {
  const hz = ticksPerSecond();
  const out = new Map<number, number>();
  for (const d of descendants(procs, root)) {
    const cmdline = readOr(`/proc/${d.pid}/cmdline`);
    if (cmdline !== undefined && matches(cmdline)) out.set(d.pid, d.ticks / hz);
  }
  return out;
}
