import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Alert } from '../core/types.ts';
import { journalEntrySchema, storedAlertSchema } from './doc-schemas.ts';
import { habilitationStateSchema, trainingDocSchema } from './habilitation-schemas.ts';
import { ROUTE_DOCS } from './route-docs.ts';
import { createTestApi, errorOf, read, type TestApi } from './testing.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 15, 9);
const alert: Alert = {
  id: 'al-1',
  cameraId: 'gate',
  type: 'intrusion',
  tMs: 1000,
  frameWallMs: T0 - 60_000,
  createdAtMs: T0 - 60_000,
  score: 0.9,
  message: 'person in zone yard for 1.0 s',
  snapshotPath: 'gate/d/al-1.jpg',
};
const GRANT = { authority: 'Préfecture de police', reference: 'PP-2025-0114', grantedAtMs: T0 - 10 * DAY };
const training = (kind: 'data_protection' | 'tool_use') => ({ kind, atMs: T0 - 5 * DAY, trainer: 'CNFPT', reference: `${kind}-1` });

/** Each documented route that shows alerts or images, with concrete ids, and a body for the unsafe ones. */
const viewingCalls = ROUTE_DOCS.filter((r) => r.viewing).map((r) => {
  const url = r.path.replace('{id}', r.path.startsWith('/api/cameras') ? 'gate' : 'al-1');
  const body = r.path === '/api/alerts/qualify' ? { ids: ['al-1'], status: 'confirmed' } : r.path.endsWith('/correct') ? { status: 'confirmed', note: 'n' } : r.method === 'post' ? { status: 'confirmed' } : undefined;
  return [`${r.method.toUpperCase()} ${url}`, r.method.toUpperCase(), url, body] as const;
});

