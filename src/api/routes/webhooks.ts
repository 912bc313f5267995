/** /api/webhooks: integrators' subscriptions and their delivery log (admin only). */
import { randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Webhook } from '../../store/webhooks.ts';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { notFound } from '../errors.ts';
import { requirePermission } from '../session.ts';
import { webhookCreateSchema } from '../schemas.ts';
import { parseBody } from '../validate.ts';

const publicView = ({ id, url, events, createdAtMs }: Webhook) => ({ id, url, events, createdAtMs });

export function webhookRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const hooks = deps.store.webhooks;
  const now = deps.nowMs ?? Date.now;
  const app = new Hono<ApiEnv>();
  app.use('/webhooks', requirePermission('admin'));
  app.use('/webhooks/*', requirePermission('admin'));

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
  app.get('/webhooks/:id/deliveries', (c) => {
    const id = c.req.param('id');
    if (!hooks.get(id)) throw notFound(`webhook "${id}"`);
    return c.json(hooks.deliveries(id).map(({ webhookId: _w, ...d }) => d));
  });
  return app;
}
