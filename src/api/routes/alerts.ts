/** /api/alerts: the queue, one alert with its zone and parameters, its snapshot and clip, qualification. */
import { Hono } from 'hono';
import { toZone } from '../../config/zones.ts';
import { resolveMediaPath } from '../../store/media.ts';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { notFound } from '../errors.ts';
import { requirePermission } from '../session.ts';
import { alertsQuerySchema, qualifySchema } from '../schemas.ts';
import { sendFile } from '../send-file.ts';
import { parseBody, parseQuery } from '../validate.ts';

export function alertRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const store = deps.store.alerts;
  const now = deps.nowMs ?? Date.now;
  const app = new Hono<ApiEnv>();
  const getAlert = (id: string) => {
    const alert = store.getAlert(id);
    if (!alert) throw notFound(`alert "${id}"`);
    return alert;
  };

  app.get('/alerts', (c) => {
    const q = parseQuery(c, alertsQuerySchema);
    return c.json(
      store.listAlerts({
        ...(q.type ? { type: q.type } : {}),
        ...(q.cameraId ? { cameraId: q.cameraId } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.since !== undefined ? { sinceMs: q.since } : {}),
        ...(q.until !== undefined ? { untilMs: q.until } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      }),
    );
  });
  app.get('/alerts/:id', (c) => {
    const alert = getAlert(c.req.param('id'));
    const camera = deps.store.cameras.get(alert.cameraId);
    const zone = camera?.zones.find((z) => z.id === alert.zoneId);
    return c.json({ ...alert, ...(zone ? { zone: toZone(zone) } : {}), params: camera?.params ?? null });
  });
  app.get('/alerts/:id/snapshot.jpg', (c) => {
    const alert = getAlert(c.req.param('id'));
    if (!alert.snapshotPath) throw notFound(`snapshot of alert "${alert.id}"`);
    return sendFile(c, resolveMediaPath(store.mediaDir, alert.snapshotPath), 'image/jpeg', `snapshot of alert "${alert.id}"`);
  });
  app.get('/alerts/:id/clip.mp4', (c) => {
    const alert = getAlert(c.req.param('id'));
    if (deps.clipPending(alert.id)) return c.json({ pending: true }, 202);
    if (!alert.clipPath) throw notFound(`clip of alert "${alert.id}"`);
    return sendFile(c, resolveMediaPath(store.mediaDir, alert.clipPath), 'video/mp4', `clip of alert "${alert.id}"`);
  });
  app.post('/alerts/:id/qualify', requirePermission('qualify'), async (c) => {
    const id = c.req.param('id');
    const body = await parseBody(c, qualifySchema);
    const user = c.get('user');
    const alert = store.qualifyAlert(id, { status: body.status, by: user.username, atMs: now(), ...(body.note ? { note: body.note } : {}) });
    if (!alert) throw notFound(`alert "${id}"`);
    deps.onQualified(alert, user);
    return c.json(alert);
  });
  return app;
}
