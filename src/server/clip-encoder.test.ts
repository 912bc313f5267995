import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { runningEncoderPids, startClipEncoder } from './clip-encoder.ts';

const ffmpeg = resolveFfmpegPath();

const processGroup = (pid: number): number => Number(execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim());

describe.skipIf(!ffmpeg)('clip encoder process', () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(path.join(tmpdir(), 'vigie-enc-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs in its own process group (a Ctrl-C to the terminal does not reach it) and is tracked until it ends', async () => {
    const file = path.join(dir, 'a.mp4');
    const enc = startClipEncoder({ ffmpegPath: ffmpeg!, file, width: 32, height: 32, fps: 5 });
    const pid = enc.pid()!;
    expect(runningEncoderPids()).toContain(pid);
    expect(processGroup(pid)).toBe(pid);
    expect(processGroup(pid)).not.toBe(processGroup(process.pid));
    for (let i = 0; i < 3; i++) enc.write({ width: 32, height: 32, data: new Uint8Array(32 * 32 * 3) });
    expect(await enc.finish()).toEqual({ ok: true, frames: 3 });
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}.part`)).toBe(false);
    expect(runningEncoderPids()).not.toContain(pid);
  });
});
