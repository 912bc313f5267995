/** /api/health, /api/setup, /api/login, /api/logout, /api/me, and the admin's /api/users. */
import { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { ApiError, notFound } from '../errors.ts';
import { clearSessionCookie, requirePermission, sessionToken, setSessionCookie } from '../session.ts';
import { credentialsSchema, setupSchema, userCreateSchema } from '../schemas.ts';
import { parseBody } from '../validate.ts';
import { clientAddress } from '../client-address.ts';
import { createLoginThrottle } from '../../auth/login-throttle.ts';
import { journalWriter } from '../../store/journal.ts';
import { assertPasswordAllowed } from '../password-rules.ts';
import { DEFAULT_LANG } from '../../core/lang.ts';

export function authRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const { auth } = deps;
  const secure = deps.secureCookie ?? false;
  const now = deps.nowMs ?? Date.now;
  const throttle = deps.loginThrottle ?? createLoginThrottle();
  const record = journalWriter(deps.store.journal, (m) => deps.logger.error(m));
  const app = new Hono<ApiEnv>();

  app.get('/health', (c) => c.json({ ok: true, version: deps.version }));
  app.get('/setup', (c) => c.json({ needsSetup: auth.needsSetup(), language: deps.language ?? DEFAULT_LANG }));
  app.post('/setup', async (c) => {
    const body = await parseBody(c, setupSchema);
    if (!auth.needsSetup()) throw new ApiError('CONFLICT', 'setup is already done: log in instead');
    if (!auth.setupTokenValid(body.token)) throw new ApiError('FORBIDDEN', 'wrong first-run token: use the one printed on the server console at start');
    assertPasswordAllowed(body.password, body.username);
    const done = await auth.setup(body.username, body.password, body.token);
    if (!done) throw new ApiError('CONFLICT', 'setup is already done: log in instead');
    setSessionCookie(c, done.token, secure);
    c.set('user', done.user);
    record({ atMs: now(), actor: done.user.username, action: 'account.created', target: done.user.username, details: { role: done.user.role, setup: true } });
    deps.logger.info(`first account created: ${done.user.username} (admin)`);
    return c.json(done.user, 201);
  });
  app.post('/login', async (c) => {
    const body = await parseBody(c, credentialsSchema);
    const address = clientAddress(c);
    const journal = (action: string): void => record({ atMs: now(), actor: body.username, action, details: { address } });
    // Counted before the (slow) password check, so parallel guesses cannot all pass the limit.
    // A refused attempt is journaled in the summary of refused requests (journal-access.ts).
    const started = throttle.begin(body.username, address, now());
    if ('waitMs' in started) {
      const seconds = Math.ceil(started.waitMs / 1000);
      throw new ApiError('TOO_MANY_REQUESTS', `too many failed sign-ins: try again in ${seconds} s`, { retryAfterSeconds: seconds });
    }
    const { attempt } = started;
    const done = await auth.login(body.username, body.password).catch((err: unknown) => {
      attempt.failed(now());
      throw err;
    });
    if (!done) {
      attempt.failed(now());
      journal('login.failed');
      deps.logger.info(`failed sign-in for "${body.username}" from ${address}`);
      throw new ApiError('UNAUTHORIZED', 'wrong username or password');
    }
    attempt.succeeded();
    journal('login');
    setSessionCookie(c, done.token, secure);
    return c.json(done.user);
  });
  app.post('/logout', (c) => {
    const token = sessionToken(c);
    if (token) auth.logout(token);
    clearSessionCookie(c);
    deps.onSessionsChanged?.();
    return c.body(null, 204);
  });
  app.get('/me', (c) => c.json(c.get('user')));

  app.get('/users', requirePermission('admin'), (c) => c.json(auth.listUsers()));
  app.post('/users', requirePermission('admin'), async (c) => {
    const body = await parseBody(c, userCreateSchema);
    assertPasswordAllowed(body.password, body.username);
    if (!(await auth.createUser(body.username, body.password, body.role))) {
      throw new ApiError('CONFLICT', `account "${body.username}" already exists`);
    }
    record({ atMs: now(), actor: c.get('user').username, action: 'account.created', target: body.username, details: { role: body.role } });
    return c.json({ username: body.username, role: body.role }, 201);
  });
  app.delete('/users/:username', requirePermission('admin'), (c) => {
    const username = c.req.param('username');
    if (username.toLowerCase() === c.get('user').username.toLowerCase()) throw new ApiError('CONFLICT', 'you cannot delete your own account');
    const before = deps.store.users.get(username);
    if (!auth.removeUser(username)) throw notFound(`account "${username}"`);
    record({ atMs: now(), actor: c.get('user').username, action: 'account.deleted', target: before?.username ?? username, details: before ? { role: before.role, ...(before.disabledAtMs !== undefined ? { disabled: true } : {}) } : {} });
    deps.onSessionsChanged?.();
    return c.body(null, 204);
  });
  return app;
}
