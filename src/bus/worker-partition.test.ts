import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Detection } from '../core/types.ts';
import { siteConfigSchema } from '../config/schema.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { makeTestClip, waitFor } from '../ingest/testing.ts';
import type { SharedDetector } from '../server/detector.ts';
import { yardCamera } from '../server/testing.ts';
import type { Logger } from '../server/log.ts';
import { connectBus, type Bus } from './connect.ts';
import { STREAM_ALERTS, alertMessageSchema, leaseSchema, parseBusMessage, type CameraAssignment } from './protocol.ts';
import { natsServerPath, startTestNats, streamMessages, type TestNats } from './testing.ts';
import { startTcpProxy, type TcpProxy } from './testing-proxy.ts';
import { journalFiles, openJournal } from './outbox-journal.ts';
import { startWorker, type RunningWorker } from './worker.ts';

const ffmpeg = resolveFfmpegPath();
// Gating off: the detector below changes with the wall clock, not with the pixels.
const site = siteConfigSchema.parse({ analysis: { fps: 5, width: 160, motionGating: false } });
const PERIOD_MS = 5000;

/**
 * A person walks into the yard at the start of every 5 s of the wall clock, stays 3 s and leaves:
 * an intrusion every 5 s, on any worker. Visits alternate between two spots far apart, so that no
 * visit's alert is taken for a repeat of the one before (rules/dedup.ts).
 */
function visitorDetector(): () => Promise<SharedDetector> {
  return async () => ({
    detector: {
      name: 'test-visitor',
      detect: async (): Promise<Detection[]> => {
        const now = Date.now();
        const phase = now % PERIOD_MS;
        if (phase >= 3000) return [];
        const spot = Math.floor(now / PERIOD_MS) % 2 === 0 ? 0.2 : 0.6;
        const shift = -0.3 * Math.max(0, 1 - phase / 1000);
        return [{ box: { x1: spot + shift, y1: 0.3, x2: spot + 0.15 + shift, y2: 0.8 }, label: 'person', score: 0.9 }];
      },
      close: async () => undefined,
    },
  });
}

interface Stored {
  readonly id: string;
  readonly workerId: string;
  readonly createdAtMs: number;
}

async function storedAlerts(bus: Bus, cameraKey: string): Promise<Stored[]> {
  return (await streamMessages(bus, STREAM_ALERTS, `vigie.alerts.${cameraKey}`)).flatMap((m) => {
    const parsed = parseBusMessage(alertMessageSchema, m.subject, m.data);
    return parsed.ok ? [{ id: parsed.value.alert.id, workerId: parsed.value.workerId, createdAtMs: parsed.value.alert.createdAtMs }] : [];
  });
}

