/**
 * Live sources over RTSP (UDP transport): a refused URL, and a real server (rtsp-server-perl)
 * fed by an ffmpeg publisher that we kill and restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { CameraStatus, Frame } from '../core/types.ts';
import { findOnPath, resolveFfmpegPath } from './ffmpeg-path.ts';
import { createIngest, type Ingest } from './ingest.ts';
import { freePort, isAlive, waitFor } from './testing.ts';
import { smallestOf } from '../testing/footage.ts';
import { stopChild } from '../testing/child.ts';

const ffmpeg = resolveFfmpegPath();
const rtspServer = findOnPath('rtsp-server-perl');
if (!rtspServer) console.warn('ingest: real RTSP test skipped, rtsp-server-perl is not on the PATH');

describe.skipIf(!ffmpeg)('createIngest on a refused RTSP URL', () => {
  it('reports the URL, retries with backoff, then fails after maxRetries', async () => {
    const url = `rtsp://127.0.0.1:${await freePort()}/cam1`;
    const statuses: CameraStatus[] = [];
    const ingest = createIngest({ cameraId: 'gone', url, maxRetries: 2, backoff: { initialMs: 50 }, onStatus: (s) => statuses.push(s) });
    const frames: Frame[] = [];
    for await (const f of ingest) frames.push(f);
    expect(frames).toEqual([]);
    expect(statuses.map((s) => (s.state === 'reconnecting' ? `reconnecting#${s.attempt}` : s.state))).toEqual([
      'connecting',
      'reconnecting#1',
      'reconnecting#2',
      'failed',
    ]);
    for (const s of statuses.slice(1)) {
      const reason = s.state === 'reconnecting' || s.state === 'failed' ? s.reason : '';
      expect(reason).toContain(url);
      expect(reason).toMatch(/refused/i);
    }
    expect(ingest.stats().restarts).toBe(2);
  });
});

/** Resolves once something accepts TCP connections on the port. */
async function waitListening(port: number, timeoutMs: number): Promise<void> {
  const tryOnce = () =>
    new Promise<boolean>((resolve) => {
      const sock = createConnection({ host: '127.0.0.1', port }, () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
  const deadline = Date.now() + timeoutMs;
  while (!(await tryOnce())) {
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!ffmpeg || !rtspServer)('createIngest on a real RTSP server (rtsp-server-perl)', () => {
  const children: ChildProcess[] = [];
  let ingest: Ingest | undefined;

  const startChild = (cmd: string, args: string[]): ChildProcess => {
    const child = spawn(cmd, args, { stdio: 'ignore' });
    child.on('error', (err) => console.error(`${cmd}: ${err.message}`));
    children.push(child);
    return child;
  };
  const kill = (child: ChildProcess): Promise<void> => stopChild(child, { signal: 'SIGKILL' });
  const publish = (publishPort: number): ChildProcess => {
    const clip = smallestOf('avi')[0] ?? '';
    const input = clip !== '' ? ['-re', '-stream_loop', '-1', '-i', clip] : ['-re', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25'];
    const encode = ['-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '10'];
    return startChild(ffmpeg ?? 'ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', ...input, ...encode, '-f', 'rtsp', `rtsp://127.0.0.1:${publishPort}/cam1`]);
  };

  afterAll(async () => {
    await ingest?.close();
    for (const child of children) await kill(child);
  });

  it('receives frames over UDP, reports reconnecting when the publisher dies, recovers when the camera is back', async () => {
    const [readPort, publishPort] = [await freePort(), await freePort()];
    const rtpPort = 30_000 + 2 * Math.floor(Math.random() * 10_000);
    const serve = async (): Promise<ChildProcess> => {
      const server = startChild(rtspServer ?? '', ['-c', String(readPort), '-s', String(publishPort), '--rtp_start_port', String(rtpPort)]);
      await waitListening(readPort, 30_000);
      return server;
    };
    let server = await serve();
    let publisher = publish(publishPort);

    const url = `rtsp://127.0.0.1:${readPort}/cam1`;
    const statuses: CameraStatus[] = [];
    const live = createIngest({
      cameraId: 'cam1',
      url,
      backoff: { initialMs: 250, maxMs: 1000 },
      stallTimeoutMs: 4000,
      onStatus: (s) => statuses.push(s),
    });
    ingest = live;
    const frames: Frame[] = [];
    const consumer = (async () => {
      for await (const f of live) frames.push({ ...f, data: new Uint8Array(0) });
    })();

    await waitFor('10 frames from the RTSP stream', () => frames.length >= 10, 60_000);
    expect(live.status().state).toBe('running');
    expect(frames[0]).toMatchObject({ cameraId: 'cam1', width: 640, height: 480 });
    const tMs = frames.map((f) => f.tMs);
    expect(tMs[0]).toBe(0);
    for (let i = 1; i < tMs.length; i++) expect(tMs[i]).toBeGreaterThan(tMs[i - 1] ?? 0);

    await kill(publisher);
    await waitFor('reconnecting after the publisher died', () => live.status().state === 'reconnecting', 60_000);
    const s = live.status();
    expect(s.state === 'reconnecting' ? s.reason : '').toContain(url);
    const before = frames.length;
    const lastTMs = frames.at(-1)?.tMs ?? 0;

    // rtsp-server-perl keeps a dead source's mount point (a new ANNOUNCE gets 403): restart it, as a camera reboots.
    await kill(server);
    server = await serve();
    publisher = publish(publishPort);
    await waitFor('frames again after the publisher is back', () => frames.length >= before + 5, 90_000);
    expect(live.status().state).toBe('running');
    expect(live.stats().restarts).toBeGreaterThanOrEqual(1);
    const after = frames.slice(before).map((f) => f.tMs);
    expect(after[0]).toBeGreaterThan(lastTMs);
    for (let i = 1; i < after.length; i++) expect(after[i]).toBeGreaterThan(after[i - 1] ?? 0);

    const pid = live.pid();
    await live.close();
    await consumer;
    expect(live.status().state).toBe('ended');
    if (pid !== undefined) expect(isAlive(pid)).toBe(false);
  });
});
