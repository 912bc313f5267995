import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Detection } from '../core/types.ts';
import { cameraSchema, siteConfigSchema, type CameraConfig } from '../config/schema.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { makeTestClip, waitFor } from '../ingest/testing.ts';
import type { SharedDetector } from '../server/detector.ts';
import { yardCamera } from '../server/testing.ts';
import type { Logger } from '../server/log.ts';
import { connectBus, type Bus } from './connect.ts';
import { CLIP_HEADERS, LEASE_TTL_MS, STREAM_ALERTS, alertMessageSchema, leaseSchema, parseBusMessage, statusMessageSchema, type CameraAssignment } from './protocol.ts';
import { natsServerPath, startTestNats, streamMessages, type TestNats } from './testing.ts';
import { startWorker, type RunningWorker } from './worker.ts';

const ffmpeg = resolveFfmpegPath();
const site = siteConfigSchema.parse({ analysis: { fps: 5, width: 160 } });

/**
 * A detector whose person depends only on the frame's media time: it walks in from the left over
 * the first 2 s, then stands in the yard. Any camera, any worker, any re-analysis sees the same.
 */
function walkerDetector(): () => Promise<SharedDetector> {
  return async () => ({
    detector: {
      name: 'test-walker',
      detect: async (frame): Promise<Detection[]> => {
        const shift = -0.4 * Math.max(0, 1 - frame.tMs / 2000);
        return [{ box: { x1: 0.4 + shift, y1: 0.3, x2: 0.6 + shift, y2: 0.8 }, label: 'person', score: 0.9 }];
      },
      close: async () => undefined,
    },
  });
}

interface Seen {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers: Record<string, string>;
}

/** Every message published on `subject` (core subscription: duplicates the stream drops are seen too). */
function collect(nc: NatsConnection, subject: string): Seen[] {
  const out: Seen[] = [];
  nc.subscribe(subject, {
    callback: (err, m) => {
      if (err) return;
      const headers: Record<string, string> = {};
      for (const k of m.headers?.keys() ?? []) headers[k] = m.headers!.get(k);
      out.push({ subject: m.subject, data: m.data, headers });
    },
  });
  return out;
}

const alertIdsOf = (seen: readonly Seen[], workerId?: string): string[] =>
  seen
    .map((s) => parseBusMessage(alertMessageSchema, s.subject, s.data))
    .flatMap((r) => (r.ok && (workerId === undefined || r.value.workerId === workerId) ? [r.value.alert.id] : []));