describe.skipIf(!ffmpeg || !natsServerPath())('a worker cut off from the bus (lease fence)', () => {
  let nats: TestNats | undefined;
  let proxy: TcpProxy | undefined;
  let bus: Bus | undefined;
  let dir: string;
  let clip: string;
  let workers: RunningWorker[] = [];
  const logs: string[] = [];
  const logger = (name: string): Logger => ({ info: (m) => void logs.push(`${name} ${m}`), error: (m) => void logs.push(`${name} ERROR ${m}`) });
  const start = async (name: string, url: string, dataDir?: string): Promise<RunningWorker> => {
    const w = await startWorker({ busUrl: url, site, workerId: name, logger: logger(name), openDetector: visitorDetector(), ffmpegPath: ffmpeg!, clip: { preMs: 500, postMs: 500 }, ...(dataDir ? { dataDir } : {}) });
    workers.push(w);
    return w;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-partition-'));
    clip = path.join(dir, 'loop.mp4');
    await makeTestClip(ffmpeg!, clip, 4, '320x240', 10);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.close({ release: true })));
    workers = [];
    await bus?.close();
    await proxy?.close();
    await nats?.close();
    logs.length = 0;
  });

  /** Waits for the start of the next visit minus `beforeMs`. */
  const beforeVisit = (beforeMs: number): Promise<void> => new Promise((r) => setTimeout(r, (PERIOD_MS - beforeMs - (Date.now() % PERIOD_MS) + PERIOD_MS) % PERIOD_MS));
  const waitStored = async (what: string, check: (stored: Stored[]) => boolean, timeoutMs: number): Promise<Stored[]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stored = await storedAlerts(bus!, 'cam1');
      if (check(stored)) return stored;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  // 'reset': the worker sees a disconnect. 'silent': it sees nothing, its requests time out.
  it.each(['reset', 'silent'] as const)(
    'cut off (%s) while another worker takes its camera over: what it raised alone is published, what it raised after the takeover is not',
    async (mode) => {
      nats = await startTestNats();
      proxy = await startTcpProxy(nats.port);
      bus = await connectBus({ url: nats.url, name: 'test-console' });
      const a: CameraAssignment = { camera: yardCamera(clip, 'cam1'), analysis: { fps: 5, width: 160 }, putAtMs: Date.now() };
      await bus.cameras.put('cam1', JSON.stringify(a));

      const cutOff = await start('w1', proxy.url);
      await waitFor('w1 runs cam1', () => cutOff.running().includes('cam1'), 20_000);
      const other = await start('w2', nats.url);
      await waitStored('an alert of w1 stored', (stored) => stored.some((s) => s.workerId === 'w1'), 20_000);

      // Cut just before a visit: its alert (1.2-2 s later) comes before any takeover (3 s at the
      // earliest: the lease's 6 s from a renewal up to 3 s old).
      await beforeVisit(200);
      const cutAtMs = Date.now();
      proxy.cut(mode);
      await waitFor('w2 runs cam1', () => other.running().includes('cam1'), 20_000, 50);
      const entry = await bus.leases.get('cam1');
      const lease = entry && parseBusMessage(leaseSchema, 'lease', entry.value);
      if (!lease?.ok || lease.value.workerId !== 'w2') throw new Error(`cam1's lease is not w2's: ${JSON.stringify(lease)}`);
      const takenAtMs = lease.value.sinceMs;
      console.log(`${mode} cut: cam1 taken over by w2 ${takenAtMs - cutAtMs} ms after w1 was cut off`);
      // w1 goes on analysing, cut off, for two more visits.
      await new Promise((r) => setTimeout(r, 2 * PERIOD_MS + 500));
      proxy.heal();
      await waitFor('w1 stopped cam1', () => !cutOff.running().includes('cam1'), 20_000);
      await cutOff.close({ release: true });
      workers = workers.filter((w) => w !== cutOff);

      const stored = await storedAlerts(bus, 'cam1');
      const ofW1 = stored.filter((s) => s.workerId === 'w1');
      const dropped = logs.filter((l) => l.startsWith('w1 ERROR bus: message to vigie.alerts.cam1 ') && l.includes('after another worker took the lease of camera cam1'));
      console.log(`${mode} cut: stored ${ofW1.length} alert(s) of w1 (${ofW1.filter((s) => s.createdAtMs >= cutAtMs).length} raised while cut off), ${stored.length - ofW1.length} of w2; ${dropped.length} alert(s) of w1 dropped`);
      // The fence acted: w1 raised alerts after the takeover and they were not published.
      expect(dropped.length).toBeGreaterThan(0);
      expect(ofW1.filter((s) => s.createdAtMs >= takenAtMs)).toEqual([]);
      // What w1 alone saw, between the cut and the takeover, was published once it was back.
      expect(ofW1.filter((s) => s.createdAtMs >= cutAtMs && s.createdAtMs < takenAtMs).length).toBeGreaterThan(0);
      expect(stored.some((s) => s.workerId === 'w2' && s.createdAtMs >= takenAtMs)).toBe(true);
      expect(new Set(stored.map((s) => s.id)).size).toBe(stored.length);
      expect(logs.some((l) => l.startsWith('w1 ') && l.includes('camera cam1 taken by w2'))).toBe(true);
    },
    90_000,
  );

  // 'stop': a clean stop during the cut. 'crash': as a killed process (connection gone, nothing flushed, nothing written at stop).
  it.each(['stop', 'crash'] as const)('%s while cut off, with a data folder: what it could not publish is in its journal and published at its next start, once', async (how) => {
    nats = await startTestNats();
    proxy = await startTcpProxy(nats.port);
    bus = await connectBus({ url: nats.url, name: 'test-console' });
    const a: CameraAssignment = { camera: yardCamera(clip, 'cam1'), analysis: { fps: 5, width: 160 }, putAtMs: Date.now() };
    await bus.cameras.put('cam1', JSON.stringify(a));
    const dataDir = mkdtempSync(path.join(dir, 'w1-data-'));
    const journalDir = path.join(dataDir, 'bus-outbox');
    const first = await start('w1', proxy.url, dataDir);
    await waitFor('w1 runs cam1', () => first.running().includes('cam1'), 20_000);
    await waitStored('an alert of w1 stored', (stored) => stored.length > 0, 20_000);

    await beforeVisit(500);
    proxy.cut('reset');
    // Two visits cut off (on a loaded 2-core CI machine one of their alerts may not come in time: at least one must be kept).
    await new Promise((r) => setTimeout(r, 2 * PERIOD_MS + 500));
    if (how === 'stop') await first.close({ release: true });
    else await first.crash();
    workers = workers.filter((w) => w !== first);
    const left = openJournal(journalDir, () => undefined);
    await left.journal.release();
    const kept = left.kept.filter((k) => k.meta.subject === 'vigie.alerts.cam1').map((k) => k.meta.msgID!);
    console.log(`${how} while cut off: ${left.kept.length} message(s) left in the journal, ${kept.length} alert(s)`);
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect((await storedAlerts(bus, 'cam1')).filter((s) => kept.includes(s.id))).toEqual([]);

    proxy.heal();
    await start('w1b', nats.url, dataDir);
    const stored = await waitStored('the kept alerts stored', (st) => kept.every((id) => st.some((s) => s.id === id)), 20_000);
    expect(new Set(stored.map((s) => s.id)).size).toBe(stored.length);
    const said = logs.filter((l) => l.startsWith('w1b ') && l.includes('left by a previous run'));
    expect(said).toEqual([`w1b worker w1b: ${left.kept.length} message(s) left by a previous run (w1) queued to be published again`]);
    // Each kept file goes once its message is queued again, and that one once acknowledged.
    await waitFor('the journal emptied', () => journalFiles(journalDir).length === 0, 20_000);
}, 90_000);
});
