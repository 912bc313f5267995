/**
 * JPEGs of frames Vigie has changed itself (a camera with privacy masks: the decoder's own JPEG
 * shows the masked pixels), made by one ffmpeg child per camera fed the frames' RGB on stdin: the
 * same encoder and quality as the decoder's evidence (ffmpeg-args.ts), about 3-4 ms of ffmpeg's CPU
 * a 640-wide frame (estimated) (docs/motion-gating.md, "Masked cameras") where packing the frame in JavaScript
 * cost about 11 ms and a JavaScript JPEG 55-66 ms.
 *
 * The k-th JPEG read is the k-th frame written (evidence-reader.ts pairs them); ffmpeg writes it
 * once it has read the next frame (one frame late: 200 ms at 5 fps) or its input ends. A frame whose size
 * differs from the running child's starts a new child. When the child cannot keep up (more than
 * `maxPendingBytes` waiting), fails or is missing, `encode` gives undefined: the caller keeps the
 * frame another way (the evidence ring packs it). Never throws.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { errorMessage } from '../core/errors.ts';
import { createEvidenceReader, type EvidenceReader } from './evidence-reader.ts';
import { EVIDENCE_JPEG_QUALITY } from './ffmpeg-args.ts';

export interface RgbFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export interface JpegEncoder {
  /** The frame's JPEG, or undefined when it is not made (see above). */
  encode(frame: RgbFrame): Promise<Uint8Array | undefined>;
  /** Ends the child once the frames written are encoded; later frames get undefined. */
  close(): Promise<void>;
}

export interface JpegEncoderOptions {
  readonly ffmpegPath: string;
  /** Told once when the encoder gives up (the child failed): frames are then kept another way. */
  readonly onFailure?: (reason: string) => void;
  /** Frames not yet taken by the child above which a frame is not queued (default 16 MB). */
  readonly maxPendingBytes?: number;
}

/** ffmpeg's arguments: raw RGB frames of this size on stdin, one JPEG each on stdout. */
export function jpegEncoderArgs(width: number, height: number): string[] {
  return [
    ...['-hide_banner', '-loglevel', 'error', '-threads', '1'],
    // No probing (ffmpeg would otherwise read megabytes of frames before the first JPEG).
    ...['-probesize', '32', '-analyzeduration', '0'],
    ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-framerate', '5', '-i', 'pipe:0'],
    // Each JPEG written out as soon as it is made, not when the output buffer fills.
    ...['-vsync', 'passthrough', '-pix_fmt', 'yuvj420p', '-c:v', 'mjpeg', '-q:v', String(EVIDENCE_JPEG_QUALITY), '-flush_packets', '1', '-f', 'image2pipe', 'pipe:1'],
  ];
}

interface Running {
  readonly width: number;
  readonly height: number;
  readonly child: ChildProcessByStdio<Writable, Readable, null>;
  readonly reader: EvidenceReader;
  readonly exited: Promise<void>;
  closing: boolean;
}

export function createJpegEncoder(opts: JpegEncoderOptions): JpegEncoder {
  const maxPending = opts.maxPendingBytes ?? 16 * 1024 * 1024;
  let running: Running | undefined;
  let failed = false;
  let closed = false;

  const fail = (reason: string): void => {
    if (failed || closed) return;
    failed = true;
    opts.onFailure?.(reason);
  };

  const stop = async (r: Running): Promise<void> => {
    r.closing = true;
    r.child.stdin.end();
    await r.exited;
  };

  const start = (width: number, height: number): Running => {
    const child = spawn(opts.ffmpegPath, jpegEncoderArgs(width, height), { stdio: ['pipe', 'pipe', 'ignore'] });
    const reader = createEvidenceReader();
    const r: Running = {
      width,
      height,
      child,
      reader,
      closing: false,
      exited: new Promise<void>((resolve) => {
        child.once('error', (err) => {
          reader.end();
          fail(`cannot run ffmpeg (${opts.ffmpegPath}): ${err.message}`);
          resolve();
        });
        child.once('close', (code, signal) => {
          reader.end();
          if (!r.closing) fail(`the JPEG encoder exited (${signal ?? `code ${code}`})`);
          resolve();
        });
      }),
    };
    child.stdout.on('data', (chunk: Buffer) => reader.push(chunk));
    // A write after the child died: its frames get undefined through the reader's end.
    child.stdin.on('error', (err) => fail(`the JPEG encoder's input closed: ${errorMessage(err)}`));
    return r;
  };

  return {
    encode(frame) {
      if (failed || closed) return Promise.resolve(undefined);
      if (running && (running.width !== frame.width || running.height !== frame.height)) {
        void stop(running);
        running = undefined;
      }
      running ??= start(frame.width, frame.height);
      const { child, reader } = running;
      if (!child.stdin.writable || child.stdin.writableLength > maxPending) return Promise.resolve(undefined);
      const jpeg = reader.next();
      // A copy: the caller's buffer may be handed on (to a detector worker) before the pipe takes it.
      child.stdin.write(new Uint8Array(frame.data));
      return jpeg;
    },
    async close() {
      closed = true;
      if (running) await stop(running);
      running = undefined;
    },
  };
}