describe.skipIf(!ffmpeg || !natsServerPath())('vigie worker on a bus', () => {
  let nats: TestNats;
  let bus: Bus;
  let nc: NatsConnection;
  let dir: string;
  let loopClip: string;
  let onceClip: string;
  let workers: RunningWorker[] = [];
  const logs: string[] = [];
  const logger = (name: string): Logger => ({ info: (m) => void logs.push(`${name} ${m}`), error: (m) => void logs.push(`${name} ERROR ${m}`) });

  const assign = async (camera: CameraConfig, putAtMs = Date.now()): Promise<void> => {
    const a: CameraAssignment = { camera, analysis: { fps: 5, width: 160 }, putAtMs };
    await bus.cameras.put(camera.id, JSON.stringify(a));
  };
  const start = async (name: string): Promise<RunningWorker> => {
    const w = await startWorker({ busUrl: nats.url, site, workerId: name, logger: logger(name), openDetector: walkerDetector(), ffmpegPath: ffmpeg!, clip: { preMs: 1000, postMs: 1000 } });
    workers.push(w);
    return w;
  };
  const onceCamera = (id: string): CameraConfig => cameraSchema.parse({ ...yardCamera(onceClip, id), loop: false, realtime: false });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-worker-'));
    loopClip = path.join(dir, 'loop.mp4');
    onceClip = path.join(dir, 'once.mp4');
    await makeTestClip(ffmpeg!, loopClip, 6, '320x240', 10);
    await makeTestClip(ffmpeg!, onceClip, 4, '320x240', 10);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // A fresh server per test: buckets and streams start empty.
  const setUp = async (): Promise<void> => {
    nats = await startTestNats();
    bus = await connectBus({ url: nats.url, name: 'test-console' });
    nc = await connect({ servers: nats.url });
  };
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.close({ release: true })));
    workers = [];
    await nc?.close();
    await bus?.close();
    await nats?.close();
    logs.length = 0;
  });

  it('runs the assigned cameras, publishes alerts (snapshot, model), clips and status; a changed assignment restarts, a deleted one stops', async () => {
    await setUp();
    const alerts = collect(nc, 'vigie.alerts.>');
    const status = collect(nc, 'vigie.status.>');
    const media = collect(nc, 'vigie.media.>');
    await assign(yardCamera(loopClip, 'cam1'));
    await assign(yardCamera(loopClip, 'cam2'));
    const w = await start('w1');
    await waitFor('both cameras running', () => w.running().join() === 'cam1,cam2', 20_000);
    await waitFor('an alert of each camera', () => ['cam1', 'cam2'].every((c) => alerts.some((a) => a.subject === `vigie.alerts.${c}`)), 30_000);
    const first = parseBusMessage(alertMessageSchema, alerts[0]!.subject, alerts[0]!.data);
    if (!first.ok) throw new Error(first.error);
    expect(first.value).toMatchObject({ v: 1, workerId: 'w1', model: { name: 'test-walker' }, alert: { type: 'intrusion', zoneId: 'yard' } });
    expect(Buffer.from(first.value.snapshotJpegBase64 ?? '', 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    await waitFor('a running status of each camera', () => ['cam1', 'cam2'].every((c) => status.some((s) => s.subject === `vigie.status.${c}` && (parseBusMessage(statusMessageSchema, s.subject, s.data) as { ok: boolean; value?: { status: { state: string } } }).value?.status.state === 'running')), 10_000);
    await waitFor('a clip', () => media.some((m) => m.headers[CLIP_HEADERS.index] === '0'), 30_000);
    const chunk = media.find((m) => m.headers[CLIP_HEADERS.index] === '0')!;
    expect(chunk.headers[CLIP_HEADERS.alertIds]!.split(',')).toContain(chunk.subject.split('.')[2]);
    expect(chunk.headers[CLIP_HEADERS.sha256]).toMatch(/^[0-9a-f]{64}$/);

    // Same content put again (a console restart): no restart. New zones: a restart.
    await assign(yardCamera(loopClip, 'cam1'));
    await new Promise((r) => setTimeout(r, 1500));
    expect(logs.filter((l) => l.includes('camera cam1 restarted'))).toHaveLength(0);
    await assign({ ...yardCamera(loopClip, 'cam1'), zones: [{ id: 'gate', kind: 'forbidden', polygon: [[0.2, 0.1], [0.85, 0.1], [0.85, 0.9], [0.2, 0.9]] }] });
    await waitFor('cam1 restarted', () => logs.some((l) => l.includes('camera cam1 restarted')), 10_000);
    await waitFor('an alert in the new zone', () => alerts.some((a) => a.subject === 'vigie.alerts.cam1' && new TextDecoder().decode(a.data).includes('"zoneId":"gate"')), 30_000);

    // Its lease written by another: stopped at once (never two workers on one camera for long).
    const taken = Date.now();
    await bus.leases.put('cam1', JSON.stringify({ workerId: 'intruder', sinceMs: taken }));
    await waitFor('cam1 stopped', () => !w.running().includes('cam1'), 5_000, 20);
    console.log(`camera stopped ${Date.now() - taken} ms after its lease was taken`);

    // Deleted: stopped, its lease deleted.
    await bus.cameras.delete('cam2');
    await waitFor('cam2 stopped', () => w.running().length === 0, 10_000);
    const deadline = Date.now() + 5000;
    while ((await bus.leases.get('cam2'))?.operation === 'PUT' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await bus.leases.get('cam2'))?.operation).not.toBe('PUT');
  }, 90_000);

  it('two workers share 4 cameras 2/2; one crashes, the other runs all within 10 s and publishes the same ids for the file camera, stored once', async () => {
    await setUp();
    const alerts = collect(nc, 'vigie.alerts.>');
    await assign(onceCamera('file1'));
    for (const id of ['cam2', 'cam3', 'cam4']) await assign(yardCamera(loopClip, id));
    const [a, b] = await Promise.all([start('wa'), start('wb')]);
    await waitFor('2/2', () => a!.running().length === 2 && b!.running().length === 2, 30_000);
    const holder = a!.running().includes('file1') ? a! : b!;
    const survivor = holder === a ? b! : a!;
    await waitFor('the file camera alerted', () => alertIdsOf(alerts.filter((s) => s.subject === 'vigie.alerts.file1'), holder.workerId).length > 0, 30_000);
    const before = alertIdsOf(alerts.filter((s) => s.subject === 'vigie.alerts.file1'), holder.workerId);
    // The leases are the holder's (nobody else has them).
    const leased = await bus.leases.get('file1');
    expect(leased && parseBusMessage(leaseSchema, 'l', leased.value)).toMatchObject({ ok: true, value: { workerId: holder.workerId } });

    const crashedAt = Date.now();
    await holder.crash();
    workers = workers.filter((w) => w !== holder);
    await waitFor('the survivor runs all 4', () => survivor.running().length === 4, 15_000, 20);
    const takeoverMs = Date.now() - crashedAt;
    console.log(`takeover after a crash: ${takeoverMs} ms (all 4 cameras running on ${survivor.workerId})`);
    expect(takeoverMs).toBeLessThanOrEqual(10_000);

    await waitFor('the file camera analysed again', () => before.every((id) => alertIdsOf(alerts.filter((s) => s.subject === 'vigie.alerts.file1'), survivor.workerId).includes(id)), 30_000);
    // The stream holds each id once.
    const stored = alertIdsOf((await streamMessages(bus, STREAM_ALERTS, 'vigie.alerts.file1')).map((m) => ({ ...m, headers: {} })));
    expect(stored.sort()).toEqual([...new Set(alertIdsOf(alerts.filter((s) => s.subject === 'vigie.alerts.file1')))].sort());
    expect(new Set(stored).size).toBe(stored.length);
  }, 90_000);

  it('a worker joining late gets its share: the first gives back its excess (two cameras) until 2/2', async () => {
    await setUp();
    for (const id of ['cam1', 'cam2', 'cam3', 'cam4']) await assign(yardCamera(loopClip, id));
    const a = await start('wa');
    await waitFor('wa runs all 4', () => a.running().length === 4, 30_000);
    const b = await start('wb');
    await waitFor('2/2', () => a.running().length === 2 && b.running().length === 2, 30_000);
    expect([...a.running(), ...b.running()].sort()).toEqual(['cam1', 'cam2', 'cam3', 'cam4']);
    expect(logs.filter((l) => l.startsWith('wa ') && l.includes('(balance:'))).toHaveLength(2);
  }, 60_000);

  it('a nats-server restart takes no camera from its worker (leases are timed from the reconnect)', async () => {
    await setUp();
    for (const id of ['cam1', 'cam2']) await assign(yardCamera(loopClip, id));
    const [a, b] = await Promise.all([start('wa'), start('wb')]);
    await waitFor('1/1', () => a!.running().length === 1 && b!.running().length === 1, 30_000);
    const owners = [a!.running().join(), b!.running().join()];
    await nc.close();
    await nats.kill();
    // Down longer than a lease's life.
    await new Promise((r) => setTimeout(r, LEASE_TTL_MS + 1000));
    await nats.restart();
    nc = await connect({ servers: nats.url });
    // Longer than a lease's life: had the outage counted, the leases would have looked expired.
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      expect([a!.running().join(), b!.running().join()]).toEqual(owners);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(logs.filter((l) => / stopped \(/.test(l))).toEqual([]);
  }, 60_000);

  it('close({ release: true }) hands the cameras over at once', async () => {
    await setUp();
    for (const id of ['cam1', 'cam2']) await assign(yardCamera(loopClip, id));
    const [a, b] = await Promise.all([start('wa'), start('wb')]);
    await waitFor('1/1', () => a!.running().length === 1 && b!.running().length === 1, 30_000);
    const closedAt = Date.now();
    await a!.close({ release: true });
    workers = workers.filter((w) => w !== a);
    await waitFor('the other runs both', () => b!.running().length === 2, 10_000, 20);
    const ms = Date.now() - closedAt;
    console.log(`hand-over after close({ release: true }): ${ms} ms`);
    expect(ms).toBeLessThan(LEASE_TTL_FOR_TEST);
    expect((await bus.workers.get('wa'))?.operation).not.toBe('PUT');
  }, 60_000);
});

/** A release is seen at once: well before a lease could have expired. */
const LEASE_TTL_FOR_TEST = 5_000;
