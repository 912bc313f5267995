/** /api/journal: the journal for auditors and admins (read, filter, page, verify the chain). */
import { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { requirePermission } from '../session.ts';
import { journalQuerySchema } from '../schemas.ts';
import { parseQuery } from '../validate.ts';

export function journalRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/journal', requirePermission('audit'), (c) => {
    const q = parseQuery(c, journalQuerySchema);
    return c.json(
      deps.store.journal.list({
        ...(q.since !== undefined ? { sinceMs: q.since } : {}),
        ...(q.until !== undefined ? { untilMs: q.until } : {}),
        ...(q.actor !== undefined ? { actor: q.actor } : {}),
        ...(q.action !== undefined ? { action: q.action } : {}),
        ...(q.before !== undefined ? { beforeSeq: q.before } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      }),
    );
  });
  app.get('/journal/verify', requirePermission('audit'), (c) => c.json(deps.store.journal.verify()));
  return app;
}
