/**
 * Account changes after creation: an admin edits another account's role, disables or enables it
 * (a disabled account cannot sign in and its sessions end) and resets its password (its sessions
 * end); everyone changes their own password with the current one (their other sessions end).
 * Each change is journaled with what changed. Wrong current passwords are throttled per account and
 * address like sign-in (own in-memory counts).
 */
import { Hono } from 'hono';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import { hashToken } from '../../auth/auth.ts';
import { journalWriter } from '../../store/journal.ts';
import type { UserInfo, UserRecord } from '../../store/users.ts';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { ApiError, notFound } from '../errors.ts';
import { requirePermission, sessionToken } from '../session.ts';
import { accountUpdateSchema, passwordChangeSchema, passwordResetSchema } from '../account-schemas.ts';
import { parseBody } from '../validate.ts';
import { clientAddress } from '../client-address.ts';
import { createLoginThrottle } from '../../auth/login-throttle.ts';

const infoOf = ({ passwordHash: _hash, ...user }: UserRecord): UserInfo => user;

export function accountRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const users = deps.store.users;
  const now = deps.nowMs ?? Date.now;
  const record = journalWriter(deps.store.journal, (m) => deps.logger.error(m));
  const throttle = createLoginThrottle();
  const app = new Hono<ApiEnv>();

  /** Another account than the caller's (an admin does not lock themselves out). */
  const otherAccount = (username: string, me: string, what: string) => {
    if (username === me) throw new ApiError('CONFLICT', `you cannot ${what} your own account`);
    const user = users.get(username);
    if (!user) throw notFound(`account "${username}"`);
    return user;
  };

  app.patch('/users/:username', requirePermission('admin'), async (c) => {
    const body = await parseBody(c, accountUpdateSchema);
    const actor = c.get('user').username;
    const user = otherAccount(c.req.param('username'), actor, body.disabled !== undefined ? 'disable or enable' : 'change the role of');
    if (body.role !== undefined && body.role !== user.role) {
      users.setRole(user.username, body.role);
      record({ atMs: now(), actor, action: 'account.role', target: user.username, details: { from: user.role, to: body.role } });
    }
    if (body.disabled !== undefined && body.disabled !== (user.disabledAtMs !== undefined)) {
      users.setDisabled(user.username, body.disabled ? now() : undefined);
      record({ atMs: now(), actor, action: body.disabled ? 'account.disabled' : 'account.enabled', target: user.username });
      deps.onSessionsChanged?.();
    }
    const updated = users.get(user.username);
    if (!updated) throw notFound(`account "${user.username}"`);
    return c.json(infoOf(updated));
  });

  app.post('/users/:username/password', requirePermission('admin'), async (c) => {
    const body = await parseBody(c, passwordResetSchema);
    const actor = c.get('user').username;
    const user = otherAccount(c.req.param('username'), actor, 'reset the password of (change it under your name)');
    users.setPasswordHash(user.username, await hashPassword(body.password));
    record({ atMs: now(), actor, action: 'account.password-reset', target: user.username });
    deps.onSessionsChanged?.();
    return c.body(null, 204);
  });

  // Guessing the current password through a borrowed session is throttled like sign-in.
  app.post('/me/password', async (c) => {
    const body = await parseBody(c, passwordChangeSchema);
    const me = c.get('user').username;
    const address = clientAddress(c);
    const waitMs = throttle.retryAfterMs(me, address, now());
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new ApiError('TOO_MANY_REQUESTS', `too many wrong passwords: try again in ${seconds} s`, { retryAfterSeconds: seconds });
    }
    const user = users.get(me);
    if (!user || !(await verifyPassword(body.currentPassword, user.passwordHash))) {
      throttle.failed(me, address, now());
      record({ atMs: now(), actor: me, action: 'account.password-change-refused', target: me, details: { address } });
      throw new ApiError('FORBIDDEN', 'the current password is wrong');
    }
    throttle.succeeded(me, address);
    const token = sessionToken(c);
    users.setPasswordHash(me, await hashPassword(body.newPassword), token ? hashToken(token) : undefined);
    record({ atMs: now(), actor: me, action: 'account.password-changed', target: me });
    deps.onSessionsChanged?.();
    return c.body(null, 204);
  });
  return app;
}
