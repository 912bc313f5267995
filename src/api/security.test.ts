/**
 * The API against misuse, over HTTP in-process: forged cross-site requests, DNS rebinding, the
 * first-run token, security headers, refused requests that cannot fill the journal, sign-in
 * guesses sent in parallel, passwords and usernames.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { journalEntrySchema, userInfoSchema } from './doc-schemas.ts';
import { createRefusals, DEFAULT_REFUSALS, type Refusals } from './guard/refusals.ts';
import { cookieOf, createTestApi, errorOf, read, type TestApi } from './testing.ts';
import type { JournalInput } from '../store/journal.ts';

const NEW_USER = JSON.stringify({ username: 'mallory', password: 'mallory-pass-1', role: 'admin' });

describe('API security', () => {
  let api: TestApi;
  let admin: string;
  beforeEach(async () => {
    api = createTestApi();
    admin = await api.admin();
  });
  afterEach(() => api.close());

  const raw = (method: string, path: string, headers: Record<string, string>, body?: string): Promise<Response> =>
    Promise.resolve(api.app.request(path, { method, headers: { Cookie: `vigie_session=${admin}`, ...headers }, ...(body !== undefined ? { body } : {}) }));
  const users = async (): Promise<string[]> => (await read(api.call('GET', '/api/users', undefined, admin), z.array(userInfoSchema))).map((u) => u.username);

  // [what, headers, body, status]
  const forgeries: [string, Record<string, string>, string, number][] = [
    ['a same-site page posting a text/plain form', { Origin: 'http://localhost:9999', 'Sec-Fetch-Site': 'same-site', 'Content-Type': 'text/plain' }, NEW_USER, 403],
    ['a foreign Origin with a JSON body', { Origin: 'https://evil.example', 'Content-Type': 'application/json' }, NEW_USER, 403],
    ['an opaque Origin (null)', { Origin: 'null', 'Content-Type': 'application/json' }, NEW_USER, 403],
    ['Sec-Fetch-Site: cross-site without Origin', { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/json' }, NEW_USER, 403],
    ['Sec-Fetch-Site: same-site without Origin', { 'Sec-Fetch-Site': 'same-site', 'Content-Type': 'application/json' }, NEW_USER, 403],
    ['the console itself, but a form body', { Origin: 'http://localhost', 'Content-Type': 'application/x-www-form-urlencoded' }, 'username=mallory', 415],
    ['a client that is no browser, with a text/plain body', { 'Content-Type': 'text/plain' }, NEW_USER, 415],
  ];
  it.each(forgeries)('refuses %s: no account created', async (_what, headers, body, status) => {
    const res = await raw('POST', '/api/users', headers, body);
    expect(res.status).toBe(status);
    expect((await errorOf(res)).message).toMatch(status === 415 ? /must be JSON/ : /refused/);
    expect(await users()).toEqual(['admin']);
  });

  // [what, headers]
  const accepted: [string, Record<string, string>][] = [
    ['the console page (same Origin)', { Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' }],
    ['a browser sending only Sec-Fetch-Site: same-origin', { 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json; charset=utf-8' }],
    ['a client that is no browser (neither header), JSON', { 'Content-Type': 'application/json' }],
  ];
  it.each(accepted)('accepts %s', async (_what, headers) => {
    expect((await raw('POST', '/api/users', headers, NEW_USER)).status).toBe(201);
    expect(await users()).toEqual(['admin', 'mallory']);
  });

  it('refuses a Host not on the allow-list (DNS rebinding), on the API and the console alike', async () => {
    for (const path of ['/api/health', '/api/users', '/']) {
      const res = await raw('GET', path, { Host: 'rebind.evil.example' });
      expect(res.status).toBe(421);
      expect((await errorOf(res)).code).toBe('MISDIRECTED_REQUEST');
    }
    expect((await raw('GET', '/api/users', { Host: 'localhost' })).status).toBe(200);
  });

  it('sends the security headers on every answer, errors included', async () => {
    for (const res of [await api.call('GET', '/api/health'), await api.call('GET', '/api/me'), await api.call('GET', '/api/nothing', undefined, admin)]) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain('ws://localhost');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('marks the session cookie Secure when the request came over HTTPS', async () => {
    const body = JSON.stringify({ username: 'admin', password: 'admin-pass-1' });
    const https = await api.app.request('https://localhost/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(https.headers.get('set-cookie')).toMatch(/; Secure/);
    const proxied = await raw('POST', '/api/login', { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' }, body);
    expect(proxied.headers.get('set-cookie')).toMatch(/; Secure/);
    const plain = await raw('POST', '/api/login', { 'Content-Type': 'application/json' }, body);
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/);
  });

  it('makes usernames case-insensitive: one account for Admin and admin', async () => {
    const created = await api.call('POST', '/api/users', { username: 'ADMIN', password: 'other-pass-1', role: 'operator' }, admin);
    expect(created.status).toBe(409);
    const login = await api.call('POST', '/api/login', { username: 'Admin', password: 'admin-pass-1' });
    expect(login.status).toBe(200);
    expect(await login.json()).toEqual({ username: 'admin', role: 'admin' });
    expect((await api.call('DELETE', '/api/users/ADMIN', undefined, admin)).status).toBe(409);
    expect(await users()).toEqual(['admin']);
  });

  // [what, username, password, message]
  const weak: [string, string, string, RegExp][] = [
    ['a common password', 'olga', 'password123', /too common/],
    ['a common password in capitals', 'olga', 'QWERTYUIOP', /too common/],
    ['the username itself', 'olga.martin', 'Olga.Martin', /must not be the username/],
  ];
  it.each(weak)('refuses %s for a new account, saying why', async (_what, username, password, message) => {
    const res = await api.call('POST', '/api/users', { username, password, role: 'operator' }, admin);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(message);
  });
});

describe('first-run setup', () => {
  let api: TestApi;
  beforeEach(() => {
    api = createTestApi();
  });
  afterEach(() => api.close());
  const setup = (token: string, password = 'admin-pass-1'): Promise<Response> => api.call('POST', '/api/setup', { username: 'admin', password, token });

  it('needs the one-time token printed at start; the token is spent by the setup that uses it', async () => {
    const token = api.setupToken() ?? '';
    expect(token).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/);
    const wrong = await setup('0000-0000-0000-0000');
    expect(wrong.status).toBe(403);
    expect((await errorOf(wrong)).message).toMatch(/first-run token/);
    expect(await (await api.call('GET', '/api/setup')).json()).toEqual({ needsSetup: true, language: 'fr' });
    const common = await setup(token, 'password1234');
    expect(common.status).toBe(400);
    expect((await errorOf(common)).message).toMatch(/too common/);
    const done = await setup(` ${token.toUpperCase().replaceAll('-', ' ')} `);
    expect(done.status).toBe(201);
    expect(cookieOf(done)).not.toBe('');
    expect(api.setupToken()).toBeUndefined();
    expect((await setup(token)).status).toBe(409);
  });
});

describe('refused requests without a session', () => {
  let nowMs = 1_000_000;
  let api: TestApi;
  let rows: JournalInput[];
  let refusals: Refusals;
  beforeEach(() => {
    nowMs = 1_000_000;
    rows = [];
    refusals = createRefusals((e) => void rows.push(e));
    api = createTestApi({ nowMs: () => nowMs, refusals });
  });
  afterEach(() => api.close());

  it('are answered 429 after a burst, and journaled as one row per address and window with the count', async () => {
    const admin = await api.admin();
    const statuses: number[] = [];
    for (let i = 0; i < DEFAULT_REFUSALS.burst + 5; i++) statuses.push((await api.call('GET', '/api/cameras', undefined, 'forged-token')).status);
    expect(statuses.slice(0, DEFAULT_REFUSALS.burst).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(DEFAULT_REFUSALS.burst)).toEqual([429, 429, 429, 429, 429]);
    // A signed-in account from the same address is still served.
    expect((await api.call('GET', '/api/cameras', undefined, admin)).status).toBe(200);
    expect(rows).toEqual([]);
    const journaled = await read(api.call('GET', '/api/journal?action=access.refused', undefined, admin), z.array(journalEntrySchema));
    expect(journaled).toEqual([]);

    nowMs += DEFAULT_REFUSALS.windowMs;
    refusals.sweep(nowMs);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'access.refused', details: { address: 'local', count: DEFAULT_REFUSALS.burst + 5, routes: { 'GET /api/cameras 401': DEFAULT_REFUSALS.burst, 'GET /api/cameras 429': 5 } } });
    expect((await api.call('GET', '/api/cameras')).status).toBe(401);
  });

  it('are written to the journal when their window ends (the server sweeps)', async () => {
    const own = createTestApi({ nowMs: () => nowMs });
    try {
      const admin = await own.admin();
      for (let i = 0; i < 3; i++) await own.call('GET', '/api/alerts');
      nowMs += DEFAULT_REFUSALS.windowMs;
      await own.call('POST', '/api/login', { username: 'nobody', password: 'wrong-pass-1' }); // a refusal: sweeps the ended window
      const entries = await read(own.call('GET', '/api/journal', undefined, admin), z.array(journalEntrySchema));
      const refused = entries.filter((e) => e.action === 'access.refused');
      expect(refused.map((e) => e.details)).toEqual([expect.objectContaining({ address: 'local', count: 3, routes: { 'GET /api/alerts 401': 3 } })]);
    } finally {
      await own.close();
    }
  });
});

describe('sign-in guesses in parallel', () => {
  it('are counted before the password check: of 50 parallel wrong passwords, most get 429', async () => {
    const api = createTestApi();
    try {
      await api.admin();
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => api.call('POST', '/api/login', { username: 'admin', password: `wrong-pass-${i}` })));
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(45);
    } finally {
      await api.close();
    }
  });
});
