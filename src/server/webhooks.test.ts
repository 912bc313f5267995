import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConsoleStore, type ConsoleStore } from '../store/console-store.ts';
import type { StoredAlert } from '../store/types.ts';
import { createFakeClock, type FakeClock } from './fake-clock.ts';
import { silentLogger } from './log.ts';
import { afterFailure, createWebhookDispatcher, RETRY_DELAYS_MS, signBody, wants, type WebhookDispatcherOptions } from './webhooks.ts';

it('signs like the reference HMAC-SHA256 (RFC 4231 test case 2)', () => {
  expect(signBody('Jefe', 'what do ya want for nothing?')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
});

describe('retry schedule', () => {
  it.each([
    [1, { state: 'pending', nextAtMs: 1000 + 10_000 }],
    [2, { state: 'pending', nextAtMs: 1000 + 30_000 }],
    [3, { state: 'pending', nextAtMs: 1000 + 60_000 }],
    [4, { state: 'pending', nextAtMs: 1000 + 300_000 }],
    [5, { state: 'pending', nextAtMs: 1000 + 900_000 }],
    [6, { state: 'pending', nextAtMs: 1000 + 1_800_000 }],
    [7, { state: 'pending', nextAtMs: 1000 + 3_600_000 }],
    [8, { state: 'failed' }],
  ])('after failed attempt %i: %o', (attempt, outcome) => {
    expect(afterFailure(attempt, 1000, RETRY_DELAYS_MS)).toEqual(outcome);
  });

  it('spans more than an hour, each wait longer than the one before', () => {
    expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBeGreaterThan(3_600_000);
    expect(RETRY_DELAYS_MS.every((ms, i) => i === 0 || ms > RETRY_DELAYS_MS[i - 1]!)).toBe(true);
  });
});

it('delivers only the event types a webhook asked for', () => {
  expect(wants({ events: [] }, { type: 'fire' })).toBe(true);
  expect(wants({ events: ['fire'] }, { type: 'fire' })).toBe(true);
  expect(wants({ events: ['fire'] }, { type: 'intrusion' })).toBe(false);
});

interface Call {
  readonly url: string;
  readonly headers: Headers;
  readonly body: string;
}

/** A fetch answering the given statuses in turn (the last one repeats); an Error is a failed connection. */
function fakeFetch(answers: readonly (number | Error)[]): { calls: Call[]; impl: typeof fetch } {
  const calls: Call[] = [];
  const impl: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), headers: new Headers(init?.headers), body: String(init?.body) });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    if (answer instanceof Error) throw answer;
    return new Response(null, { status: answer });
  };
  return { calls, impl };
}

const alert: StoredAlert = { id: 'al-1', cameraId: 'gate', type: 'intrusion', tMs: 1000, frameWallMs: 1, createdAtMs: 2, score: 0.9, message: 'm', status: 'new' };

