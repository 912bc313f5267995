/** Test helper: decode one frame of a clip to RGB24 with ffmpeg, decoding sequentially (no seek). */
import { execFileSync } from 'node:child_process';

export interface RgbFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  readonly tMs: number;
}

/**
 * Frame `index` (0-based) of `file`, scaled to `width` pixels wide. Sequential decoding through the
 * select filter: some clips give grey frames when ffmpeg seeks.
 */
export function grabFrame(file: string, index: number, width = 640, fps = 25): RgbFrame {
  const out = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-vf', `select=eq(n\\,${index}),scale=${width}:-2`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  if (out.length === 0 || out.length % (width * 3) !== 0) throw new Error(`ffmpeg gave ${out.length} bytes for frame ${index} of ${file}`);
  return { width, height: out.length / (width * 3), data: new Uint8Array(out), tMs: (index * 1000) / fps };
}

/** The first frame at or after `seconds` of `file`, scaled to `width` pixels wide (sequential decoding). */
export function grabFrameAt(file: string, seconds: number, width = 640): RgbFrame {
  const out = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-vf', `select=gte(t\\,${seconds}),scale=${width}:-2`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  if (out.length === 0 || out.length % (width * 3) !== 0) throw new Error(`ffmpeg gave ${out.length} bytes at ${seconds} s of ${file}`);
  return { width, height: out.length / (width * 3), data: new Uint8Array(out), tMs: seconds * 1000 };
}

/** The first `count` frames of `file` (every `step`-th frame), scaled to `width` pixels wide. */
export function grabFrames(file: string, count: number, width = 640, step = 1, fps = 25): RgbFrame[] {
  const out = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-vf', `select=not(mod(n\\,${step})),scale=${width}:-2`, '-vsync', 'passthrough', '-frames:v', String(count), '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    { maxBuffer: 1024 * 1024 * 1024 },
  );
  const firstSize = out.length / count;
  if (!Number.isInteger(firstSize) || firstSize % (width * 3) !== 0) throw new Error(`ffmpeg gave ${out.length} bytes for ${count} frames of ${file}`);
  const height = firstSize / (width * 3);
  return Array.from({ length: count }, (_, i) => ({
    width,
    height,
    data: new Uint8Array(out.subarray(i * firstSize, (i + 1) * firstSize)),
    tMs: (i * step * 1000) / fps,
  }));
}
