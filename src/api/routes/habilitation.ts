/**
 * Habilitations and trainings (decree 2023-828): an admin records an account's habilitation (who
 * habilitated, reference, date, expiry), withdraws it with a reason, records and removes its
 * trainings; auditors read them all; every account reads its own. Each change is journaled with its
 * before and after (`habilitation.grant`, `habilitation.withdraw`, `training.record`,
 * `training.remove`) and open WebSockets are checked again at once (a withdrawal stops live video).
 * An admin may record their own habilitation: that is how the first account starts watching.
 */
import { Hono } from 'hono';
import { viewingAllowed } from '../../auth/habilitation.ts';
import { can } from '../../auth/roles.ts';
import { journalWriter } from '../../store/journal.ts';
import type { SessionUser } from '../../store/sessions.ts';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { ApiError, notFound } from '../errors.ts';
import { habilitationGrantSchema, trainingSchema, withdrawSchema } from '../habilitation-schemas.ts';
import { requirePermission } from '../session.ts';
import { parseBody } from '../validate.ts';

export function habilitationRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const users = deps.store.users;
  const store = deps.store.habilitations;
  const now = deps.nowMs ?? Date.now;
  const record = journalWriter(deps.store.journal, (m) => deps.logger.error(m));
  const app = new Hono<ApiEnv>();

  const account = (username: string): SessionUser => {
    const user = users.get(username);
    if (!user) throw notFound(`account "${username}"`);
    return { username: user.username, role: user.role };
  };
  const stateOf = (user: SessionUser) => {
    const habilitation = store.get(user.username);
    const trainings = store.trainings(user.username);
    return { ...user, habilitation: habilitation ?? null, trainings, viewing: viewingAllowed(user, habilitation, trainings, now()) };
  };
  /** Journals a change and has open WebSockets checked again. */
  const changed = (actor: string, action: string, target: string, before: unknown, after: unknown): void => {
    record({ atMs: now(), actor, action, target, details: { before: before ?? null, after: after ?? null } });
    deps.onSessionsChanged?.();
  };

  app.get('/habilitations', requirePermission('audit'), (c) => c.json(users.list().map((u) => stateOf({ username: u.username, role: u.role }))));

  app.get('/users/:username/habilitation', (c) => {
    const me = c.get('user');
    const username = c.req.param('username');
    if (username.toLowerCase() !== me.username.toLowerCase() && !can(me.role, 'audit')) {
      throw new ApiError('FORBIDDEN', `the ${me.role} role may read only its own habilitation (needs audit)`);
    }
    return c.json(stateOf(account(username)));
  });

  app.put('/users/:username/habilitation', requirePermission('admin'), async (c) => {
    const body = await parseBody(c, habilitationGrantSchema);
    const user = account(c.req.param('username'));
    const actor = c.get('user').username;
    const before = store.get(user.username);
    const after = store.grant({ username: user.username, ...body, recordedAtMs: now(), recordedBy: actor });
    changed(actor, 'habilitation.grant', user.username, before, after);
    return c.json(stateOf(user));
  });

  app.post('/users/:username/habilitation/withdraw', requirePermission('admin'), async (c) => {
    const { why } = await parseBody(c, withdrawSchema);
    const user = account(c.req.param('username'));
    const actor = c.get('user').username;
    const before = store.get(user.username);
    if (!before) throw new ApiError('CONFLICT', `account "${user.username}" has no habilitation to withdraw`);
    if (before.withdrawn) throw new ApiError('CONFLICT', `the habilitation of "${user.username}" was already withdrawn by ${before.withdrawn.by} on ${new Date(before.withdrawn.atMs).toISOString()}`);
    const after = store.withdraw(user.username, { atMs: now(), by: actor, why });
    changed(actor, 'habilitation.withdraw', user.username, before, after);
    return c.json(stateOf(user));
  });

  app.post('/users/:username/trainings', requirePermission('admin'), async (c) => {
    const body = await parseBody(c, trainingSchema);
    const user = account(c.req.param('username'));
    const actor = c.get('user').username;
    const training = store.addTraining({ username: user.username, ...body, recordedAtMs: now(), recordedBy: actor });
    changed(actor, 'training.record', user.username, undefined, training);
    return c.json(training, 201);
  });

  app.delete('/users/:username/trainings/:id', requirePermission('admin'), (c) => {
    const user = account(c.req.param('username'));
    const id = Number(c.req.param('id'));
    const removed = Number.isSafeInteger(id) ? store.removeTraining(user.username, id) : undefined;
    if (!removed) throw notFound(`training ${c.req.param('id')} of "${user.username}"`);
    changed(c.get('user').username, 'training.remove', user.username, removed, undefined);
    return c.body(null, 204);
  });
  return app;
}