describe('webhook dispatcher', () => {
  let dir: string;
  let store: ConsoleStore;
  let clock: FakeClock;
  let servers: Server[];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-hooks-'));
    store = openConsoleStore({ dir });
    clock = createFakeClock(1_000_000);
    servers = [];
  });
  afterEach(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const hook = (id: string, events: StoredAlert['type'][] = []): void =>
    store.webhooks.insert({ id, url: `https://rx.example/${id}`, secret: 's', events, createdAtMs: 0 });
  const dispatcher = (answers: readonly (number | Error)[], extra: Partial<WebhookDispatcherOptions> = {}) => {
    const net = fakeFetch(answers);
    const d = createWebhookDispatcher({ store: store.webhooks, logger: silentLogger, fetchImpl: net.impl, nowMs: clock.nowMs, scheduler: clock.scheduler, ...extra });
    return { d, calls: net.calls };
  };

  it('POSTs the alert to a real receiver, signed, with its event, delivery id and attempt number', async () => {
    const got: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        got.push({ headers: req.headers, body });
        res.end();
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    store.webhooks.insert({ id: 'w0', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, secret: 'top-secret', events: [], createdAtMs: 0 });
    const d = createWebhookDispatcher({ store: store.webhooks, logger: silentLogger, nowMs: clock.nowMs, scheduler: clock.scheduler });
    d.dispatch(alert);
    await d.idle();
    await d.close();
    expect(got).toHaveLength(1);
    const [delivery] = store.webhooks.deliveries('w0');
    expect(got[0]!.body).toBe(JSON.stringify(alert));
    expect(got[0]!.headers).toMatchObject({
      'x-vigie-signature': `sha256=${createHmac('sha256', 'top-secret').update(got[0]!.body).digest('hex')}`,
      'x-vigie-event': 'alert',
      'x-vigie-delivery': delivery!.id,
      'x-vigie-attempt': '1',
      'content-type': 'application/json',
    });
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 1, lastStatus: 200, alertId: 'al-1' });
  });

  it('retries on the backoff schedule, with the same delivery id, until it is accepted', async () => {
    hook('w1');
    const { d, calls } = dispatcher([500, 503, 200]);
    d.dispatch(alert);
    await d.idle();
    expect(calls).toHaveLength(1);
    expect(store.webhooks.deliveries('w1')[0]).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500, lastError: 'HTTP 500', nextAtMs: 1_010_000 });
    clock.advance(9_999);
    await d.idle();
    expect(calls).toHaveLength(1);
    clock.advance(1);
    await d.idle();
    expect(calls).toHaveLength(2);
    clock.advance(29_999);
    await d.idle();
    expect(calls).toHaveLength(2);
    clock.advance(1);
    await d.idle();
    expect(calls.map((c) => c.headers.get('x-vigie-attempt'))).toEqual(['1', '2', '3']);
    const [delivery] = store.webhooks.deliveries('w1');
    expect(new Set(calls.map((c) => c.headers.get('x-vigie-delivery')))).toEqual(new Set([delivery!.id]));
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 200 });
    expect(delivery!.nextAtMs).toBeUndefined();
    expect(store.webhooks.attempts(delivery!.id).map((a) => [a.attempt, a.status, a.ok, a.atMs])).toEqual([
      [3, 200, true, 1_040_000],
      [2, 503, false, 1_010_000],
      [1, 500, false, 1_000_000],
    ]);
    expect(clock.pending()).toBe(0);
    await d.close();
  });

  it('fails for good after the last delay, logging the error', async () => {
    hook('w2');
    const errors: string[] = [];
    const { d, calls } = dispatcher([new Error('connect ECONNREFUSED')], { retryDelaysMs: [10, 20], logger: { info: () => undefined, error: (m) => void errors.push(m) } });
    d.dispatch(alert);
    for (const ms of [0, 10, 20]) {
      clock.advance(ms);
      await d.idle();
    }
    expect(calls).toHaveLength(3);
    const [delivery] = store.webhooks.deliveries('w2');
    expect(delivery).toMatchObject({ state: 'failed', attempts: 3, lastError: 'connect ECONNREFUSED' });
    expect(delivery!.lastStatus).toBeUndefined();
    expect(errors).toEqual([`webhook w2 (https://rx.example/w2): delivery ${delivery!.id} failed after 3 attempts: connect ECONNREFUSED`]);
    expect(store.webhooks.queued()).toBe(0);
    expect(clock.pending()).toBe(0);
  });

  it('a delivery waiting for its retry at shutdown is made after the restart, with the same body and id', async () => {
    hook('w4');
    const first = dispatcher([500]);
    first.d.dispatch(alert);
    await first.d.idle();
    await first.d.close();
    expect(store.webhooks.queued()).toBe(1);
    clock.advance(10_000);
    const infos: string[] = [];
    const second = dispatcher([200], { logger: { info: (m) => void infos.push(m), error: () => undefined } });
    await second.d.idle();
    await second.d.close();
    expect(infos).toEqual(['webhooks: 1 delivery(ies) pending before the last stop, resuming']);
    expect(second.calls).toHaveLength(1);
    expect(second.calls[0]!.body).toBe(JSON.stringify(alert));
    expect(second.calls[0]!.headers.get('x-vigie-attempt')).toBe('2');
    expect(second.calls[0]!.headers.get('x-vigie-delivery')).toBe(first.calls[0]!.headers.get('x-vigie-delivery'));
    expect(store.webhooks.deliveries('w4')[0]).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('a re-send queues the same delivery again, counting attempts from 1', async () => {
    hook('w7');
    const { d, calls } = dispatcher([500, 200], { retryDelaysMs: [] });
    d.dispatch(alert);
    await d.idle();
    const [failed] = store.webhooks.deliveries('w7');
    expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
    expect(store.webhooks.requeue(failed!.id, clock.nowMs())).toBe(true);
    d.kick();
    await d.idle();
    expect(calls.map((c) => [c.headers.get('x-vigie-delivery'), c.headers.get('x-vigie-attempt')])).toEqual([
      [failed!.id, '1'],
      [failed!.id, '1'],
    ]);
    expect(store.webhooks.delivery(failed!.id)).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(store.webhooks.attempts(failed!.id)).toHaveLength(2);
    expect(store.webhooks.requeue('nope', clock.nowMs())).toBe(false);
    await d.close();
  });

  it('a webhook deleted while a delivery waits takes it with it', async () => {
    hook('w5');
    const { d } = dispatcher([500]);
    d.dispatch(alert);
    await d.idle();
    expect(store.webhooks.queued()).toBe(1);
    store.webhooks.remove('w5');
    expect(store.webhooks.queued()).toBe(0);
    await d.close();
  });

  it('queues one delivery per webhook and alert, only for the webhooks that want the type', async () => {
    hook('all');
    hook('fire-only', ['fire']);
    const { d, calls } = dispatcher([200]);
    d.dispatch(alert);
    d.dispatch(alert);
    await d.idle();
    await d.close();
    expect(calls.map((c) => c.url)).toEqual(['https://rx.example/all']);
    expect(store.webhooks.deliveries('fire-only')).toEqual([]);
  });

  it('a store that fails after a send pauses the queue instead of sending again in a tight loop', async () => {
    hook('w6');
    const errors: string[] = [];
    const broken = {
      ...store.webhooks,
      recordAttempt: () => {
        throw new Error('disk I/O error');
      },
    };
    const { d, calls } = dispatcher([200], { store: broken, logger: { info: () => undefined, error: (m) => void errors.push(m) } });
    d.dispatch(alert);
    await d.idle();
    expect(calls).toHaveLength(1);
    expect(errors).toEqual(['webhook w6: disk I/O error (deliveries paused 5 s)']);
    clock.advance(4_999);
    await d.idle();
    expect(calls).toHaveLength(1);
    clock.advance(1);
    await d.idle();
    expect(calls).toHaveLength(2);
    await d.close();
  });

  it('stops retrying at close', async () => {
    hook('w3');
    const { d, calls } = dispatcher([500]);
    d.dispatch(alert);
    await d.idle();
    await d.close();
    clock.advance(3_600_000);
    await d.idle();
    expect(calls).toHaveLength(1);
    expect(clock.pending()).toBe(0);
  });
});
