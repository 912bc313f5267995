/**
 * /api/authorisations: the prefectoral orders that authorise the analysis (admin records, changes
 * and revokes them, with why; never deleted; every role reads them), and /api/legal/state: per
 * camera, whether it is analysed now, why not, under which authorisation, the kill switches.
 * Each change is journaled with before and after by the legal control, and applied at once.
 * /api/authorisations/{id}/notice.html: the printable notice for the public of one authorisation.
 */
import { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { ApiError, notFound } from '../errors.ts';
import { requirePermission } from '../session.ts';
import { authorisationBodySchema, revokeBodySchema } from '../legal-schemas.ts';
import { parseBody } from '../validate.ts';
import { renderNotice } from '../../legal/notice.ts';
import { DEFAULT_LANG } from '../../core/lang.ts';

export function authorisationRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const { legal } = deps;
  const app = new Hono<ApiEnv>();
  const admin = requirePermission('admin');
  /** The authorisation of the URL, not revoked (a revocation is final). */
  const current = (id: string) => {
    const a = legal.get(id);
    if (!a) throw notFound(`authorisation "${id}"`);
    if (a.revokedAtMs !== undefined) throw new ApiError('CONFLICT', `authorisation ${a.reference} was revoked by ${a.revokedBy ?? '?'} at ${new Date(a.revokedAtMs).toISOString()}: record a new one`);
    return a;
  };

  app.get('/legal/state', (c) => c.json(legal.state()));
  app.get('/authorisations', (c) => c.json(legal.list()));
  app.get('/authorisations/:id', (c) => {
    const a = legal.get(c.req.param('id'));
    if (!a) throw notFound(`authorisation "${c.req.param('id')}"`);
    return c.json(a);
  });
  app.get('/authorisations/:id/notice.html', (c) => {
    const a = legal.get(c.req.param('id'));
    if (!a) throw notFound(`authorisation "${c.req.param('id')}"`);
    const html = renderNotice({
      authorisation: a,
      cameras: a.cameraIds.map((id) => {
        const name = deps.cameras.view(id)?.name;
        return name ? { id, name } : { id };
      }),
      operator: deps.publicNotice?.operator ?? {},
      retention: deps.publicNotice?.retention ?? { mediaDays: 30, signalsDays: 365, journalDays: 1095 },
      lang: deps.language ?? DEFAULT_LANG,
      generatedAtMs: (deps.nowMs ?? Date.now)(),
    });
    c.header('Content-Type', 'text/html; charset=utf-8');
    return c.body(html);
  });
  app.post('/authorisations', admin, async (c) => {
    const body = await parseBody(c, authorisationBodySchema);
    const a = await legal.create(body, c.get('user').username);
    return c.json(legal.get(a.id), 201);
  });
  app.put('/authorisations/:id', admin, async (c) => {
    const id = c.req.param('id');
    const body = await parseBody(c, authorisationBodySchema);
    current(id);
    if (!(await legal.update(id, body, c.get('user').username))) throw new ApiError('CONFLICT', `authorisation "${id}" changed meanwhile (revoked)`);
    return c.json(legal.get(id));
  });
  app.post('/authorisations/:id/revoke', admin, async (c) => {
    const id = c.req.param('id');
    const { why } = await parseBody(c, revokeBodySchema);
    current(id);
    if (!(await legal.revoke(id, why, c.get('user').username))) throw new ApiError('CONFLICT', `authorisation "${id}" was revoked meanwhile`);
    return c.json(legal.get(id));
  });
  return app;
}
