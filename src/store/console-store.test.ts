import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../core/types.ts';
import { cameraSchema } from '../config/schema.ts';
import { openConsoleStore, type ConsoleStore } from './console-store.ts';

const T0 = 1_700_000_000_000;
const alert = (n: number, over: Partial<Alert> = {}): Alert => ({
  id: `a${n}`,
  cameraId: 'front',
  type: 'intrusion',
  tMs: n * 1000,
  frameWallMs: T0 + n * 1000 - 30,
  createdAtMs: T0 + n * 1000,
  score: 0.8,
  message: `alert ${n}`,
  ...over,
});
const camera = (id: string, url = '/videos/a.mp4') => cameraSchema.parse({ id, url, events: ['intrusion'] });

describe('openConsoleStore', () => {
  let dir: string;
  let store: ConsoleStore;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-console-store-'));
    store = openConsoleStore({ dir });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the first account only while there is none', () => {
    const user = { username: 'ana', passwordHash: 'h', role: 'admin' as const, createdAtMs: T0 };
    expect(store.users.insertFirst(user)).toBe(true);
    expect(store.users.insertFirst({ ...user, username: 'bob' })).toBe(false);
    expect(store.users.insert({ ...user, username: 'bob', role: 'operator' })).toBe(true);
    expect(store.users.insert({ ...user, username: 'bob' })).toBe(false);
    expect(store.users.list().map((u) => [u.username, u.role])).toEqual([['ana', 'admin'], ['bob', 'operator']]);
    expect(store.users.list()[0]).not.toHaveProperty('passwordHash');
  });

  it('finds live sessions only, and drops them with their account', () => {
    store.users.insert({ username: 'ana', passwordHash: 'h', role: 'supervisor', createdAtMs: T0 });
    store.sessions.insert({ tokenHash: 'live', username: 'ana', createdAtMs: T0, expiresAtMs: T0 + 1000 });
    store.sessions.insert({ tokenHash: 'old', username: 'ana', createdAtMs: T0, expiresAtMs: T0 + 10 });
    expect(store.sessions.find('live', T0 + 500)).toEqual({ username: 'ana', role: 'supervisor' });
    expect(store.sessions.find('old', T0 + 500)).toBeUndefined();
    expect(store.sessions.purgeExpired(T0 + 500)).toBe(1);
    store.users.remove('ana');
    expect(store.sessions.find('live', T0 + 500)).toBeUndefined();
  });

  it('keeps cameras in order, seeds once, and reports rows that no longer validate', () => {
    expect(store.cameras.seedOnce('seed', [camera('a'), camera('b')], T0)).toBe(2);
    store.cameras.remove('a');
    expect(store.cameras.seedOnce('seed', [camera('a'), camera('b')], T0)).toBe(0);
    expect(store.cameras.addMissing([camera('b'), camera('c')], T0)).toBe(1);
    expect(store.cameras.insert(camera('c'), T0)).toBe(false);
    expect(store.cameras.update(camera('b', 'rtsp://cam/b'), T0)).toBe(true);
    expect(store.cameras.update(camera('zz'), T0)).toBe(false);
    expect(store.cameras.list().cameras.map((c) => [c.id, c.url])).toEqual([['b', 'rtsp://cam/b'], ['c', '/videos/a.mp4']]);
    store.cameras.insert({ ...camera('d'), url: 'ftp://nope' }, T0);
    expect(store.cameras.list().invalid).toEqual([{ id: 'd', reason: expect.stringContaining('url') }]);
    expect(store.cameras.get('d')).toBeUndefined();
  });

  it('qualifies an alert with its ack time, filters by status, records a shared clip', () => {
    store.alerts.insertAlert(alert(1));
    store.alerts.insertAlert(alert(2));
    const q = store.decisions.decide('a1', { status: 'false_alarm', note: 'shadow', by: 'ana', atMs: T0 + 1000 + 12_345, correction: false });
    expect(q.kind === 'decided' && q.alert).toMatchObject({ status: 'false_alarm', note: 'shadow', qualifiedBy: 'ana', ackSeconds: 12.3 });
    expect(store.decisions.decide('nope', { status: 'confirmed', by: 'ana', atMs: T0, correction: false })).toEqual({ kind: 'not_found' });
    expect(store.alerts.listAlerts({ status: 'new' }).map((a) => a.id)).toEqual(['a2']);
    store.alerts.setClipPath(['a1', 'a2'], 'front/x/a1.mp4');
    expect(store.alerts.getAlert('a2')?.clipPath).toBe('front/x/a1.mp4');
  });

  it('purges clips with their alerts', () => {
    const media = store.alerts.mediaDir;
    mkdirSync(path.join(media, 'front/d'), { recursive: true });
    for (const f of ['a1.jpg', 'a1.mp4']) writeFileSync(path.join(media, 'front/d', f), 'x');
    store.alerts.insertAlert(alert(1, { snapshotPath: 'front/d/a1.jpg' }));
    store.alerts.insertAlert(alert(2));
    store.alerts.setClipPath(['a1', 'a2'], 'front/d/a1.mp4');
    expect(store.alerts.purgeBefore(T0 + 10_000)).toEqual({ alerts: 2, decisions: 0, files: 2, fileFailures: [] });
    expect(existsSync(path.join(media, 'front'))).toBe(false);
  });

  it('keeps webhook deliveries with their attempts, latest first, and forgets them with the webhook', () => {
    store.webhooks.insert({ id: 'w', url: 'http://127.0.0.1:1/x', secret: 's', events: ['fire'], createdAtMs: T0 });
    store.webhooks.enqueue([
      { id: 'd1', webhookId: 'w', event: 'alert', alertId: 'a1', body: '{}', atMs: T0 },
      { id: 'd1-again', webhookId: 'w', event: 'alert', alertId: 'a1', body: '{}', atMs: T0 },
      { id: 'd2', webhookId: 'w', event: 'test', body: '{}', atMs: T0 + 5 },
      { id: 'd3', webhookId: 'gone', event: 'alert', alertId: 'a1', body: '{}', atMs: T0 },
    ]);
    expect(store.webhooks.deliveries('w').map((d) => d.id)).toEqual(['d2', 'd1']);
    expect(store.webhooks.due(T0, 10).map((d) => d.id)).toEqual(['d1']);
    expect(store.webhooks.nextDueAtMs()).toBe(T0);
    store.webhooks.recordAttempt({ deliveryId: 'd1', webhookId: 'w', alertId: 'a1', attempt: 1, ok: false, atMs: T0, error: 'refused' }, { state: 'pending', nextAtMs: T0 + 10_000 });
    store.webhooks.recordAttempt({ deliveryId: 'd1', webhookId: 'w', alertId: 'a1', attempt: 2, status: 200, ok: true, atMs: T0 + 10_000 }, { state: 'delivered' });
    expect(store.webhooks.delivery('d1')).toEqual({
      id: 'd1', webhookId: 'w', event: 'alert', alertId: 'a1', body: '{}', state: 'delivered', attempts: 2, lastStatus: 200, createdAtMs: T0, updatedAtMs: T0 + 10_000,
    });
    expect(store.webhooks.attempts('d1')).toEqual([
      { deliveryId: 'd1', webhookId: 'w', alertId: 'a1', attempt: 2, status: 200, ok: true, atMs: T0 + 10_000 },
      { deliveryId: 'd1', webhookId: 'w', alertId: 'a1', attempt: 1, ok: false, atMs: T0, error: 'refused' },
    ]);
    expect(store.webhooks.queued()).toBe(1);
    expect(store.webhooks.get('w')?.events).toEqual(['fire']);
    expect(store.webhooks.remove('w')).toBe(true);
    expect(store.webhooks.deliveries('w')).toEqual([]);
    expect(store.webhooks.attempts('d1')).toEqual([]);
    expect(store.webhooks.queued()).toBe(0);
  });
});
