/**
 * /api/alerts: the queue, one alert with its zone, parameters and decision history, its snapshot
 * and clip, qualification (final: a second one is a 409), bulk qualification of a queue group, and
 * a supervisor's correction (with a note, kept in the history).
 */
import { Hono } from 'hono';
import { toZone } from '../../config/zones.ts';
import { resolveMediaPath } from '../../store/media.ts';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { decisionError } from '../decision-errors.ts';
import { notFound } from '../errors.ts';
import { requirePermission } from '../session.ts';
import { alertsQuerySchema, bulkQualifySchema, correctSchema, qualifySchema } from '../schemas.ts';
import { sendFile } from '../send-file.ts';
import { parseBody, parseQuery } from '../validate.ts';
import type { DecisionInput, DecisionResult } from '../../store/decisions.ts';
import type { SessionUser } from '../../store/sessions.ts';
import type { AlertFilter, StoredAlert } from '../../store/types.ts';
import { withUnstored } from '../unstored.ts';

export function alertRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const store = deps.store.alerts;
  const now = deps.nowMs ?? Date.now;
  const app = new Hono<ApiEnv>();
  const getAlert = (id: string) => {
    const alert = store.getAlert(id);
    if (!alert) throw notFound(`alert "${id}"`);
    return alert;
  };
  /** Takes one decision; a refusal throws (404, 409), a decision is broadcast. */
  const decide = (id: string, d: DecisionInput, user: SessionUser) => {
    const result: DecisionResult = deps.store.decisions.decide(id, d);
    if (result.kind !== 'decided') throw decisionError(id, result);
    deps.onQualified(result.alert, user);
    return result.alert;
  };

  app.get('/alerts', (c) => {
    const q = parseQuery(c, alertsQuerySchema);
    const filter: AlertFilter = {
      ...(q.type ? { type: q.type } : {}),
      ...(q.cameraId ? { cameraId: q.cameraId } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.since !== undefined ? { sinceMs: q.since } : {}),
      ...(q.until !== undefined ? { untilMs: q.until } : {}),
      ...(q.limit !== undefined ? { limit: q.limit } : {}),
    };
    return c.json(withUnstored(store.listAlerts(filter), deps.unstoredAlerts?.() ?? [], filter));
  });
  app.get('/alerts/:id', (c) => {
    const alert = getAlert(c.req.param('id'));
    const camera = deps.store.cameras.get(alert.cameraId);
    const zone = camera?.zones.find((z) => z.id === alert.zoneId);
    const decisions = deps.store.decisions.history(alert.id);
    return c.json({ ...alert, ...(zone ? { zone: toZone(zone) } : {}), params: camera?.params ?? null, decisions });
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
    const body = await parseBody(c, qualifySchema);
    const user = c.get('user');
    return c.json(decide(c.req.param('id'), { status: body.status, by: user.username, atMs: now(), correction: false, ...(body.note ? { note: body.note } : {}) }, user));
  });
  app.post('/alerts/qualify', requirePermission('qualify'), async (c) => {
    const body = await parseBody(c, bulkQualifySchema);
    const user = c.get('user');
    const atMs = now();
    const qualified: StoredAlert[] = [];
    const refused: { id: string; code: string; message: string }[] = [];
    for (const id of new Set(body.ids)) {
      const result = deps.store.decisions.decide(id, { status: body.status, by: user.username, atMs, correction: false, ...(body.note ? { note: body.note } : {}) });
      if (result.kind !== 'decided') {
        const err = decisionError(id, result);
        refused.push({ id, code: err.code, message: err.message });
        continue;
      }
      deps.onQualified(result.alert, user);
      qualified.push(result.alert);
    }
    return c.json({ qualified, refused });
  });
  app.post('/alerts/:id/correct', requirePermission('correct'), async (c) => {
    const body = await parseBody(c, correctSchema);
    const user = c.get('user');
    return c.json(decide(c.req.param('id'), { status: body.status, by: user.username, atMs: now(), correction: true, note: body.note }, user));
  });
  return app;
}