describe('habilitation and trainings', () => {
  let api: TestApi;
  let nowMs: number;
  let admin: string;
  beforeEach(async () => {
    nowMs = T0;
    api = createTestApi({ nowMs: () => nowMs });
    admin = await api.admin();
    const media = api.store.alerts.mediaDir;
    mkdirSync(path.join(media, 'gate/d'), { recursive: true });
    writeFileSync(path.join(media, 'gate/d/al-1.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    writeFileSync(path.join(media, 'gate/d/al-1.mp4'), Buffer.from('mp4'));
    api.store.alerts.insertAlert(alert);
    api.store.alerts.setClipPath(['al-1'], 'gate/d/al-1.mp4');
  });
  afterEach(() => api.close());

  const put = (name: string, body: unknown, cookie = admin) => api.call('PUT', `/api/users/${name}/habilitation`, body, cookie);
  const train = (name: string, kind: 'data_protection' | 'tool_use', cookie = admin) => api.call('POST', `/api/users/${name}/trainings`, training(kind), cookie);
  const refusal = async (res: Response | Promise<Response>) => {
    const r = await res;
    expect(r.status).toBe(403);
    const error = await errorOf(r);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.reason).toBe(error.habilitation?.reason);
    return error.habilitation;
  };

  it('documents the routes that show alerts, their media and live images', () => {
    expect(viewingCalls.map(([name]) => name).sort()).toEqual([
      'GET /api/alerts',
      'GET /api/alerts/al-1',
      'GET /api/alerts/al-1/clip.mp4',
      'GET /api/alerts/al-1/evidence.zip',
      'GET /api/alerts/al-1/snapshot.jpg',
      'GET /api/cameras/gate/snapshot.jpg',
      'POST /api/alerts/al-1/correct',
      'POST /api/alerts/al-1/qualify',
      'POST /api/alerts/qualify',
    ]);
  });

  it.each(viewingCalls)('refuses %s to an operator who is not habilitated, whatever the role may do', async (_name, method, url, body) => {
    const olga = await api.login('olga', 'operator', { habilitated: false });
    expect(await refusal(api.call(method, url, body, olga))).toEqual({ reason: 'not_habilitated' });
    const marc = await api.login('marc', 'supervisor');
    expect((await api.call(method, url, body, marc)).status).not.toBe(403);
  });

  it('an operator sees alerts only once habilitated and trained in both; a withdrawal cuts access at once', async () => {
    const olga = await api.login('olga', 'operator', { habilitated: false });
    const list = () => api.call('GET', '/api/alerts', undefined, olga);
    expect(await refusal(list())).toEqual({ reason: 'not_habilitated' });

    const granted = await read(put('olga', GRANT), habilitationStateSchema);
    expect(granted).toMatchObject({ username: 'olga', role: 'operator', habilitation: { ...GRANT, recordedBy: 'admin', recordedAtMs: T0 }, viewing: { ok: false, reason: 'training_missing', missing: ['data_protection', 'tool_use'] } });
    expect((await train('olga', 'data_protection')).status).toBe(201);
    expect(await refusal(list())).toEqual({ reason: 'training_missing', missing: ['tool_use'] });
    for (const url of ['/api/alerts/al-1', '/api/alerts/al-1/snapshot.jpg', '/api/alerts/al-1/clip.mp4']) expect(await refusal(api.call('GET', url, undefined, olga))).toEqual({ reason: 'training_missing', missing: ['tool_use'] });

    const tool = await read(train('olga', 'tool_use'), trainingDocSchema);
    expect(tool).toMatchObject({ username: 'olga', kind: 'tool_use', trainer: 'CNFPT', recordedBy: 'admin' });
    expect((await read(list(), z.array(storedAlertSchema))).map((a) => a.id)).toEqual(['al-1']);
    expect((await api.call('GET', '/api/alerts/al-1/snapshot.jpg', undefined, olga)).status).toBe(200);
    expect((await api.call('GET', '/api/alerts/al-1/clip.mp4', undefined, olga)).status).toBe(200);

    nowMs += 1000;
    const withdrawn = await read(api.call('POST', '/api/users/olga/habilitation/withdraw', { why: 'left the service' }, admin), habilitationStateSchema);
    const by = { atMs: T0 + 1000, by: 'admin', why: 'left the service' };
    expect(withdrawn.viewing).toEqual({ ok: false, reason: 'habilitation_withdrawn', withdrawn: by });
    expect(await refusal(list())).toEqual({ reason: 'habilitation_withdrawn', withdrawn: by });
    expect((await api.call('POST', '/api/users/olga/habilitation/withdraw', { why: 'again' }, admin)).status).toBe(409);

    // Removing a training recorded by mistake takes effect at once too.
    await put('olga', GRANT);
    expect((await list()).status).toBe(200);
    expect((await api.call('DELETE', `/api/users/olga/trainings/${tool.id}`, undefined, admin)).status).toBe(204);
    expect(await refusal(list())).toEqual({ reason: 'training_missing', missing: ['tool_use'] });
    expect((await api.call('DELETE', `/api/users/olga/trainings/${tool.id}`, undefined, admin)).status).toBe(404);
  });

  it('a habilitation stops at its expiry; a training counts from its date', async () => {
    const olga = await api.login('olga', 'operator', { habilitated: false });
    await put('olga', { ...GRANT, expiresAtMs: T0 + DAY });
    await train('olga', 'data_protection');
    await api.call('POST', '/api/users/olga/trainings', { ...training('tool_use'), atMs: T0 + 1000 }, admin);
    expect(await refusal(api.call('GET', '/api/alerts', undefined, olga))).toEqual({ reason: 'training_missing', missing: ['tool_use'] });
    nowMs = T0 + 1000;
    expect((await api.call('GET', '/api/alerts', undefined, olga)).status).toBe(200);
    nowMs = T0 + DAY;
    expect(await refusal(api.call('GET', '/api/alerts', undefined, olga))).toEqual({ reason: 'habilitation_expired', expiredAtMs: T0 + DAY });
  });

  it('journals every change with its before and after', async () => {
    await api.login('olga', 'operator', { habilitated: false });
    await put('olga', GRANT);
    nowMs += 1000;
    await put('olga', { ...GRANT, reference: 'PP-2025-0200' });
    const { id } = await read(train('olga', 'data_protection'), trainingDocSchema);
    await api.call('DELETE', `/api/users/olga/trainings/${id}`, undefined, admin);
    await api.call('POST', '/api/users/olga/habilitation/withdraw', { why: 'left the service' }, admin);
    const entries = (await read(api.call('GET', '/api/journal?limit=100', undefined, admin), z.array(journalEntrySchema))).filter((e) => /^(habilitation|training)\./.test(e.action)).reverse();
    const first = { username: 'olga', ...GRANT, recordedAtMs: T0, recordedBy: 'admin' };
    const second = { ...first, reference: 'PP-2025-0200', recordedAtMs: T0 + 1000 };
    expect(entries.map((e) => [e.action, e.actor, e.target, e.details])).toEqual([
      ['habilitation.grant', 'admin', 'olga', { before: null, after: first }],
      ['habilitation.grant', 'admin', 'olga', { before: first, after: second }],
      ['training.record', 'admin', 'olga', { before: null, after: { id, username: 'olga', ...training('data_protection'), recordedAtMs: T0 + 1000, recordedBy: 'admin' } }],
      ['training.remove', 'admin', 'olga', { before: { id, username: 'olga', ...training('data_protection'), recordedAtMs: T0 + 1000, recordedBy: 'admin' }, after: null }],
      ['habilitation.withdraw', 'admin', 'olga', { before: second, after: { ...second, withdrawn: { atMs: T0 + 1000, by: 'admin', why: 'left the service' } } }],
    ]);
  });

  it('admins manage, auditors read every account, an account reads its own', async () => {
    const olga = await api.login('olga', 'operator', { habilitated: false });
    const marc = await api.login('marc', 'supervisor', { habilitated: false });
    const audrey = await api.login('audrey', 'auditor', { habilitated: false });
    expect((await read(api.call('GET', '/api/users/OLGA/habilitation', undefined, olga), habilitationStateSchema)).viewing).toEqual({ ok: false, reason: 'not_habilitated' });
    expect((await api.call('GET', '/api/users/marc/habilitation', undefined, olga)).status).toBe(403);
    expect((await api.call('GET', '/api/users/olga/habilitation', undefined, audrey)).status).toBe(200);
    expect((await read(api.call('GET', '/api/habilitations', undefined, audrey), z.array(habilitationStateSchema))).map((s) => [s.username, s.viewing.ok])).toEqual([
      ['admin', true],
      ['olga', false],
      ['marc', false],
      ['audrey', false],
    ]);
    expect((await api.call('GET', '/api/habilitations', undefined, olga)).status).toBe(403);
    for (const cookie of [olga, marc, audrey]) {
      expect((await put('olga', GRANT, cookie)).status).toBe(403);
      expect((await train('olga', 'tool_use', cookie)).status).toBe(403);
      expect((await api.call('POST', '/api/users/olga/habilitation/withdraw', { why: 'x' }, cookie)).status).toBe(403);
    }
    // An auditor reads the journal and statistics without a habilitation, not alerts.
    expect((await api.call('GET', '/api/journal', undefined, audrey)).status).toBe(200);
    expect((await api.call('GET', '/api/stats', undefined, audrey)).status).toBe(200);
    expect(await refusal(api.call('GET', '/api/alerts', undefined, audrey))).toEqual({ reason: 'not_habilitated' });
    // A supervisor sets up cameras without one (the latest frame is a set-up image), not an operator.
    expect((await api.call('GET', '/api/cameras/gate/snapshot.jpg', undefined, marc)).status).toBe(404);
    expect(await refusal(api.call('GET', '/api/cameras/gate/snapshot.jpg', undefined, olga))).toEqual({ reason: 'not_habilitated' });
  });

  it('at first run the admin configures without a habilitation, records their own, then watches', async () => {
    const fresh = createTestApi({ nowMs: () => nowMs });
    try {
      const me = await fresh.admin({ habilitated: false });
      expect((await fresh.call('GET', '/api/users', undefined, me)).status).toBe(200);
      expect((await fresh.call('GET', '/api/cameras', undefined, me)).status).toBe(200);
      const refused = await fresh.call('GET', '/api/alerts', undefined, me);
      expect((await errorOf(refused)).message).toBe('viewing alerts, their images and live video needs a habilitation and both trainings: not habilitated');
      expect((await fresh.call('PUT', '/api/users/admin/habilitation', GRANT, me)).status).toBe(200);
      for (const kind of ['data_protection', 'tool_use'] as const) expect((await fresh.call('POST', '/api/users/admin/trainings', training(kind), me)).status).toBe(201);
      expect((await fresh.call('GET', '/api/alerts', undefined, me)).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  it('checks what it records', async () => {
    await api.login('olga', 'operator', { habilitated: false });
    const bad = async (res: Promise<Response>, issue: RegExp) => {
      const r = await res;
      expect(r.status).toBe(400);
      expect((await errorOf(r)).issues?.join('\n')).toMatch(issue);
    };
    await bad(put('olga', { ...GRANT, expiresAtMs: GRANT.grantedAtMs }), /expiresAtMs: must come after grantedAtMs/);
    await bad(put('olga', { ...GRANT, authority: '  ' }), /authority/);
    await bad(put('olga', { ...GRANT, extra: 1 }), /extra/);
    await bad(api.call('POST', '/api/users/olga/trainings', { ...training('tool_use'), kind: 'first_aid' }, admin), /kind/);
    await bad(api.call('POST', '/api/users/olga/habilitation/withdraw', {}, admin), /why/);
    expect((await put('ghost', GRANT)).status).toBe(404);
    expect((await api.call('POST', '/api/users/olga/habilitation/withdraw', { why: 'x' }, admin)).status).toBe(409);
    expect((await api.call('DELETE', '/api/users/olga/trainings/abc', undefined, admin)).status).toBe(404);
  });
});
