import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KV, KvEntry } from '@nats-io/kv';
import type { Logger } from '../server/log.ts';
import { spoolPath, writeSpool } from './outbox-spool.ts';
import type { QueuedMessage } from './publisher.ts';
import { publishKept } from './worker-spool.ts';

const DAY = 86_400_000;
const NOW = 100 * DAY;

describe('publishKept: what a previous run kept, at the next start', () => {
  let dir: string;
  let logs: string[];
  const logger: Logger = { info: (m) => void logs.push(m), error: (m) => void logs.push(`ERROR ${m}`) };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-worker-spool-'));
    logs = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes the rest; drops what is older than the media retention and what the fence held after another worker took the camera', async () => {
    const alert = (id: string, key: string, atMs: number, decision: QueuedMessage['decision']): QueuedMessage => ({ subject: `vigie.alerts.${key}`, data: new TextEncoder().encode(id), opts: { msgID: id, fence: { key, atMs } }, decision });
    writeSpool(spoolPath(dir), { v: 1, workerId: 'w1', savedAtMs: NOW - DAY, safeUntil: { cam1: NOW - 2 * DAY, cam2: NOW - 2 * DAY } }, [
      alert('old', 'cam1', NOW - 31 * DAY, 'send'),
      alert('sure', 'cam1', NOW - 3 * DAY, 'send'),
      alert('held-before-takeover', 'cam2', NOW - 2 * DAY + 10, 'hold'),
      alert('held-after-takeover', 'cam2', NOW - DAY - 10, 'hold'),
      alert('held-still-ours', 'cam1', NOW - DAY - 10, 'hold'),
    ]);
    const lease = (workerId: string, sinceMs: number): KvEntry => ({ operation: 'PUT', value: new TextEncoder().encode(JSON.stringify({ workerId, sinceMs })), revision: 3 }) as unknown as KvEntry;
    const leases: Pick<KV, 'get'> = { get: async (key: string) => (key === 'cam2' ? lease('w2', NOW - 1.5 * DAY) : lease('w1', 0)) };
    const published: string[] = [];
    const outbox = { publish: (_s: string, data: Uint8Array) => void published.push(new TextDecoder().decode(data)) };
    await publishKept({ dataDir: dir, outbox, leases, workerId: 'w1b', logger, maxAgeMs: 30 * DAY, nowMs: NOW });
    expect(published).toEqual(['sure', 'held-before-takeover', 'held-still-ours']);
    expect(logs.filter((l) => l.includes('(old) deleted unsent: older than the media retention (30 days)'))).toHaveLength(1);
    expect(logs.filter((l) => l.includes('(held-after-takeover) dropped: made after w2 took the lease of camera cam2'))).toHaveLength(1);
    expect(logs.at(-1)).toMatch(/3 message\(s\) kept by a previous run \(w1, stopped .*\) queued to be published again, 2 dropped$/);
    expect(existsSync(spoolPath(dir))).toBe(false);
  });

  it('no data folder, or nothing kept: nothing done, nothing said', async () => {
    const outbox = { publish: () => expect.unreachable('nothing to publish') };
    const leases: Pick<KV, 'get'> = { get: async () => expect.unreachable('no lease to read') };
    await publishKept({ dataDir: undefined, outbox, leases, workerId: 'w1', logger, maxAgeMs: DAY });
    await publishKept({ dataDir: dir, outbox, leases, workerId: 'w1', logger, maxAgeMs: DAY });
    expect(logs).toEqual([]);
  });
});
