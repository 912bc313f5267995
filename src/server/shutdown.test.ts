import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { isAlive, makeTestClip, waitFor } from '../ingest/testing.ts';
import { resolveMediaPath } from '../store/media.ts';
import { openStore } from '../store/store.ts';
import { claimAdmin, connectWs } from './testing.ts';

const ffmpeg = resolveFfmpegPath();
const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing-serve.ts');

/** ffmpeg children of `pid` with their process group. */
function ffmpegChildrenOf(pid: number): { pid: number; pgid: number }[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,pgid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch (err) {
    if ((err as { status?: number }).status !== 1) throw err; // 1: no child at all
  }
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, , comm]) => comm === 'ffmpeg')
    .map(([p, g]) => ({ pid: Number(p), pgid: Number(g) }));
}

describe.skipIf(!ffmpeg)('Ctrl-C on vigie serve', () => {
  let dir: string;
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-sigint-'));
    await makeTestClip(ffmpeg!, path.join(dir, 'clip.mp4'), 6, '320x240', 10);
  });
  afterAll(() => {
    if (server?.pid !== undefined && server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the clip being recorded (encoders are not in the terminal process group) and leaves no ffmpeg', async () => {
    const dataDir = path.join(dir, 'data');
    // detached: the server leads its own process group, as a command in a terminal does.
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, dataDir, path.join(dir, 'clip.mp4')], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    server = child;
    const lines = createInterface({ input: child.stdout! });
    const [url = '', token] = (await new Promise<string>((resolve) => lines.once('line', resolve))).split(' ');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const printed: string[] = [];
    lines.on('line', (l) => void printed.push(l));

    const cookie = await claimAdmin(url, token);
    const ws = await connectWs(url.replace('http', 'ws') + '/ws', { Cookie: `vigie_session=${cookie}`, Origin: url });
    const alert = (await ws.next('alert', undefined, 60_000)).alert;
    ws.close();
    let encoders: { pid: number; pgid: number }[] = [];
    await waitFor('the clip encoder', () => (encoders = ffmpegChildrenOf(child.pid!).filter((c) => c.pgid === c.pid)).length > 0, 30_000);
    expect(encoders.every((e) => e.pgid !== child.pid)).toBe(true);

    process.kill(-child.pid!, 'SIGINT'); // Ctrl-C: the whole foreground process group
    expect(await exited).toBe(0);
    expect(printed).toContain('closed');
    for (const e of encoders) expect(isAlive(e.pid)).toBe(false);

    const store = openStore({ dir: dataDir });
    try {
      const clipPath = store.getAlert(alert.id)?.clipPath;
      expect(clipPath).toMatch(/\.mp4$/);
      expect(existsSync(resolveMediaPath(store.mediaDir, clipPath!))).toBe(true);
      expect(existsSync(`${resolveMediaPath(store.mediaDir, clipPath!)}.part`)).toBe(false);
    } finally {
      store.close();
    }
  });
});
