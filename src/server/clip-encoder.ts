/**
 * One evidence clip being encoded: frames (raw RGB24 or YUV 4:2:0, or JPEGs, from the evidence ring) are piped to ffmpeg as they come and
 * encoded to H.264 MP4 (yuv420p, faststart) into `<file>.part`, renamed to `file` on success.
 * ffmpeg runs in its own process group (detached): a Ctrl-C in the terminal reaches the server,
 * which finishes the clip, and not the encoder mid-file. So that none outlives the server, every
 * encoder still running when the process exits is killed (a crash; close() finishes them first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rename, unlink } from 'node:fs/promises';
import type { Frame } from '../core/types.ts';
import { errorMessage } from '../core/errors.ts';

export interface ClipEncoderOptions {
  readonly ffmpegPath: string;
  /** Absolute path of the MP4 to write. */
  readonly file: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  /**
   * What the frames written hold: raw rgb24 (default) or yuv420p (planar, chroma ceil(w/2) x
   * ceil(h/2)), or mjpeg (one JPEG each, of width x height: the decoder's evidence copy).
   */
  readonly pixFmt?: 'rgb24' | 'yuv420p' | 'mjpeg';
  /** Filters drawn over the frames after scaling (clip-overlay.ts); none: the frames as they are. */
  readonly overlay?: string;
  /** ffmpeg is killed when finishing takes longer than this. */
  readonly finishTimeoutMs?: number;
}

export type ClipResult = { readonly ok: true; readonly frames: number } | { readonly ok: false; readonly reason: string };

export interface ClipEncoder {
  /** Frames of another size (the source changed) are skipped. */
  write(frame: Pick<Frame, 'width' | 'height' | 'data'>): void;
  /** Resolves once ffmpeg has taken the input written so far down to the pipe's buffer size (or has stopped). */
  drained(): Promise<void>;
  /** Ends the input and waits for the file. */
  finish(): Promise<ClipResult>;
  pid(): number | undefined;
}

/** Pending input above this is not queued further: frames are skipped until ffmpeg catches up. */
const MAX_PENDING_BYTES = 64 * 1024 * 1024;

/**
 * x264's fastest preset on one thread (docs/benchmarks.md, "Alert clips"): half the CPU of `veryfast`
 * on its default threads for the same SSIM (within 0.003), for a file 1.5-1.9 times larger. An
 * alert's clip is a few hundred KB either way, and encoders run beside the analysis on the same cores.
 */
const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '26', '-threads', '1'];

export function clipArgs(o: Pick<ClipEncoderOptions, 'width' | 'height' | 'fps' | 'overlay' | 'pixFmt'>, out: string): string[] {
  return [
    ...['-hide_banner', '-loglevel', 'error', '-nostdin'],
    ...(o.pixFmt === 'mjpeg'
      ? ['-f', 'image2pipe', '-c:v', 'mjpeg', '-framerate', o.fps.toFixed(3), '-i', 'pipe:0']
      : ['-f', 'rawvideo', '-pix_fmt', o.pixFmt ?? 'rgb24', '-s', `${o.width}x${o.height}`, '-framerate', o.fps.toFixed(3), '-i', 'pipe:0']),
    ...['-an', '-vf', ['scale=trunc(iw/2)*2:trunc(ih/2)*2', ...(o.overlay ? [o.overlay] : [])].join(','), ...X264],
    ...['-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-f', 'mp4', '-y', out],
  ];
}

/** Encoders alive now, killed if the process exits with them still running. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of running) c.kill('SIGKILL');
    });
  }
  running.add(child);
  child.once('close', () => running.delete(child));
  child.once('error', () => running.delete(child));
}

/** Process ids of the encoders running now. */
export function runningEncoderPids(): number[] {
  return [...running].flatMap((c) => (c.pid === undefined ? [] : [c.pid]));
}

export function startClipEncoder(opts: ClipEncoderOptions): ClipEncoder {
  const part = `${opts.file}.part`;
  const child = spawn(opts.ffmpegPath, clipArgs(opts, part), { stdio: ['pipe', 'ignore', 'pipe'], detached: true });
  track(child);
  let stderr = '';
  let frames = 0;
  let failure: string | undefined;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
  child.stdin.on('error', (err) => (failure ??= `ffmpeg input closed: ${err.message}`));
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (err) => {
      failure ??= `cannot run ffmpeg (${opts.ffmpegPath}): ${err.message}`;
      resolve(null);
    });
    child.once('close', (code) => resolve(code));
  });

  const finish = async (): Promise<ClipResult> => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.finishTimeoutMs ?? 30_000);
    const code = await exited;
    clearTimeout(timer);
    if (code === 0 && frames > 0 && !failure) {
      await rename(part, opts.file);
      return { ok: true, frames };
    }
    await unlink(part).catch((err: unknown) => void err); // often never created
    const reason = failure ?? (frames === 0 ? 'no frame to encode' : `ffmpeg exited with ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`);
    return { ok: false, reason };
  };

  return {
    write(frame) {
      if (frame.width !== opts.width || frame.height !== opts.height || failure || !child.stdin.writable) return;
      if (child.stdin.writableLength > MAX_PENDING_BYTES) return;
      child.stdin.write(frame.data);
      frames += 1;
    },
    drained: () =>
      new Promise<void>((resolve) => {
        const stdin = child.stdin;
        if (!stdin.writableNeedDrain || failure || !stdin.writable) return resolve();
        const done = (): void => {
          stdin.off('drain', done).off('close', done).off('error', done);
          resolve();
        };
        stdin.on('drain', done).on('close', done).on('error', done);
      }),
    finish: () => finish().catch((err: unknown) => ({ ok: false, reason: errorMessage(err) })),
    pid: () => child.pid,
  };
}
