import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KV, KvEntry } from '@nats-io/kv';
import type { Logger } from '../server/log.ts';
import { journalFiles, openJournal } from './outbox-journal.ts';
import { openWorkerJournal, publishKept } from './worker-journal.ts';

const DAY = 86_400_000;
const NOW = 100 * DAY;

describe('the worker journal', () => {
  let dir: string;
  let logs: string[];
  const logger: Logger = { info: (m) => void logs.push(m), error: (m) => void logs.push(`ERROR ${m}`) };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-worker-journal-'));
    logs = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stamps each message with the worker and, for a fenced one, the sure end of its lease as it is queued', async () => {
    const wj = openWorkerJournal({ dataDir: dir, workerId: 'w1', fence: { safeUntil: (key) => (key === 'cam1' ? 8000 : undefined) }, logger })!;
    wj.forOutbox.add('vigie.alerts.cam1', new Uint8Array([1]), { msgID: 'A', fence: { key: 'cam1', atMs: 7000 } });
    wj.forOutbox.add('vigie.alerts.cam2', new Uint8Array([2]), { msgID: 'B', fence: { key: 'cam2', atMs: 7000 } });
    wj.forOutbox.add('vigie.media.A', new Uint8Array([3]), { msgID: 'A.0', headers: { h: 'v' }, expendable: { group: 'clip A' } });
    await wj.journal.release();
    const { kept } = openJournal(path.join(dir, 'bus-outbox'), (m) => void logs.push(m));
    expect(kept.map((k) => ({ ...k.meta, queuedAtMs: 0 }))).toEqual([
      { v: 1, workerId: 'w1', queuedAtMs: 0, subject: 'vigie.alerts.cam1', msgID: 'A', fence: { key: 'cam1', atMs: 7000 }, safeUntilMs: 8000 },
      { v: 1, workerId: 'w1', queuedAtMs: 0, subject: 'vigie.alerts.cam2', msgID: 'B', fence: { key: 'cam2', atMs: 7000 } },
      { v: 1, workerId: 'w1', queuedAtMs: 0, subject: 'vigie.media.A', msgID: 'A.0', headers: { h: 'v' }, expendable: { group: 'clip A' } },
    ]);
    expect(openWorkerJournal({ dataDir: undefined, workerId: 'w1', fence: { safeUntil: () => undefined }, logger })).toBeUndefined();
  });

  it('at the next start: publishes the rest; drops what is older than the media retention and what was made after another worker took the camera; every kept file goes', async () => {
    const first = openWorkerJournal({ dataDir: dir, workerId: 'w1', fence: { safeUntil: () => NOW - 2 * DAY }, logger })!;
    const alert = (id: string, key: string, atMs: number): void => void first.forOutbox.add(`vigie.alerts.${key}`, new TextEncoder().encode(id), { msgID: id, fence: { key, atMs } });
    alert('old', 'cam1', NOW - 31 * DAY);
    alert('sure', 'cam2', NOW - 3 * DAY);
    alert('before-takeover', 'cam2', NOW - 2 * DAY + 10);
    alert('after-takeover', 'cam2', NOW - DAY - 10);
    alert('still-ours', 'cam1', NOW - DAY - 10);
    first.forOutbox.add('vigie.media.x', new TextEncoder().encode('chunk'), { msgID: 'x.0', headers: { i: '0' }, expendable: { group: 'clip x' } });
    await first.journal.release();

    const lease = (workerId: string, sinceMs: number): KvEntry => ({ operation: 'PUT', value: new TextEncoder().encode(JSON.stringify({ workerId, sinceMs })), revision: 3 }) as unknown as KvEntry;
    const leases: Pick<KV, 'get'> = { get: async (key: string) => (key === 'cam2' ? lease('w2', NOW - 1.5 * DAY) : lease('w1', 0)) };
    const published: { subject: string; text: string; opts: unknown }[] = [];
    const outbox = { publish: (subject: string, data: Uint8Array, opts: unknown) => void published.push({ subject, text: new TextDecoder().decode(data), opts }) };
    const next = openWorkerJournal({ dataDir: dir, workerId: 'w1b', fence: { safeUntil: () => undefined }, logger })!;
    await publishKept({ kept: next.kept, journal: next.journal, outbox, leases, workerId: 'w1b', logger, maxAgeMs: 30 * DAY, nowMs: NOW });
    expect(published.map((p) => p.text)).toEqual(['sure', 'before-takeover', 'still-ours', 'chunk']);
    // Queued again without the fence (decided now), with their ids, headers and group.
    expect(published[0]!.opts).toEqual({ msgID: 'sure' });
    expect(published[3]!.opts).toEqual({ msgID: 'x.0', headers: { i: '0' }, expendable: { group: 'clip x' } });
    expect(logs.filter((l) => l.includes('(old) deleted unsent: older than the media retention (30 days)'))).toHaveLength(1);
    expect(logs.filter((l) => l.includes('(after-takeover) dropped: made after w2 took the lease of camera cam2'))).toHaveLength(1);
    expect(logs.at(-1)).toBe('worker w1b: 4 message(s) left by a previous run (w1) queued to be published again, 2 dropped');
    await next.journal.release();
    expect(journalFiles(path.join(dir, 'bus-outbox'))).toEqual([]);
  });

  it('nothing kept: nothing done, nothing said', async () => {
    const outbox = { publish: () => expect.unreachable('nothing to publish') };
    const leases: Pick<KV, 'get'> = { get: async () => expect.unreachable('no lease to read') };
    await publishKept({ kept: [], journal: { forget: () => expect.unreachable('no file'), settled: async () => undefined }, outbox, leases, workerId: 'w1', logger, maxAgeMs: DAY });
    expect(logs).toEqual([]);
  });
});
