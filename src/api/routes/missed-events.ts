/**
 * Events the system missed: an operator, a supervisor or an admin declares one (camera, event type,
 * approximate time, note), journaled `missed.declare`; every role reads them (auditors too). The
 * evaluation report counts them per event type.
 */
import { Hono } from 'hono';
import { journalWriter } from '../../store/journal.ts';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { notFound } from '../errors.ts';
import { missedEventSchema, missedEventsQuerySchema } from '../report-schemas.ts';
import { requirePermission } from '../session.ts';
import { parseBody, parseQuery } from '../validate.ts';

export function missedEventRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const now = deps.nowMs ?? Date.now;
  const record = journalWriter(deps.store.journal, (m) => deps.logger.error(m));
  const app = new Hono<ApiEnv>();

  app.post('/missed-events', requirePermission('qualify'), async (c) => {
    const { note, ...body } = await parseBody(c, missedEventSchema);
    if (!deps.store.cameras.get(body.cameraId)) throw notFound(`camera "${body.cameraId}"`);
    const actor = c.get('user').username;
    const event = deps.store.missedEvents.declare({ ...body, ...(note ? { note } : {}), declaredBy: actor, declaredAtMs: now() });
    record({ atMs: now(), actor, action: 'missed.declare', target: event.id, details: { after: event } });
    return c.json(event, 201);
  });

  app.get('/missed-events', requirePermission('read'), (c) => {
    const q = parseQuery(c, missedEventsQuerySchema);
    return c.json(deps.store.missedEvents.list(q.since ?? 0, q.until ?? now() + 1));
  });
  return app;
}
