/**
 * Counts the first frames a file decodes to, up to a small maximum: one frame is a still image
 * (a photo, a one-frame GIF), two or more a video (an animated GIF too, whatever the container
 * says of its duration). Each frame is scaled to 8x8 grey, so this costs a decode and no more.
 */
import { spawn } from 'node:child_process';
import { createLineLog, lastErrorLine } from './stderr-log.ts';

const THUMB_BYTES = 8 * 8;

export type FrameCount = { readonly ok: true; readonly frames: number } | { readonly ok: false; readonly reason: string };

/** Frames `file` decodes to, counting at most `max`; never rejects. */
export function countFrames(ffmpegPath: string, file: string, max: number, timeoutMs = 15_000): Promise<FrameCount> {
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-i', `file:${file}`];
  args.push('-map', '0:v:0', '-frames:v', String(max), '-vf', 'scale=8:8', '-pix_fmt', 'gray', '-f', 'rawvideo', 'pipe:1');
  return new Promise((resolve) => {
    const log = createLineLog(20);
    let bytes = 0;
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => void (bytes += chunk.length));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => log.push(chunk));
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `cannot run ffmpeg (${ffmpegPath}): ${err.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const frames = Math.floor(bytes / THUMB_BYTES);
      if (signal === 'SIGKILL') resolve({ ok: false, reason: `decoding the first frames timed out after ${timeoutMs} ms` });
      else if (code !== 0 && frames === 0) resolve({ ok: false, reason: lastErrorLine(log.lines()) ?? `ffmpeg exited with code ${code}` });
      else resolve({ ok: true, frames });
    });
  });
}
