/**
 * /api/cameras (CRUD, test connection, latest frame) and /api/events (the camera form's catalogue).
 * Each change is journaled with the configuration before and after (camera.created, camera.updated
 * with the fields that changed, camera.deleted), passwords in URLs masked.
 * Under legal.requireAuthorisation an event type no authorisation in force for the camera lists
 * cannot be enabled (400), and the latest frame of a camera outside its authorisation is refused (403).
 */
import { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { ApiError, notFound } from '../errors.ts';
import { eventsCatalog } from '../events-catalog.ts';
import { requirePermission } from '../session.ts';
import { cameraBodySchema, cameraIdSchema, cameraTestSchema } from '../schemas.ts';
import { parseBody, parseWith } from '../validate.ts';
import { journalWriter } from '../../store/journal.ts';
import { cameraForJournal, changes } from '../journal-changes.ts';
import type { CameraConfig } from '../../config/schema.ts';
import { liveJpeg } from '../../server/live.ts';

export function cameraRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const { cameras } = deps;
  const app = new Hono<ApiEnv>();
  const writer = requirePermission('cameras');
  const idParam = (raw: string): string => parseWith(cameraIdSchema, raw, 'camera id');
  const record = journalWriter(deps.store.journal, (m) => deps.logger.error(m));
  const now = deps.nowMs ?? Date.now;
  /** Event types newly enabled must be listed by an authorisation in force for the camera. */
  const authorised = (body: CameraConfig): void => {
    const refused = deps.legal.eventsRefusal(body.id, body.events, deps.store.cameras.get(body.id)?.events ?? []);
    if (refused) throw new ApiError('BAD_REQUEST', refused, { issues: [`events: ${refused}`] });
  };

  app.get('/events', (c) => c.json(eventsCatalog()));
  app.get('/cameras', (c) => c.json(cameras.list()));
  app.post('/cameras/test', writer, async (c) => {
    const { url } = await parseBody(c, cameraTestSchema);
    return c.json(await deps.testCamera(url));
  });
  app.post('/cameras', writer, async (c) => {
    const body = await parseBody(c, cameraBodySchema);
    if (!cameras.view(body.id)) authorised(body);
    const view = await cameras.add(body);
    if (!view) throw new ApiError('CONFLICT', `camera "${body.id}" already exists`);
    record({ atMs: now(), actor: c.get('user').username, action: 'camera.created', target: body.id, details: { after: cameraForJournal(view) } });
    deps.logger.info(`camera ${body.id} added by ${c.get('user').username}`);
    return c.json(view, 201);
  });
  app.get('/cameras/:id', (c) => {
    const view = cameras.view(idParam(c.req.param('id')));
    if (!view) throw notFound(`camera "${c.req.param('id')}"`);
    return c.json(view);
  });
  app.put('/cameras/:id', writer, async (c) => {
    const id = c.req.param('id');
    const body = await parseBody(c, cameraBodySchema);
    if (body.id !== id) throw new ApiError('BAD_REQUEST', `the body's id "${body.id}" is not the camera "${id}" of the URL`, { issues: ['id: must match the URL'] });
    const before = cameras.view(id);
    if (cameras.view(id)) authorised(body);
    const view = await cameras.update(body);
    if (!view) throw notFound(`camera "${id}"`);
    const changed = before ? changes(cameraForJournal(before), cameraForJournal(view)) : {};
    record({ atMs: now(), actor: c.get('user').username, action: 'camera.updated', target: id, details: { changes: changed } });
    deps.logger.info(`camera ${id} updated by ${c.get('user').username}`);
    return c.json(view);
  });
  app.delete('/cameras/:id', writer, async (c) => {
    const id = c.req.param('id');
    const before = cameras.view(id);
    if (!(await cameras.remove(id))) throw notFound(`camera "${id}"`);
    record({ atMs: now(), actor: c.get('user').username, action: 'camera.deleted', target: id, details: before ? { before: cameraForJournal(before) } : {} });
    deps.logger.info(`camera ${id} removed by ${c.get('user').username}`);
    return c.body(null, 204);
  });
  app.get('/cameras/:id/snapshot.jpg', async (c) => {
    const id = c.req.param('id');
    if (!cameras.view(id)) throw notFound(`camera "${id}"`);
    const refused = deps.legal.liveRefusal(id);
    if (refused) throw new ApiError('FORBIDDEN', refused);
    let jpegBytes: Uint8Array | undefined;
    if (deps.liveJpeg) {
      jpegBytes = await deps.liveJpeg(id);
      if (!jpegBytes) throw notFound(`frame of camera "${id}" (none came from a worker in time)`);
    } else {
      const frame = cameras.latestFrame(id);
      if (!frame) throw notFound(`frame of camera "${id}" (none analysed yet)`);
      // The decoder's own JPEG of it when it made one (never on a masked camera), else encoded here, as the live view does.
      jpegBytes = liveJpeg(frame, await frame.evidence);
    }
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(jpegBytes), 200, { 'Content-Type': 'image/jpeg' });
  });
  return app;
}
