/** /api/stats: the dashboard figures; /api/system-health: what the server needs an operator for now. */
import { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { statsQuerySchema } from '../schemas.ts';
import { parseQuery } from '../validate.ts';

export function dashboardRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const now = deps.nowMs ?? Date.now;
  const app = new Hono<ApiEnv>();
  app.get('/stats', (c) => {
    const { days } = parseQuery(c, statsQuerySchema);
    const cameraIds = deps.cameras.list().map((v) => v.id);
    return c.json(deps.store.stats({ days, nowMs: now(), cameraIds }));
  });
  app.get('/system-health', (c) => c.json(deps.systemHealth()));
  return app;
}
