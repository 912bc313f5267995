/** Test helpers for the ingest tests: free ports, polling, liveness of a pid, generated media. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLIPS_DIR = path.resolve(REPO_ROOT, '../shared/data/clips');
export const HAS_CLIPS = existsSync(CLIPS_DIR);

const run = promisify(execFile);

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `fn` (synchronous or not) until it gives a value other than undefined, and resolves with it; rejects with `what` after `timeoutMs`. */
export async function pollUntil<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, pollMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** Polls `check` until it returns true; rejects with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 30_000, pollMs = 50): Promise<void> {
  await pollUntil(what, () => (check() ? true : undefined), timeoutMs, pollMs);
}

/** Whether a process exists (a reaped child does not). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes a synthetic clip (ffmpeg's test pattern) of `seconds` at `size`, encoded with mpeg4 or gif by extension. */
export async function makeTestClip(ffmpeg: string, file: string, seconds: number, size = '320x240', rate = 25): Promise<void> {
  const codec = file.endsWith('.gif') ? [] : ['-c:v', 'mpeg4', '-q:v', '5'];
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=${rate}`];
  await run(ffmpeg, [...args, '-t', String(seconds), ...codec, file]);
}

/** Writes one still image (png or jpg by extension). */
export async function makeTestStill(ffmpeg: string, file: string, size = '400x300'): Promise<void> {
  await run(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=${size}`, '-frames:v', '1', file]);
}
