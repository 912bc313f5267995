import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hashToken } from '../auth/auth.ts';
import { userInfoSchema, userSchema } from './doc-schemas.ts';
import { cookieOf, createTestApi, errorOf, read, type TestApi } from './testing.ts';

describe('accounts API', () => {
  let api: TestApi;
  let admin: string;
  beforeEach(async () => {
    api = createTestApi();
    admin = await api.admin();
  });
  afterEach(() => api.close());

  const signIn = (username: string, password: string) => api.call('POST', '/api/login', { username, password });
  const me = (cookie: string) => api.call('GET', '/api/me', undefined, cookie);
  const listed = async (username: string) => (await read(api.call('GET', '/api/users', undefined, admin), z.array(userInfoSchema))).find((u) => u.username === username);

  it("changes another account's role, effective at once on its session, journaled", async () => {
    const olga = await api.login('olga', 'operator');
    const res = await api.call('PATCH', '/api/users/olga', { role: 'supervisor' }, admin);
    expect(res.status).toBe(200);
    expect(await read(res, userInfoSchema)).toMatchObject({ username: 'olga', role: 'supervisor' });
    expect(await read(me(olga), userSchema)).toEqual({ username: 'olga', role: 'supervisor' });
    expect(api.store.journal.list({ action: 'account.role' })[0]).toMatchObject({ actor: 'admin', target: 'olga', details: { from: 'operator', to: 'supervisor' } });
  });

  it('a disabled account cannot sign in and its sessions end; enabled again, it can', async () => {
    const olga = await api.login('olga', 'operator');
    const disabled = await read(api.call('PATCH', '/api/users/olga', { disabled: true }, admin), userInfoSchema);
    expect(disabled.disabledAtMs).toEqual(expect.any(Number));
    expect((await me(olga)).status).toBe(401);
    expect((await signIn('olga', 'user-pass-1')).status).toBe(401);
    expect((await listed('olga'))?.disabledAtMs).toBe(disabled.disabledAtMs);

    const enabled = await read(api.call('PATCH', '/api/users/olga', { disabled: false }, admin), userInfoSchema);
    expect(enabled.disabledAtMs).toBeUndefined();
    expect((await signIn('olga', 'user-pass-1')).status).toBe(200);
    expect(api.store.journal.list({ action: 'account.' }).map((e) => e.action)).toEqual(['account.enabled', 'account.disabled', 'account.created', 'account.created']);
    expect(api.store.journal.list({ action: 'account.created' }).map((e) => [e.actor, e.target, e.details])).toEqual([
      ['admin', 'olga', { role: 'operator' }],
      ['admin', 'admin', { role: 'admin', setup: true }],
    ]);
  });

  it('a session opened while the account was being disabled does not resolve (sign-in raced the disable)', async () => {
    await api.login('olga', 'operator');
    api.store.users.setDisabled('olga', 1);
    api.store.sessions.insert({ tokenHash: hashToken('late-token'), username: 'olga', createdAtMs: Date.now(), expiresAtMs: Date.now() + 60_000 });
    expect((await me('late-token')).status).toBe(401);
  });

  it.each([
    ['your own role', 'admin', { role: 'operator' }, 409],
    ['your own account disabled', 'admin', { disabled: true }, 409],
    ['an unknown account', 'nobody', { role: 'operator' }, 404],
    ['an empty change', 'olga', {}, 400],
    ['an unknown role', 'olga', { role: 'root' }, 400],
  ])('refuses %s', async (_name, username, body, status) => {
    await api.login('olga', 'operator');
    expect((await api.call('PATCH', `/api/users/${username}`, body, admin)).status).toBe(status);
  });

  it('lets only an admin edit accounts or reset passwords', async () => {
    const sam = await api.login('sam', 'supervisor');
    expect((await api.call('PATCH', '/api/users/admin', { disabled: true }, sam)).status).toBe(403);
    expect((await api.call('POST', '/api/users/admin/password', { password: 'taken-over-1' }, sam)).status).toBe(403);
    expect((await signIn('admin', 'admin-pass-1')).status).toBe(200);
  });

  it("resets another account's password: the old one stops working, its sessions end", async () => {
    const olga = await api.login('olga', 'operator');
    expect((await api.call('POST', '/api/users/olga/password', { password: 'fresh-pass-9' }, admin)).status).toBe(204);
    expect((await me(olga)).status).toBe(401);
    expect((await signIn('olga', 'user-pass-1')).status).toBe(401);
    expect((await signIn('olga', 'fresh-pass-9')).status).toBe(200);
    expect((await api.call('POST', '/api/users/admin/password', { password: 'fresh-pass-9' }, admin)).status).toBe(409);
    expect((await api.call('POST', '/api/users/olga/password', { password: 'short' }, admin)).status).toBe(400);
    expect(api.store.journal.list({ action: 'account.password-reset' })[0]).toMatchObject({ actor: 'admin', target: 'olga' });
  });

  it('changes your own password with the current one: this session stays, the others end', async () => {
    const here = await api.login('olga', 'operator');
    const elsewhere = cookieOf(await signIn('olga', 'user-pass-1'));
    const wrong = await api.call('POST', '/api/me/password', { currentPassword: 'not-it-123', newPassword: 'new-pass-12' }, here);
    expect(wrong.status).toBe(403);
    expect((await errorOf(wrong)).message).toBe('the current password is wrong');
    expect((await me(elsewhere)).status).toBe(200);

    expect((await api.call('POST', '/api/me/password', { currentPassword: 'user-pass-1', newPassword: 'new-pass-12' }, here)).status).toBe(204);
    expect((await me(here)).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);
    expect((await signIn('olga', 'user-pass-1')).status).toBe(401);
    expect((await signIn('olga', 'new-pass-12')).status).toBe(200);
    expect((await api.call('POST', '/api/me/password', { currentPassword: 'new-pass-12', newPassword: 'short' }, here)).status).toBe(400);
    expect((await api.call('POST', '/api/me/password', { currentPassword: 'x', newPassword: 'new-pass-13' })).status).toBe(401);
    expect(api.store.journal.list({ action: 'account.' }).map((e) => e.action)).toEqual(['account.password-changed', 'account.password-change-refused', 'account.created', 'account.created']);
  });

  it('throttles guesses of the current password: 429 with Retry-After, the right one too', async () => {
    const here = await api.login('olga', 'operator');
    for (let i = 0; i < 5; i++) {
      expect((await api.call('POST', '/api/me/password', { currentPassword: `guess-${i}`, newPassword: 'new-pass-12' }, here)).status).toBe(403);
    }
    const locked = await api.call('POST', '/api/me/password', { currentPassword: 'user-pass-1', newPassword: 'new-pass-12' }, here);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await signIn('olga', 'user-pass-1')).status).toBe(200);
  });

  it('shows the last sign-in of each account in the list', async () => {
    await api.call('POST', '/api/users', { username: 'never', password: 'user-pass-1', role: 'auditor' }, admin);
    const before = Date.now();
    await signIn('admin', 'admin-pass-1');
    const after = Date.now();
    expect((await listed('never'))?.lastLoginAtMs).toBeUndefined();
    expect((await listed('admin'))?.lastLoginAtMs).toBeGreaterThanOrEqual(before);
    expect((await listed('admin'))?.lastLoginAtMs).toBeLessThanOrEqual(after);
  });
});
