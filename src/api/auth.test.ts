import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { userInfoSchema } from './doc-schemas.ts';
import { cookieOf, createTestApi, errorOf, read, type TestApi } from './testing.ts';

describe('auth flow', () => {
  let api: TestApi;
  beforeEach(() => {
    api = createTestApi();
  });
  afterEach(() => api.close());

  it.each([
    [undefined, 'fr'],
    ['fr', 'fr'],
    ['en', 'en'],
  ] as const)('tells the console the deployment language (configured %s: %s), before anyone signs in', async (configured, expected) => {
    const own = createTestApi(configured ? { language: configured } : {});
    try {
      expect(await (await own.call('GET', '/api/setup')).json()).toMatchObject({ language: expected });
    } finally {
      await own.close();
    }
  });

  it('sets up once, then logs in and out', async () => {
    expect(await (await api.call('GET', '/api/setup')).json()).toEqual({ needsSetup: true, language: 'fr' });
    expect((await api.call('GET', '/api/me')).status).toBe(401);

    const token = api.setupToken();
    const setup = await api.call('POST', '/api/setup', { username: 'admin', password: 'admin-pass-1', token });
    expect(setup.status).toBe(201);
    expect(await setup.json()).toEqual({ username: 'admin', role: 'admin' });
    expect(setup.headers.get('set-cookie')).toMatch(/vigie_session=[^;]+;.*HttpOnly.*SameSite=Strict/);
    const again = await api.call('POST', '/api/setup', { username: 'eve', password: 'eve-pass-12', token });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('CONFLICT');
    expect(await (await api.call('GET', '/api/setup')).json()).toEqual({ needsSetup: false, language: 'fr' });

    expect((await api.call('POST', '/api/login', { username: 'admin', password: 'wrong-pass' })).status).toBe(401);
    expect((await api.call('POST', '/api/login', { username: 'nobody', password: 'whatever1' })).status).toBe(401);
    const login = await api.call('POST', '/api/login', { username: 'admin', password: 'admin-pass-1' });
    expect(login.status).toBe(200);
    const cookie = cookieOf(login);
    expect(await (await api.call('GET', '/api/me', undefined, cookie)).json()).toEqual({ username: 'admin', role: 'admin' });
    expect((await api.call('GET', '/api/cameras', undefined, 'forged-token')).status).toBe(401);

    expect((await api.call('POST', '/api/logout', undefined, cookie)).status).toBe(204);
    expect((await api.call('GET', '/api/me', undefined, cookie)).status).toBe(401);
  });

  it.each([
    ['a short password', { username: 'admin', password: 'short', token: 't' }, 'password: password: at least 8 characters'],
    ['a bad username', { username: 'a b', password: 'long-enough', token: 't' }, 'username: username: letters, digits and _ . @ - only (1-64)'],
    ['an unknown key', { username: 'admin', password: 'long-enough', token: 't', role: 'x' }, 'role: unknown key'],
    ['no first-run token', { username: 'admin', password: 'long-enough' }, 'token: Invalid input: expected string, received undefined'],
  ])('refuses setup with %s, listing the issue', async (_name, body, issue) => {
    const res = await api.call('POST', '/api/setup', body);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues).toEqual([issue]);
  });

  it('throttles sign-in after repeated failures: 429 with Retry-After, the right password too, until the lock ends', async () => {
    let nowMs = 1_000_000;
    const timed = createTestApi({ nowMs: () => nowMs });
    try {
      await timed.admin();
      for (let i = 0; i < 5; i++) expect((await timed.call('POST', '/api/login', { username: 'admin', password: `wrong-pass-${i}` })).status).toBe(401);
      const locked = await timed.call('POST', '/api/login', { username: 'admin', password: 'admin-pass-1' });
      expect(locked.status).toBe(429);
      expect(locked.headers.get('retry-after')).toBe('60');
      expect((await errorOf(locked)).code).toBe('TOO_MANY_REQUESTS');
      nowMs += 61_000;
      expect((await timed.call('POST', '/api/login', { username: 'admin', password: 'admin-pass-1' })).status).toBe(200);
    } finally {
      await timed.close();
    }
  });

  it('lets only the admin manage accounts, and roles limit what one may do', async () => {
    const admin = await api.admin();
    const op = await api.login('olga', 'operator');
    const auditor = await api.login('audrey', 'auditor');
    expect((await api.call('GET', '/api/users', undefined, op)).status).toBe(403);
    expect((await api.call('POST', '/api/cameras', { id: 'x', url: '/a.mp4' }, op)).status).toBe(403);
    expect((await api.call('GET', '/api/cameras', undefined, auditor)).status).toBe(200);
    const users = await read(api.call('GET', '/api/users', undefined, admin), z.array(userInfoSchema));
    expect(users.map((u) => `${u.username}:${u.role}`)).toEqual(['admin:admin', 'olga:operator', 'audrey:auditor']);
    expect((await api.call('POST', '/api/users', { username: 'olga', password: 'x-pass-123', role: 'auditor' }, admin)).status).toBe(409);
    expect((await api.call('DELETE', '/api/users/admin', undefined, admin)).status).toBe(409);
    expect((await api.call('DELETE', '/api/users/olga', undefined, admin)).status).toBe(204);
    expect((await api.call('GET', '/api/me', undefined, op)).status).toBe(401);
  });
});
