/**
 * One ffmpeg run: spawn, cut stdout into raw frames, keep the last stderr lines, kill it when told
 * (abort), when it stalls (no frame for too long) or when reading stops, and always reap it. With
 * `evidence`, the JPEGs ffmpeg writes on fd 3 are read too, each handed with its raw frame.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { errorMessage } from '../core/errors.ts';
import { childCpuMs } from './cpu.ts';
import { createEvidenceReader, type EvidenceReader } from './evidence-reader.ts';
import { createLineLog, createOutputSizeReader, parseBenchCpuMs, type Size } from './stderr-log.ts';

type FfmpegChild = ChildProcessByStdio<null, Readable, Readable>;

export interface RunOptions {
  readonly ffmpegPath: string;
  readonly args: readonly string[];
  /**
   * Awaited before more output is read: a slow consumer blocks the pipe, and so ffmpeg. `evidence`:
   * the frame's JPEG, when the options ask for it (resolves undefined if ffmpeg never writes it).
   */
  readonly onFrame: (data: Uint8Array, size: Size, evidence?: Promise<Uint8Array | undefined>) => Promise<void> | void;
  /** The arguments write JPEGs on fd 3 (ffmpeg-args.ts `evidence`): read them. */
  readonly evidence?: boolean;
  readonly onSpawn?: (pid: number) => void;
  /** Kill ffmpeg when no frame came for this long (live sources). */
  readonly stallTimeoutMs?: number;
  readonly signal: AbortSignal;
}

export interface RunResult {
  readonly frames: number;
  readonly exitCode: number | null;
  readonly exitSignal: NodeJS.Signals | null;
  /** Why we stopped it, when we did. */
  readonly stopped?: 'aborted' | 'stalled';
  /** ffmpeg could not be started at all (binary missing...). */
  readonly spawnError?: string;
  /** Something went wrong on our side of the pipe. */
  readonly readError?: string;
  readonly stderrLines: string[];
  /** CPU time ffmpeg used (the larger of its -benchmark line and the last /proc sample). */
  readonly cpuMs?: number;
}

const KILL_GRACE_MS = 2000;
const EXIT_WAIT_MS = 5000;
const CPU_SAMPLE_EVERY_MS = 500;

export async function runFfmpegOnce(opts: RunOptions): Promise<RunResult> {
  // fd 3 (the evidence JPEGs) only when asked: the child is the same pipes-on-1-and-2 child otherwise.
  const child = spawn(opts.ffmpegPath, [...opts.args], { stdio: ['ignore', 'pipe', 'pipe', opts.evidence ? 'pipe' : 'ignore'] }) as FfmpegChild;
  trackChild(child);
  const evidence = opts.evidence ? readEvidence(child) : undefined;
  let spawnError: string | undefined;
  child.on('error', (err) => {
    if (child.pid === undefined) spawnError = err.message;
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => {
      if (child.pid === undefined) resolve();
    });
  });
  const stderr = readStderr(child);
  let stopped: RunResult['stopped'];
  let lastFrameAtMs = Date.now();
  let cpuSample: { atMs: number; cpuMs: number | undefined } = { atMs: 0, cpuMs: undefined };
  const sampleCpu = (): void => {
    if (child.pid !== undefined) cpuSample = { atMs: Date.now(), cpuMs: childCpuMs(child.pid) ?? cpuSample.cpuMs };
  };
  const stop = (why: NonNullable<RunResult['stopped']>): void => {
    stopped ??= why;
    void killChild(child, exited);
  };
  const onAbort = (): void => stop('aborted');
  opts.signal.addEventListener('abort', onAbort, { once: true });
  const stall = opts.stallTimeoutMs;
  const watchdog =
    stall === undefined
      ? undefined
      : setInterval(() => {
          if (Date.now() - lastFrameAtMs > stall) stop('stalled');
        }, Math.min(1000, stall / 4));
  if (opts.signal.aborted) stop('aborted');
  if (child.pid !== undefined) opts.onSpawn?.(child.pid);
  let frames = 0;
  let readError: string | undefined;
  try {
    const frameReader = createFrameAssembler(async (data, size) => {
      frames += 1;
      lastFrameAtMs = Date.now();
      if (lastFrameAtMs - cpuSample.atMs >= CPU_SAMPLE_EVERY_MS) sampleCpu();
      await opts.onFrame(data, size, evidence?.next());
    });
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      const size = stderr.size() ?? (await stderr.waitSize());
      if (!size) {
        readError = 'ffmpeg wrote frames but never described its output stream';
        break;
      }
      await frameReader(chunk, size);
      if (opts.signal.aborted || stopped) break;
    }
    sampleCpu();
  } catch (err) {
    if (!stopped) readError = `reading ffmpeg output: ${errorMessage(err)}`;
  } finally {
    if (watchdog) clearInterval(watchdog);
    opts.signal.removeEventListener('abort', onAbort);
    // On a natural end of output ffmpeg is finishing: let it exit on its own before killing it.
    if (!stopped && !readError) await Promise.race([exited, delay(EXIT_WAIT_MS)]);
    await killChild(child, exited);
    await stderr.closed;
    evidence?.end();
  }
  const stderrLines = stderr.lines();
  // -benchmark leaves out the start-up (probing); /proc misses the last moments: take the larger.
  const cpuMs = maxDefined(parseBenchCpuMs(stderrLines), cpuSample.cpuMs);
  return {
    frames,
    exitCode: child.exitCode,
    exitSignal: child.signalCode,
    ...(stopped ? { stopped } : {}),
    ...(spawnError ? { spawnError } : {}),
    ...(readError ? { readError } : {}),
    stderrLines,
    ...(cpuMs !== undefined ? { cpuMs } : {}),
  };
}

