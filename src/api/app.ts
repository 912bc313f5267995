/**
 * The HTTP API as a Hono app: security headers and the Host allow-list on every answer; on /api the
 * body limit, the journal of every access, the limit on refused requests, the cross-site request
 * guard, the session guard, the habilitation guard of the routes that show alerts and images, the
 * route modules; and the one place errors become HTTP answers.
 * Non-API GETs go to `fallback` (the web console).
 */
import { Hono, type Handler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiDeps, ApiEnv } from './deps.ts';
import { ApiError, errorResponse } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { VIEWING_ROUTES, requireSession, requireViewing } from './session.ts';
import { createViewingCheck } from '../auth/habilitation-check.ts';
import { habilitationRoutes } from './routes/habilitation.ts';
import { missedEventRoutes } from './routes/missed-events.ts';
import { reportRoutes } from './routes/report.ts';
import { authRoutes } from './routes/auth.ts';
import { cameraRoutes } from './routes/cameras.ts';
import { alertRoutes } from './routes/alerts.ts';
import { evidenceRoutes } from './routes/evidence.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { journalRoutes } from './routes/journal.ts';
import { accountRoutes } from './routes/accounts.ts';
import { authorisationRoutes } from './routes/authorisations.ts';
import { killSwitchRoutes } from './routes/killswitch.ts';
import { journalAccess } from './journal-access.ts';
import { createMediaViews } from './journal-views.ts';
import { journalWriter } from '../store/journal.ts';
import { securityHeaders } from './guard/headers.ts';
import { hostGuard, originGuard } from './guard/request.ts';
import { createRefusals } from './guard/refusals.ts';
import { refusalLimit } from './guard/refusal-limit.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

export function createApiApp(deps: ApiDeps, opts: { fallback?: Handler } = {}): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const now = deps.nowMs ?? Date.now;
  const guard = deps.requestGuard ?? {};
  const record = journalWriter(deps.store.journal, (m) => deps.logger.error(m));
  const refusals = deps.refusals ?? createRefusals(record);
  const views = deps.mediaViews ?? createMediaViews(record);
  app.onError((err, c) => {
    const { status, headers, body, error } = errorResponse(err);
    if (status >= 500) deps.logger.error(`${c.req.method} ${c.req.path}: ${error.message}`);
    return c.json(body, status, headers);
  });
  app.use('*', securityHeaders());
  app.use('*', hostGuard(guard));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError('PAYLOAD_TOO_LARGE', `request body over ${MAX_BODY_BYTES} bytes`);
      },
    }),
  );
  app.use('/api/*', journalAccess(record, refusals, now, views));
  app.use('/api/*', refusalLimit(deps.auth, refusals, now));
  app.use('/api/*', originGuard(guard));
  app.use('/api/*', requireSession(deps.auth));
  const viewing = createViewingCheck(deps.store.habilitations, now);
  for (const route of VIEWING_ROUTES) app.use(route.path, requireViewing(viewing, route.except));
  for (const routes of [authRoutes, cameraRoutes, alertRoutes, dashboardRoutes, webhookRoutes, journalRoutes]) app.route('/api', routes(deps));
  app.route('/api', accountRoutes(deps));
  app.route('/api', evidenceRoutes(deps));
  app.route('/api', habilitationRoutes(deps));
  app.route('/api', authorisationRoutes(deps));
  app.route('/api', killSwitchRoutes(deps));
  app.route('/api', missedEventRoutes(deps));
  app.route('/api', reportRoutes(deps));
  const openapi = openApiDocument(deps.version);
  app.get('/api/openapi.json', (c) => c.json(openapi));
  app.all('/api/*', (c) => {
    throw new ApiError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`);
  });
  if (opts.fallback) app.get('*', opts.fallback);
  app.notFound(() => {
    throw new ApiError('NOT_FOUND', 'not found');
  });
  return app;
}
