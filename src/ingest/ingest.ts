/**
 * One camera's ingest: a supervised ffmpeg child decoding the source into RGB24 frames at the
 * analysis fps, as an async iterable. Files decode as fast as the consumer reads (the pipe is the
 * backpressure); live and realtime sources keep only the latest frame and count the drops.
 * A failing source is a status (reconnecting with backoff, failed, ended), never a throw.
 */
import { performance } from 'node:perf_hooks';
import type { CameraStatus, Frame } from '../core/types.ts';
import { VigieError, errorMessage } from '../core/errors.ts';
import { DEFAULT_BACKOFF, backoffDelayMs, type BackoffOptions } from './backoff.ts';
import { childCpuMs } from './cpu.ts';
import { buildFfmpegArgs } from './ffmpeg-args.ts';
import { runFfmpegOnce } from './ffmpeg-child.ts';
import { FFMPEG_MISSING_REASON, resolveFfmpegPath } from './ffmpeg-path.ts';
import { createFrameQueue } from './frame-queue.ts';
import { createLiveClock } from './live-clock.ts';
import { probeFile } from './probe.ts';
import { runEndReason, sourceMessage } from './reasons.ts';
import { classifySource } from './source.ts';
import type { Size } from './stderr-log.ts';

export interface IngestOptions {
  readonly cameraId: string;
  /** A file path (video, GIF, still image), or an rtsp://, rtsps://, http:// or https:// URL. */
  readonly url: string;
  readonly fps?: number;
  /** Output width in pixels; the height keeps the aspect ratio and is even. */
  readonly width?: number;
  /** Files only: start again at the end; tMs keeps increasing. */
  readonly loop?: boolean;
  /** Files only: pace at native speed, latest frame wins (default: true for looped files). Live is always realtime. */
  readonly realtime?: boolean;
  readonly onStatus?: (status: CameraStatus) => void;
  /** Live sources: reconnection attempts before `failed` (default: unlimited). */
  readonly maxRetries?: number;
  readonly backoff?: Partial<BackoffOptions>;
  /** Live sources: restart ffmpeg when no frame came for this long (also bounds the connection). */
  readonly stallTimeoutMs?: number;
  /** Overrides the ffmpeg binary (default: PATH, then @ffmpeg-installer/ffmpeg). */
  readonly ffmpegPath?: string;
  /** ffmpeg also encodes every frame as a JPEG (`Frame.evidence`), for the evidence ring. */
  readonly evidence?: boolean;
}

export interface IngestStats {
  /** Frames that came out of ffmpeg. */
  readonly decoded: number;
  /** Frames handed to the consumer. */
  readonly delivered: number;
  /** Frames replaced by a newer one before the consumer took them (realtime only). */
  readonly dropped: number;
  /** ffmpeg restarts after a failure (live sources). */
  readonly restarts: number;
  /** Restarts at the end of a looped file. */
  readonly loops: number;
  /** CPU time used by the ffmpeg children so far (user + system). */
  readonly ffmpegCpuMs: number;
}

export interface Ingest extends AsyncIterable<Frame> {
  status(): CameraStatus;
  stats(): IngestStats;
  /** Process id of the running ffmpeg, if one runs. */
  pid(): number | undefined;
  /** Stops ffmpeg (and waits until it is reaped); the iteration ends. Idempotent. */
  close(): Promise<void>;
}

const DEFAULT_STALL_TIMEOUT_MS = 20_000;

