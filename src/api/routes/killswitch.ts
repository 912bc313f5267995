/**
 * /api/killswitch: the safety stop. Supervisors and admins engage it (globally, for the cameras of
 * one authorisation, for one camera) with why; the analysis stops before the answer. Only admins
 * release it, with why. Both journaled (killswitch.engage / killswitch.release) with who and why,
 * and each camera stopped or started again as processing.stopped / processing.started.
 */
import { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { ApiError, notFound } from '../errors.ts';
import { requirePermission } from '../session.ts';
import { killSwitchBodySchema, releaseBodySchema } from '../legal-schemas.ts';
import { parseBody } from '../validate.ts';

export function killSwitchRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const { legal } = deps;
  const app = new Hono<ApiEnv>();

  app.get('/killswitch', (c) => c.json(legal.killSwitches()));
  // The 'cameras' permission: supervisors and admins, those who act on the cameras.
  app.post('/killswitch', requirePermission('cameras'), async (c) => {
    const body = await parseBody(c, killSwitchBodySchema);
    if (body.scope === 'camera' && !deps.cameras.view(body.target ?? '')) throw notFound(`camera "${body.target ?? ''}"`);
    if (body.scope === 'authorisation' && !legal.get(body.target ?? '')) throw notFound(`authorisation "${body.target ?? ''}"`);
    const k = await legal.engage(body.scope, body.target, body.why, c.get('user').username);
    if (!k) throw new ApiError('CONFLICT', `the kill switch ${body.scope === 'global' ? '(global)' : `of ${body.scope} ${body.target ?? ''}`} is engaged already`);
    return c.json(k, 201);
  });
  app.post('/killswitch/:id/release', requirePermission('admin'), async (c) => {
    const id = c.req.param('id');
    const { why } = await parseBody(c, releaseBodySchema);
    const k = legal.killSwitches().find((x) => x.id === id);
    if (!k) throw notFound(`kill switch "${id}"`);
    if (k.releasedAtMs !== undefined) throw new ApiError('CONFLICT', `kill switch "${id}" was released by ${k.releasedBy ?? '?'} already`);
    const released = await legal.release(id, why, c.get('user').username);
    if (!released) throw new ApiError('CONFLICT', `kill switch "${id}" was released meanwhile`);
    return c.json(released);
  });
  return app;
}
