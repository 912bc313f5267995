/**
 * /api/webhooks: integrators' subscriptions, a test delivery, the delivery log with each
 * delivery's attempts, and the re-send of a delivery (admin only). A loopback or link-local URL is
 * accepted with a warning in the answer.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Delivery, Webhook } from '../../store/webhooks.ts';
import { journalWriter } from '../../store/journal.ts';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { notFound } from '../errors.ts';
import { requirePermission } from '../session.ts';
import { webhookCreateSchema } from '../schemas.ts';
import { parseBody } from '../validate.ts';
import { webhookUrlWarning } from '../webhook-url.ts';

const publicView = ({ id, url, events, createdAtMs }: Webhook) => {
  const warning = webhookUrlWarning(url);
  return { id, url, events, createdAtMs, ...(warning ? { warning } : {}) };
};

/** A delivery as the log shows it (the body stays on the server). */
const deliveryView = ({ body: _body, webhookId: _w, ...d }: Delivery) => d;

export function webhookRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const hooks = deps.store.webhooks;
  const now = deps.nowMs ?? Date.now;
  const record = journalWriter(deps.store.journal, (m) => deps.logger.error(m));
  const app = new Hono<ApiEnv>();
  app.use('/webhooks', requirePermission('admin'));
  app.use('/webhooks/*', requirePermission('admin'));

  const hookOf = (id: string): Webhook => {
    const hook = hooks.get(id);
    if (!hook) throw notFound(`webhook "${id}"`);
    return hook;
  };
  const deliveryOf = (hookId: string, deliveryId: string): Delivery => {
    const d = hooks.delivery(deliveryId);
    if (!d || d.webhookId !== hookId) throw notFound(`delivery "${deliveryId}" of webhook "${hookId}"`);
    return d;
  };

  app.get('/webhooks', (c) => c.json(hooks.list().map(publicView)));
  app.post('/webhooks', async (c) => {
    const body = await parseBody(c, webhookCreateSchema);
    const hook: Webhook = {
      id: randomUUID(),
      url: body.url,
      secret: body.secret ?? randomBytes(24).toString('base64url'),
      events: [...new Set(body.events ?? [])],
      createdAtMs: now(),
    };
    hooks.insert(hook);
    deps.logger.info(`webhook ${hook.id} -> ${hook.url} added by ${c.get('user').username}`);
    return c.json({ ...publicView(hook), secret: hook.secret }, 201);
  });
  app.delete('/webhooks/:id', (c) => {
    if (!hooks.remove(c.req.param('id'))) throw notFound(`webhook "${c.req.param('id')}"`);
    return c.body(null, 204);
  });
  app.post('/webhooks/:id/test', (c) => {
    const hook = hookOf(c.req.param('id'));
    const atMs = now();
    const id = randomUUID();
    const body = JSON.stringify({ type: 'test', webhookId: hook.id, atMs, message: 'Test delivery from Vigie' });
    hooks.enqueue([{ id, webhookId: hook.id, event: 'test', body, atMs }]);
    deps.onDeliveryQueued?.();
    return c.json(deliveryView(deliveryOf(hook.id, id)), 202);
  });
  app.get('/webhooks/:id/deliveries', (c) => {
    const hook = hookOf(c.req.param('id'));
    return c.json(hooks.deliveries(hook.id).map(deliveryView));
  });
  app.get('/webhooks/:id/deliveries/:deliveryId/attempts', (c) => {
    const d = deliveryOf(hookOf(c.req.param('id')).id, c.req.param('deliveryId'));
    return c.json(hooks.attempts(d.id).map(({ webhookId: _w, deliveryId: _d, ...a }) => a));
  });
  app.post('/webhooks/:id/deliveries/:deliveryId/resend', (c) => {
    const d = deliveryOf(hookOf(c.req.param('id')).id, c.req.param('deliveryId'));
    hooks.requeue(d.id, now());
    record({ atMs: now(), actor: c.get('user').username, action: 'webhook.resend', target: d.id, details: { webhookId: d.webhookId, ...(d.alertId ? { alertId: d.alertId } : {}), previousState: d.state } });
    deps.onDeliveryQueued?.();
    return c.json(deliveryView(deliveryOf(d.webhookId, d.id)), 202);
  });
  return app;
}
