import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deliveryAttemptSchema, deliverySchema, webhookCreatedSchema, webhookSchema } from './doc-schemas.ts';
import { createTestApi, errorOf, read, type TestApi } from './testing.ts';

describe('webhooks API', () => {
  let api: TestApi;
  let kicks: number;
  let admin: string;
  beforeEach(async () => {
    kicks = 0;
    api = createTestApi({ nowMs: () => 5000, onDeliveryQueued: () => void kicks++ });
    admin = await api.admin();
  });
  afterEach(() => api.close());

  const create = async (url: string) => read(api.call('POST', '/api/webhooks', { url }, admin), webhookCreatedSchema);

  it('adds (secret shown once), lists and deletes webhooks; admin only', async () => {
    const created = await api.call('POST', '/api/webhooks', { url: 'https://hooks.example/vigie', events: ['fire', 'fire'] }, admin);
    expect(created.status).toBe(201);
    const hook = await read(created, webhookCreatedSchema);
    expect(hook.secret).toMatch(/^[\w-]{32}$/);
    expect(hook.events).toEqual(['fire']);
    expect(hook.warning).toBeUndefined();
    const list = await read(api.call('GET', '/api/webhooks', undefined, admin), z.array(webhookSchema));
    expect(list).toEqual([{ id: hook.id, url: 'https://hooks.example/vigie', events: ['fire'], createdAtMs: 5000 }]);
    expect((await api.call('POST', '/api/webhooks', { url: 'file:///etc/passwd' }, admin)).status).toBe(400);
    const sup = await api.login('sam', 'supervisor');
    expect((await api.call('GET', '/api/webhooks', undefined, sup)).status).toBe(403);
    expect((await api.call('POST', `/api/webhooks/${hook.id}/test`, {}, sup)).status).toBe(403);
    expect((await api.call('DELETE', `/api/webhooks/${hook.id}`, undefined, admin)).status).toBe(204);
    expect((await api.call('GET', `/api/webhooks/${hook.id}/deliveries`, undefined, admin)).status).toBe(404);
  });

  it.each([
    ['http://127.0.0.1:9000/hook', /loopback/],
    ['http://169.254.169.254/latest', /link-local/],
  ])('accepts %s with a warning, in the answer and in the list', async (url, warning) => {
    const created = await api.call('POST', '/api/webhooks', { url }, admin);
    expect(created.status).toBe(201);
    expect((await read(created, webhookCreatedSchema)).warning).toMatch(warning);
    const [listed] = await read(api.call('GET', '/api/webhooks', undefined, admin), z.array(webhookSchema));
    expect(listed!.warning).toMatch(warning);
  });

  it('queues a test delivery and shows it in the delivery log', async () => {
    const hook = await create('https://hooks.example/t');
    const res = await api.call('POST', `/api/webhooks/${hook.id}/test`, {}, admin);
    expect(res.status).toBe(202);
    const queued = await read(res, deliverySchema);
    expect(queued).toMatchObject({ event: 'test', state: 'pending', attempts: 0, nextAtMs: 5000 });
    expect(kicks).toBe(1);
    expect(JSON.parse(api.store.webhooks.delivery(queued.id)!.body)).toMatchObject({ type: 'test', webhookId: hook.id });
    const log = await read(api.call('GET', `/api/webhooks/${hook.id}/deliveries`, undefined, admin), z.array(deliverySchema));
    expect(log).toEqual([queued]);
    expect((await api.call('POST', '/api/webhooks/nope/test', {}, admin)).status).toBe(404);
  });

  it('re-sends a failed delivery under the same id, journaled; the attempts stay in its log', async () => {
    const hook = await create('https://hooks.example/r');
    const other = await create('https://hooks.example/other');
    api.store.webhooks.enqueue([{ id: 'd1', webhookId: hook.id, event: 'alert', alertId: 'al-1', body: '{}', atMs: 1000 }]);
    api.store.webhooks.recordAttempt({ deliveryId: 'd1', webhookId: hook.id, alertId: 'al-1', attempt: 8, status: 502, ok: false, atMs: 2000, error: 'HTTP 502' }, { state: 'failed' });
    const [failed] = await read(api.call('GET', `/api/webhooks/${hook.id}/deliveries`, undefined, admin), z.array(deliverySchema));
    expect(failed).toEqual({ id: 'd1', event: 'alert', alertId: 'al-1', state: 'failed', attempts: 8, lastStatus: 502, lastError: 'HTTP 502', createdAtMs: 1000, updatedAtMs: 2000 });

    const res = await api.call('POST', `/api/webhooks/${hook.id}/deliveries/d1/resend`, {}, admin);
    expect(res.status).toBe(202);
    expect(await read(res, deliverySchema)).toMatchObject({ id: 'd1', state: 'pending', attempts: 0, nextAtMs: 5000 });
    expect(kicks).toBe(1);
    expect(api.store.webhooks.due(5000, 10).map((d) => d.id)).toEqual(['d1']);
    const [entry] = api.store.journal.list({ action: 'webhook.resend' });
    expect(entry).toMatchObject({ actor: 'admin', target: 'd1', details: { webhookId: hook.id, alertId: 'al-1', previousState: 'failed' } });
    expect(await read(api.call('GET', `/api/webhooks/${hook.id}/deliveries/d1/attempts`, undefined, admin), z.array(deliveryAttemptSchema))).toEqual([
      { alertId: 'al-1', attempt: 8, status: 502, ok: false, atMs: 2000, error: 'HTTP 502' },
    ]);

    const wrongHook = await api.call('POST', `/api/webhooks/${other.id}/deliveries/d1/resend`, {}, admin);
    expect(wrongHook.status).toBe(404);
    expect((await errorOf(wrongHook)).message).toMatch(/delivery "d1"/);
    expect((await api.call('POST', `/api/webhooks/${hook.id}/deliveries/nope/resend`, {}, admin)).status).toBe(404);
    expect(kicks).toBe(1);
  });
});
