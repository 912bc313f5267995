import { createPublicKey } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { journalCheckSchema, journalEntrySchema, journalPublicKeySchema } from './doc-schemas.ts';
import { accessEntry, pathTarget } from './journal-access.ts';
import { createTestApi, read, type TestApi } from './testing.ts';
import { verifyChain, type JournalRecord } from '../store/journal.ts';
import type { SignedCheckpoint } from '../store/journal-checkpoints.ts';
import { publicKeyOf, readPublicKeyFile, SIGNING_KEY_FILE } from '../store/journal-key.ts';
import { DB_FILE } from '../store/store.ts';
import { JOURNAL_ATTACKS } from '../testing/journal-tamper.ts';

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
    expect(rows.slice(0, 7)).toEqual([
      ['admin', 'account.created', 'admin', ''],
      ['admin', 'POST /api/setup', '', 201],
      ['admin', 'GET /api/alerts', '', 200],
      ['admin', 'GET /api/alerts/:id', 'no-such-alert', 404],
      ['admin', 'login.failed', '', ''],
      ['admin', 'login', '', ''],
      ['admin', 'POST /api/logout', '', 204],
    ]);
    // The auditor's own sign-in and the admin's account creation for it follow.
    expect(rows.slice(7).map((r) => r[1])).toEqual(['login', 'account.created', 'POST /api/users', 'login']);
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

  const exported = async (res: Response): Promise<{ records: JournalRecord[]; checkpoints: SignedCheckpoint[] }> => {
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as JournalRecord | { checkpoint: string; signature: string });
    return {
      records: lines.filter((l): l is JournalRecord => 'seq' in l),
      checkpoints: lines.flatMap((l) => ('checkpoint' in l ? [{ payload: l.checkpoint, signature: l.signature }] : [])),
    };
  };

  it('exports the raw records of a window as NDJSON, then the checkpoints that sign them: a piece of the chain that verifies on its own with the public key', async () => {
    const admin = await api.admin();
    for (let i = 0; i < 5; i++) await api.call('GET', '/api/alerts', undefined, admin);
    const pub = await read(api.call('GET', '/api/journal/public-key', undefined, await api.login('audrey', 'auditor')), journalPublicKeySchema);
    expect(pub.fingerprint).toBe(readPublicKeyFile(path.join(api.store.alerts.dir, SIGNING_KEY_FILE)).fingerprint);
    api.store.journal.checkpoint();
    const res = await api.call('GET', '/api/journal/export', undefined, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const { records, checkpoints } = await exported(res);
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    expect(records.filter((r) => r.action === 'GET /api/alerts')).toHaveLength(5);
    expect(checkpoints.length).toBeGreaterThanOrEqual(2); // the start record, the head just signed
    const key = publicKeyOf(createPublicKey(pub.pem));
    expect(verifyChain(records, { window: true, signed: { checkpoints, key } })).toMatchObject({ ok: true, entries: records.length, key: pub.fingerprint });
    const empty = await api.call('GET', `/api/journal/export?since=${Date.now() + 86_400_000}`, undefined, admin);
    expect(await empty.text()).toBe('');
    expect((await api.call('GET', '/api/journal/export', undefined, await api.login('olga', 'operator'))).status).toBe(403);
    expect((await api.call('GET', '/api/journal/public-key', undefined, await api.login('opal', 'operator'))).status).toBe(403);
    expect((await api.call('GET', '/api/journal/export?format=xml', undefined, admin)).status).toBe(400);
  });

  it('exports CSV (RFC 4180, details as JSON in one column), and journals each export with its format and range', async () => {
    const admin = await api.admin();
    api.store.journal.append({ atMs: 5000, actor: 'ana', action: 'alert.qualify', target: 'al,1', details: { note: 'he said "stop"\nthen left' } });
    const res = await api.call('GET', '/api/journal/export?format=csv&until=6000', undefined, admin);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/\.csv"$/);
    const rows = (await res.text()).split('\r\n');
    expect(rows[0]).toBe('seq,time,at_ms,actor,action,target,details,prev,hash');
    expect(rows.filter((r) => r.includes('alert.qualify'))).toEqual([
      expect.stringMatching(/^\d+,1970-01-01T00:00:05\.000Z,5000,ana,alert\.qualify,"al,1","{""note"":""he said \\""stop\\""\\nthen left""}",[0-9a-f]{64},[0-9a-f]{64}$/),
    ]);
    const [entry] = api.store.journal.list({ action: 'journal.export' });
    expect(entry).toMatchObject({ actor: 'admin', details: { format: 'csv', untilMs: 6000, fromSeq: expect.any(Number), toSeq: expect.any(Number) } });
    expect(api.store.journal.list({ action: 'GET /api/journal/export' })).toHaveLength(1);
  });
});

describe('GET /api/journal/verify names what was done to the database behind the server', () => {
  let api: TestApi;
  let admin: string;
  const tamper = (attack: (db: Database.Database) => void): void => {
    const db = new Database(path.join(api.store.alerts.dir, DB_FILE));
    try {
      attack(db);
    } finally {
      db.close();
    }
  };
  beforeEach(async () => {
    api = createTestApi();
    for (let i = 0; i < 60; i++) api.store.journal.append({ atMs: 1000 + i * 1000, actor: 'ana', action: 'GET /api/alerts/:id', target: `al-${i}` });
    admin = await api.admin();
    api.store.journal.checkpoint();
  });
  afterEach(() => api.close());

  it('intact, and after a retention purge of old entries: ok', async () => {
    expect(await read(api.call('GET', '/api/journal/verify', undefined, admin), journalCheckSchema)).toMatchObject({ ok: true, unsigned: 0 });
    expect(api.store.journal.purgeBefore(30_000)).toBe(29);
    expect(await read(api.call('GET', '/api/journal/verify', undefined, admin), journalCheckSchema)).toMatchObject({ ok: true });
  });

  it.each(JOURNAL_ATTACKS)('%s: ok false, with the reason', async (_what, attack, reason) => {
    tamper(attack);
    const check = await read(api.call('GET', '/api/journal/verify', undefined, admin), journalCheckSchema);
    expect(check).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });
});
