import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConsoleStore, type ConsoleStore } from '../store/console-store.ts';
import type { StoredAlert } from '../store/types.ts';
import { silentLogger } from './log.ts';
import { createWebhookDispatcher, signBody, wants } from './webhooks.ts';

it('signs like the reference HMAC-SHA256 (RFC 4231 test case 2)', () => {
  expect(signBody('Jefe', 'what do ya want for nothing?')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
});

interface Received {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A local receiver answering the given statuses in turn (the last one repeats). */
async function receiver(statuses: number[]): Promise<{ url: string; got: Received[]; server: Server }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.statusCode = statuses[Math.min(got.length - 1, statuses.length - 1)]!;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, server };
}

const alert: StoredAlert = { id: 'al-1', cameraId: 'gate', type: 'intrusion', tMs: 1000, frameWallMs: 1, createdAtMs: 2, score: 0.9, message: 'm', status: 'new' };

describe('webhook dispatcher', () => {
  let dir: string;
  let store: ConsoleStore;
  let servers: Server[];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-hooks-'));
    store = openConsoleStore({ dir });
    servers = [];
  });
  afterEach(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A webhook `id` pointing at a new local receiver answering `statuses` in turn. */
  async function hookTo(id: string, statuses: number[], secret = 's'): Promise<Awaited<ReturnType<typeof receiver>>> {
    const rx = await receiver(statuses);
    servers.push(rx.server);
    store.webhooks.insert({ id, url: rx.url, secret, events: [], createdAtMs: 0 });
    return rx;
  }

  it('signs the body, retries with backoff until it is accepted, and logs every attempt', async () => {
    const rx = await hookTo('w1', [500, 503, 200], 'top-secret');
    const d = createWebhookDispatcher({ store: store.webhooks, logger: silentLogger, baseDelayMs: 20 });
    d.dispatch(alert);
    await d.idle();
    expect(rx.got).toHaveLength(3);
    for (const r of rx.got) {
      expect(r.body).toBe(JSON.stringify(alert));
      expect(r.headers['x-vigie-signature']).toBe(`sha256=${createHmac('sha256', 'top-secret').update(r.body).digest('hex')}`);
      expect(r.headers['x-vigie-event']).toBe('alert');
    }
    expect(rx.got.map((r) => r.headers['x-vigie-attempt'])).toEqual(['1', '2', '3']);
    expect(store.webhooks.deliveries('w1').map((x) => [x.attempt, x.status, x.ok])).toEqual([
      [3, 200, true],
      [2, 503, false],
      [1, 500, false],
    ]);
    await d.close();
  });

  it('gives up after the last attempt, logging a refused connection', async () => {
    const rx = await receiver([200]);
    await new Promise((r) => rx.server.close(r)); // nobody listens there any more
    store.webhooks.insert({ id: 'w2', url: rx.url, secret: 's', events: [], createdAtMs: 0 });
    const d = createWebhookDispatcher({ store: store.webhooks, logger: silentLogger, baseDelayMs: 5, maxAttempts: 3 });
    d.dispatch(alert);
    await d.idle();
    const log = store.webhooks.deliveries('w2');
    expect(log.map((x) => [x.attempt, x.ok, x.status])).toEqual([[3, false, undefined], [2, false, undefined], [1, false, undefined]]);
    expect(log[0]!.error).toEqual(expect.any(String));
  });

  it('delivers only the event types a webhook asked for', () => {
    expect(wants({ events: [] }, { type: 'fire' })).toBe(true);
    expect(wants({ events: ['fire'] }, { type: 'fire' })).toBe(true);
    expect(wants({ events: ['fire'] }, { type: 'intrusion' })).toBe(false);
  });

  it('a delivery waiting for its retry at shutdown is made after the restart, with the same body', async () => {
    const rx = await hookTo('w4', [500, 200]);
    const first = createWebhookDispatcher({ store: store.webhooks, logger: silentLogger, baseDelayMs: 60_000 });
    first.dispatch(alert);
    while (store.webhooks.deliveries('w4').length === 0) await new Promise((r) => setTimeout(r, 10));
    await first.close();
    expect(store.webhooks.queued()).toBe(1);
    // A later start, past the retry time: the outbox is resumed without any new alert.
    const infos: string[] = [];
    const second = createWebhookDispatcher({
      store: store.webhooks,
      logger: { info: (m) => void infos.push(m), error: () => undefined },
      baseDelayMs: 60_000,
      nowMs: () => Date.now() + 61_000,
    });
    await second.idle();
    await second.close();
    expect(infos).toEqual(['webhooks: 1 delivery(ies) queued before the last stop, resuming']);
    expect(rx.got.map((r) => r.headers['x-vigie-attempt'])).toEqual(['1', '2']);
    expect(rx.got[1]!.body).toBe(JSON.stringify(alert));
    expect(store.webhooks.deliveries('w4').map((x) => [x.attempt, x.ok])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(store.webhooks.queued()).toBe(0);
  });

  it('a webhook deleted while a delivery waits takes it with it', async () => {
    await hookTo('w5', [500]);
    const d = createWebhookDispatcher({ store: store.webhooks, logger: silentLogger, baseDelayMs: 60_000 });
    d.dispatch(alert);
    while (store.webhooks.deliveries('w5').length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(store.webhooks.queued()).toBe(1);
    store.webhooks.remove('w5');
    expect(store.webhooks.queued()).toBe(0);
    await d.close();
  });

  it('queues one delivery per webhook and alert, only for the webhooks that want the type', async () => {
    const rx = await hookTo('all', [200]);
    store.webhooks.insert({ id: 'fire-only', url: rx.url, secret: 's', events: ['fire'], createdAtMs: 0 });
    const d = createWebhookDispatcher({ store: store.webhooks, logger: silentLogger });
    d.dispatch(alert);
    d.dispatch(alert);
    await d.idle();
    await d.close();
    expect(rx.got).toHaveLength(1);
    expect(store.webhooks.deliveries('fire-only')).toEqual([]);
  });

  it('a store that fails after a send pauses the outbox instead of sending again in a tight loop', async () => {
    const rx = await hookTo('w6', [200]);
    const errors: string[] = [];
    const broken = {
      ...store.webhooks,
      dequeue: () => {
        throw new Error('disk I/O error');
      },
    };
    const d = createWebhookDispatcher({ store: broken, logger: { info: () => undefined, error: (m) => void errors.push(m) } });
    d.dispatch(alert);
    await new Promise((r) => setTimeout(r, 300));
    await d.close();
    expect(rx.got).toHaveLength(1);
    expect(errors).toEqual(['webhook w6: disk I/O error (outbox paused 5 s)']);
  });

  it('stops retrying at close', async () => {
    const rx = await hookTo('w3', [500]);
    const d = createWebhookDispatcher({ store: store.webhooks, logger: silentLogger, baseDelayMs: 60_000 });
    d.dispatch(alert);
    while (store.webhooks.deliveries('w3').length === 0) await new Promise((r) => setTimeout(r, 10));
    await d.close();
    expect(rx.got).toHaveLength(1);
  });
});
