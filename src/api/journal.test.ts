import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { journalCheckSchema, journalEntrySchema } from './doc-schemas.ts';
import { accessEntry, pathTarget } from './journal-access.ts';
import { createTestApi, read, type TestApi } from './testing.ts';
import { verifyChain, type JournalRecord } from '../store/journal.ts';

describe('journal of accesses', () => {
  // [pattern, path, target]
  const targets: [string, string, string | undefined][] = [
    ['/api/alerts/:id/snapshot', '/api/alerts/al-1/snapshot', 'al-1'],
    ['/api/users/:username', '/api/users/ol%C3%A9', 'olé'],
    ['/api/cameras', '/api/cameras', undefined],
  ];
  it.each(targets)('%s on %s targets %s', (pattern, path, target) => expect(pathTarget(pattern, path)).toBe(target));

  it('leaves out probes, the OpenAPI document, sign-in (journaled by its route) and unknown routes', () => {
    for (const [m, p] of [['GET', '/api/health'], ['GET', '/api/setup'], ['GET', '/api/openapi.json'], ['POST', '/api/login'], ['GET', '/api/*'], ['GET', '*']] as const) {
      expect(accessEntry(m, p, p, 200, undefined, 'local', 0)).toBeUndefined();
    }
    expect(accessEntry('GET', '/api/alerts/:id', '/api/alerts/x', 404, 'ana', '10.0.0.2', 5)).toEqual({
      atMs: 5,
      actor: 'ana',
      action: 'GET /api/alerts/:id',
      target: 'x',
      details: { status: 404, address: '10.0.0.2' },
    });
  });

  let api: TestApi;
  beforeEach(() => {
    api = createTestApi();
  });
  afterEach(() => api.close());

  it('records every access of an account with its route, target and status; sign-ins with the account tried', async () => {
    const admin = await api.admin();
    await api.call('GET', '/api/alerts', undefined, admin);
    await api.call('GET', '/api/alerts/no-such-alert', undefined, admin);
    await api.call('GET', '/api/cameras'); // refused without a session: in the summary of refusals (security.test.ts)
    await api.call('POST', '/api/login', { username: 'admin', password: 'wrong-pass-1' });
    await api.call('POST', '/api/login', { username: 'admin', password: 'admin-pass-1' });
    await api.call('POST', '/api/logout', undefined, admin);
    const entries = await read(api.call('GET', '/api/journal', undefined, await api.login('audrey', 'auditor')), z.array(journalEntrySchema));
    const rows = entries.reverse().map((e) => [e.actor ?? '-', e.action, e.target ?? '', e.details?.status ?? '']);
    expect(rows.slice(0, 6)).toEqual([
      ['admin', 'POST /api/setup', '', 201],
      ['admin', 'GET /api/alerts', '', 200],
      ['admin', 'GET /api/alerts/:id', 'no-such-alert', 404],
      ['admin', 'login.failed', '', ''],
      ['admin', 'login', '', ''],
      ['admin', 'POST /api/logout', '', 204],
    ]);
    // The auditor's own sign-in and the admin's account creation for it follow.
    expect(rows.slice(6).map((r) => r[1])).toEqual(['login', 'POST /api/users', 'login']);
  });

  it('is for auditors and admins only; its reading is journaled too; the chain verifies', async () => {
    const admin = await api.admin();
    const op = await api.login('olga', 'operator');
    expect((await api.call('GET', '/api/journal', undefined, op)).status).toBe(403);
    expect(await read(api.call('GET', '/api/journal/verify', undefined, admin), journalCheckSchema)).toMatchObject({ ok: true });
    const page = await read(api.call('GET', '/api/journal?action=GET%20&limit=2', undefined, admin), z.array(journalEntrySchema));
    expect(page.map((e) => e.action)).toEqual(['GET /api/journal/verify', 'GET /api/journal']);
    expect(page[1]).toMatchObject({ actor: 'olga', details: { status: 403 } });
    expect((await api.call('GET', '/api/journal?limit=0', undefined, admin)).status).toBe(400);
  });

  it('exports the raw records of a window as NDJSON, a whole piece of the chain that verifies on its own', async () => {
    const admin = await api.admin();
    for (let i = 0; i < 5; i++) await api.call('GET', '/api/alerts', undefined, admin);
    const res = await api.call('GET', '/api/journal/export', undefined, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const records = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as JournalRecord);
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    expect(records.filter((r) => r.action === 'GET /api/alerts')).toHaveLength(5);
    expect(verifyChain(records)).toEqual({ ok: true, entries: records.length });
    const empty = await api.call('GET', `/api/journal/export?since=${Date.now() + 86_400_000}`, undefined, admin);
    expect(await empty.text()).toBe('');
    expect((await api.call('GET', '/api/journal/export', undefined, await api.login('olga', 'operator'))).status).toBe(403);
  });
});
