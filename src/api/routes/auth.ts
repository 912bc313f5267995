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

export function authRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const { auth } = deps;
  const secure = deps.secureCookie ?? false;
  const now = deps.nowMs ?? Date.now;
  const throttle = deps.loginThrottle ?? createLoginThrottle();
  const record = journalWriter(deps.store.journal, (m) => deps.logger.error(m));
  const app = new Hono<ApiEnv>();

  app.get('/health', (c) => c.json({ ok: true, version: deps.version }));
  app.get('/setup', (c) => c.json({ needsSetup: auth.needsSetup() }));
  app.post('/setup', async (c) => {
    const body = await parseBody(c, setupSchema);
    if (!auth.needsSetup()) throw new ApiError('CONFLICT', 'setup is already done: log in instead');
    const done = await auth.setup(body.username, body.password);
    if (!done) throw new ApiError('CONFLICT', 'setup is already done: log in instead');
    setSessionCookie(c, done.token, secure);
    c.set('user', done.user);
    deps.logger.info(`first account created: ${done.user.username} (admin)`);
    return c.json(done.user, 201);
  });
  app.post('/login', async (c) => {
    const body = await parseBody(c, credentialsSchema);
    const address = clientAddress(c);
    const journal = (action: string): void => record({ atMs: now(), actor: body.username, action, details: { address } });
    const waitMs = throttle.retryAfterMs(body.username, address, now());
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      journal('login.throttled');
      throw new ApiError('TOO_MANY_REQUESTS', `too many failed sign-ins: try again in ${seconds} s`, { retryAfterSeconds: seconds });
    }
    const done = await auth.login(body.username, body.password);
    if (!done) {
      throttle.failed(body.username, address, now());
      journal('login.failed');
      deps.logger.info(`failed sign-in for "${body.username}" from ${address}`);
      throw new ApiError('UNAUTHORIZED', 'wrong username or password');
    }
    throttle.succeeded(body.username, address);
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
    if (!(await auth.createUser(body.username, body.password, body.role))) {
      throw new ApiError('CONFLICT', `account "${body.username}" already exists`);
    }
    return c.json({ username: body.username, role: body.role }, 201);
  });
  app.delete('/users/:username', requirePermission('admin'), (c) => {
    const username = c.req.param('username');
    if (username === c.get('user').username) throw new ApiError('CONFLICT', 'you cannot delete your own account');
    if (!auth.removeUser(username)) throw notFound(`account "${username}"`);
    deps.onSessionsChanged?.();
    return c.body(null, 204);
  });
  return app;
}