export function createIngest(opts: IngestOptions): Ingest {
  const fps = opts.fps ?? 5;
  const width = opts.width ?? 640;
  validate(fps, width, opts.maxRetries);
  const source = classifySource(opts.url);
  const live = source.kind === 'live';
  const loop = !live && (opts.loop ?? false);
  const realtime = live || (opts.realtime ?? loop);
  const maxRetries = opts.maxRetries ?? Number.POSITIVE_INFINITY;
  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...opts.backoff };
  const stallTimeoutMs = opts.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const queue = createFrameQueue<Frame>(realtime ? 'latest' : 'block', 1);
  const abort = new AbortController();
  const counts = { decoded: 0, delivered: 0, restarts: 0, loops: 0, cpuDoneMs: 0 };
  let status: CameraStatus = { state: 'connecting', sinceMs: Date.now() };
  let currentPid: number | undefined;
  const liveClock = createLiveClock(fps);
  let liveStartMs: number | undefined;
  let newConnection = true;

  const setStatus = (next: CameraStatus): void => {
    status = next;
    notify(opts.cameraId, opts.onStatus, next);
  };
  const finish = (next: CameraStatus): void => {
    if (status.state !== 'failed' && status.state !== 'ended') setStatus(next);
  };
  const fail = (reason: string): void => finish({ state: 'failed', sinceMs: Date.now(), reason });

  const mediaTimeMs = (seq: number): number => {
    if (!live) return (seq * 1000) / fps;
    const now = performance.now();
    liveStartMs ??= now;
    const tMs = liveClock(now - liveStartMs, newConnection);
    newConnection = false;
    return tMs;
  };

  const onFrame = async (data: Uint8Array, size: Size, evidence?: Promise<Uint8Array | undefined>): Promise<void> => {
    const seq = counts.decoded;
    counts.decoded += 1;
    const tMs = mediaTimeMs(seq);
    if (status.state !== 'running') setStatus({ state: 'running', sinceMs: Date.now() });
    const frame: Frame = { cameraId: opts.cameraId, seq, tMs, wallMs: Date.now(), ...size, data, ...(evidence ? { evidence } : {}) };
    await queue.push(frame);
  };

  const supervise = async (): Promise<void> => {
    const ffmpegPath = opts.ffmpegPath ?? resolveFfmpegPath();
    if (!ffmpegPath) return fail(FFMPEG_MISSING_REASON);
    let still = false;
    let durationMs: number | undefined;
    if (source.kind === 'file') {
      const probe = await probeFile(ffmpegPath, source.input);
      if (abort.signal.aborted) return finish({ state: 'ended', sinceMs: Date.now() });
      if (!probe.ok) return fail(sourceMessage(source, probe.reason));
      still = probe.info.still;
      durationMs = probe.info.durationMs;
    }
    const evidence = opts.evidence ?? false;
    const args = buildFfmpegArgs({ source, fps, width, realtime: realtime && !live, still, evidence });
    let attempt = 0;
    while (!abort.signal.aborted) {
      const run = await runFfmpegOnce({
        ffmpegPath,
        args,
        onFrame,
        evidence,
        onSpawn: (pid) => (currentPid = pid),
        signal: abort.signal,
        ...(live ? { stallTimeoutMs } : {}),
      });
      currentPid = undefined;
      newConnection = true;
      counts.cpuDoneMs += run.cpuMs ?? 0;
      if (abort.signal.aborted) break;
      const reason = runEndReason(source, run, stallTimeoutMs);
      if (run.spawnError) return fail(reason);
      if (!live) {
        const clean = run.exitCode === 0 && run.frames > 0 && !run.readError;
        if (!clean) return fail(reason);
        const short = still ? undefined : truncation(run.frames, fps, durationMs);
        if (short) return fail(sourceMessage(source, short));
        if (!loop) break;
        counts.loops += 1;
        continue;
      }
      attempt = run.frames > 0 ? 1 : attempt + 1;
      if (attempt > maxRetries) return fail(reason);
      setStatus({ state: 'reconnecting', sinceMs: Date.now(), reason, attempt });
      await sleep(backoffDelayMs(attempt, backoff), abort.signal);
      if (!abort.signal.aborted) counts.restarts += 1;
    }
    finish({ state: 'ended', sinceMs: Date.now() });
  };

  // Started after createIngest returns, so a status handler may already use the returned object.
  const done = Promise.resolve()
    .then(() => {
      notify(opts.cameraId, opts.onStatus, status);
      return supervise();
    })
    .catch((err: unknown) => fail(`ingest error: ${errorMessage(err)}`))
    .finally(() => queue.end());

  const close = async (): Promise<void> => {
    abort.abort();
    queue.close();
    await done;
  };

  return {
    status: () => status,
    stats: () => ({
      decoded: counts.decoded,
      delivered: counts.delivered,
      dropped: queue.dropped,
      restarts: counts.restarts,
      loops: counts.loops,
      ffmpegCpuMs: counts.cpuDoneMs + (currentPid === undefined ? 0 : (childCpuMs(currentPid) ?? 0)),
    }),
    pid: () => currentPid,
    close,
    [Symbol.asyncIterator]: () => ({
      next: async (): Promise<IteratorResult<Frame, undefined>> => {
        const frame = await queue.shift();
        if (frame === undefined) return { done: true, value: undefined };
        counts.delivered += 1;
        return { done: false, value: frame };
      },
      return: async (): Promise<IteratorResult<Frame, undefined>> => {
        await close();
        return { done: true, value: undefined };
      },
    }),
  };
}

function validate(fps: number, width: number, maxRetries: number | undefined): void {
  if (!(Number.isFinite(fps) && fps > 0 && fps <= 120)) throw new VigieError('USAGE', `ingest fps must be in (0, 120], got ${fps}`);
  if (!(Number.isInteger(width) && width >= 16 && width <= 7680))
    throw new VigieError('USAGE', `ingest width must be an integer in [16, 7680], got ${width}`);
  if (maxRetries !== undefined && !(maxRetries >= 0))
    throw new VigieError('USAGE', `ingest maxRetries must be >= 0, got ${maxRetries}`);
}

/** Calls the status handler; a handler that throws (or rejects) is reported, never propagated into the ingest. */
function notify(cameraId: string, handler: IngestOptions['onStatus'], status: CameraStatus): void {
  if (!handler) return;
  const report = (err: unknown): void => console.error(`[ingest ${cameraId}] onStatus handler failed: ${errorMessage(err)}`);
  try {
    const result: unknown = handler(status);
    if (result instanceof Promise) result.catch(report);
  } catch (err) {
    report(err);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A file that decodes cleanly but yields clearly fewer frames than its header's duration promises
 * is truncated (ffmpeg only warns "partial file"): a reason, or undefined when the count is plausible.
 */
export function truncation(frames: number, fps: number, durationMs: number | undefined): string | undefined {
  if (durationMs === undefined || durationMs <= 0) return undefined;
  const decodedMs = (frames * 1000) / fps;
  const toleranceMs = Math.max(1000, durationMs * 0.1);
  if (decodedMs >= durationMs - toleranceMs) return undefined;
  return `truncated or damaged file: decoded ${(decodedMs / 1000).toFixed(1)} s of the ${(durationMs / 1000).toFixed(1)} s its header announces`;
}