/** Cuts a byte stream into frames of width*height*3 bytes; each frame is a fresh buffer the consumer may keep. */
function createFrameAssembler(onFrame: (data: Uint8Array, size: Size) => Promise<void>) {
  let frame: Buffer | undefined;
  let filled = 0;
  return async (chunk: Buffer, size: Size): Promise<void> => {
    const frameBytes = size.width * size.height * 3;
    let offset = 0;
    while (offset < chunk.length) {
      frame ??= Buffer.allocUnsafe(frameBytes);
      const n = Math.min(frameBytes - filled, chunk.length - offset);
      chunk.copy(frame, filled, offset, offset + n);
      filled += n;
      offset += n;
      if (filled === frameBytes) {
        const done = frame;
        frame = undefined;
        filled = 0;
        await onFrame(done, size);
      }
    }
  };
}

/** Reads the evidence pipe as it comes (ffmpeg blocks on a pipe nobody reads); a failure there only ends the evidence. */
function readEvidence(child: FfmpegChild): EvidenceReader {
  const reader = createEvidenceReader();
  const pipe = child.stdio[3] as Readable | null;
  if (!pipe) {
    reader.end();
    return reader;
  }
  pipe.on('data', (chunk: Buffer) => reader.push(chunk));
  pipe.once('close', () => reader.end());
  // The raw frames carry on without their JPEGs; the error reaches the run's stderr lines only through ffmpeg's own.
  pipe.on('error', () => reader.end());
  return reader;
}

function readStderr(child: FfmpegChild) {
  const log = createLineLog(40);
  const readSize = createOutputSizeReader();
  let size: Size | undefined;
  const waiters: Array<(s: Size | undefined) => void> = [];
  const wake = (): void => {
    for (const w of waiters.splice(0)) w(size);
  };
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    for (const line of log.push(chunk)) size ??= readSize(line);
    if (size) wake();
  });
  const closed = new Promise<void>((resolve) => {
    child.stderr.once('close', () => {
      for (const line of log.push('\n')) size ??= readSize(line);
      wake();
      resolve();
    });
  });
  return {
    size: () => size,
    waitSize: () => new Promise<Size | undefined>((resolve) => (size || child.stderr.closed ? resolve(size) : waiters.push(resolve))),
    lines: () => log.lines(),
    closed,
  };
}

/** Stops ffmpeg: close our end of the pipe, SIGTERM, SIGKILL after a grace period; resolves once reaped. */
async function killChild(child: FfmpegChild, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.stdout.destroy();
  (child.stdio[3] as Readable | null)?.destroy();
  child.kill('SIGTERM');
  const gone = await Promise.race([exited.then(() => true), delay(KILL_GRACE_MS).then(() => false)]);
  if (!gone) {
    child.kill('SIGKILL');
    await exited;
  }
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

// Children still running when Node exits are killed, so no ffmpeg outlives us.
const liveChildren = new Set<FfmpegChild>();
let exitHookInstalled = false;

function trackChild(child: FfmpegChild): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  child.once('error', () => {
    if (child.pid === undefined) liveChildren.delete(child);
  });
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of liveChildren) c.kill('SIGKILL');
    });
  }
}

/** Number of ffmpeg processes started by this module and not yet reaped (for tests and health). */
export function liveFfmpegCount(): number {
  return liveChildren.size;
}
