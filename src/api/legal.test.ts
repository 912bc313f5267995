/**
 * The legal framework through the API, on a controllable clock: authorisations (admin records,
 * changes, revokes with why; everyone reads; journaled with before/after), event types refused
 * unless authorised, the cameras following the windows by themselves, the kill switch (who may
 * engage and release), the live view refused outside the window.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cameraViewSchema } from './doc-schemas.ts';
import { authorisationViewSchema, killSwitchSchema, legalStateSchema } from './legal-schemas.ts';
import { createTestApi, errorOf, read, type TestApi } from './testing.ts';
import { createFakeClock, type FakeClock } from '../server/fake-clock.ts';

const H = 3_600_000;
const T0 = Date.UTC(2025, 5, 1, 8);
const square = [[0.1, 0.1], [0.9, 0.1], [0.9, 0.9], [0.1, 0.9]];
const camera = (id: string, events: string[], over: Record<string, unknown> = {}) => ({ id, url: 'rtsp://10.0.0.5/stream', events, zones: [{ id: 'yard', kind: 'forbidden', polygon: square }], ...over });
const order = (over: Record<string, unknown> = {}) => ({ reference: 'AP-2025-0142', authority: 'Préfecture du Rhône', perimeter: 'Gare Part-Dieu, parvis', cameraIds: ['gate'], events: ['intrusion'], startMs: T0 + H, endMs: T0 + 3 * H, ...over });

describe('legal framework API (requireAuthorisation on)', () => {
  let clock: FakeClock;
  let api: TestApi;
  let admin: string;
  beforeEach(async () => {
    clock = createFakeClock(T0);
    api = createTestApi({ requireAuthorisation: true, nowMs: clock.nowMs, legalScheduler: clock.scheduler });
    admin = await api.admin();
  });
  afterEach(() => api.close());

  const state = async (id: string) => (await read(api.call('GET', '/api/legal/state', undefined, admin), legalStateSchema)).cameras.find((c) => c.cameraId === id);
  const journal = (action: string) => api.store.journal.list({ action });
  /** Lets the rechecks started by the clock finish (camera restarts are asynchronous). */
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };

  it('prints the notice for the public of an authorisation, in the deployment language; 404 for an unknown one', async () => {
    const created = await read(api.call('POST', '/api/authorisations', order(), admin), authorisationViewSchema);
    const operator = await api.login('olga', 'operator');
    const res = await api.call('GET', `/api/authorisations/${created.id}/notice.html`, undefined, operator);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    for (const part of ['lang="fr"', 'AP-2025-0142', 'Préfecture du Rhône', 'Gare Part-Dieu, parvis', '<li>gate</li>', 'Intrusion', 'Vos droits']) expect(html).toContain(part);
    expect((await api.call('GET', '/api/authorisations/nope/notice.html', undefined, admin)).status).toBe(404);
  });

  it('admin records, changes and revokes an authorisation (never deleted), each journaled with before/after; other roles only read', async () => {
    const created = await api.call('POST', '/api/authorisations', order(), admin);
    expect(created.status).toBe(201);
    const a = await read(created, authorisationViewSchema);
    expect(a).toMatchObject({ reference: 'AP-2025-0142', state: 'not_started', killed: false, createdBy: 'admin', demo: false });
    expect(journal('authorisation.create')[0]).toMatchObject({ actor: 'admin', target: a.id, details: { after: { reference: 'AP-2025-0142', events: ['intrusion'] } } });

    for (const role of ['supervisor', 'operator', 'auditor'] as const) {
      const cookie = await api.login(role, role);
      expect(await read(api.call('GET', '/api/authorisations', undefined, cookie), z.array(authorisationViewSchema))).toHaveLength(1);
      expect((await api.call('POST', '/api/authorisations', order(), cookie)).status).toBe(403);
      expect((await api.call('PUT', `/api/authorisations/${a.id}`, order(), cookie)).status).toBe(403);
      expect((await api.call('POST', `/api/authorisations/${a.id}/revoke`, { why: 'x' }, cookie)).status).toBe(403);
    }

    const changed = await read(api.call('PUT', `/api/authorisations/${a.id}`, order({ events: ['intrusion', 'fire'] }), admin), authorisationViewSchema);
    expect(changed.events).toEqual(['intrusion', 'fire']);
    expect(journal('authorisation.update')[0]).toMatchObject({ actor: 'admin', details: { before: { events: ['intrusion'] }, after: { events: ['intrusion', 'fire'] } } });

    expect((await api.call('POST', `/api/authorisations/${a.id}/revoke`, {}, admin)).status).toBe(400);
    const revoked = await read(api.call('POST', `/api/authorisations/${a.id}/revoke`, { why: 'arrêté annulé par le tribunal' }, admin), authorisationViewSchema);
    expect(revoked).toMatchObject({ state: 'revoked', revokedBy: 'admin', revokedWhy: 'arrêté annulé par le tribunal' });
    expect(journal('authorisation.revoke')[0]).toMatchObject({ actor: 'admin', details: { why: 'arrêté annulé par le tribunal', after: { revokedBy: 'admin' } } });
    expect((await errorOf(api.call('POST', `/api/authorisations/${a.id}/revoke`, { why: 'again' }, admin))).code).toBe('CONFLICT');
    expect((await api.call('PUT', `/api/authorisations/${a.id}`, order(), admin)).status).toBe(409);
    expect((await api.call('DELETE', `/api/authorisations/${a.id}`, undefined, admin)).status).toBe(404);
    expect(await read(api.call('GET', `/api/authorisations/${a.id}`, undefined, admin), authorisationViewSchema)).toMatchObject({ state: 'revoked' });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a window that ends before it starts', order({ endMs: T0 }), 'endMs: the window must end after it starts'],
    ['no camera', order({ cameraIds: [] }), 'cameraIds: at least one camera'],
    ['no event type', order({ events: [] }), 'events: at least one event type'],
    ['an event outside the eight', order({ events: ['face_recognition'] }), 'events[0]'],
    ['no reference', order({ reference: ' ' }), 'reference: the reference of the order'],
  ])('refuses an authorisation with %s (400, the issue named)', async (_name, body, issue) => {
    const err = await errorOf(api.call('POST', '/api/authorisations', body, admin));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.issues?.join('\n')).toContain(issue);
    expect(api.store.authorisations.list()).toEqual([]);
  });

  it('refuses to enable an event type no authorisation in force lists (400, clear message); keeps one already enabled', async () => {
    const none = await errorOf(api.call('POST', '/api/cameras', camera('gate', ['intrusion']), admin));
    expect(none.code).toBe('BAD_REQUEST');
    expect(none.message).toBe('camera gate: event type intrusion cannot be enabled: no authorisation in force for this camera lists it (no authorisation names camera gate)');
    expect((await api.call('POST', '/api/cameras', camera('gate', []), admin)).status).toBe(201); // no event: nothing to authorise

    await api.authorise({ cameraIds: ['gate'], events: ['intrusion'] });
    expect((await api.call('PUT', '/api/cameras/gate', camera('gate', ['intrusion']), admin)).status).toBe(200);
    const fire = await errorOf(api.call('PUT', '/api/cameras/gate', camera('gate', ['intrusion', 'fire']), admin));
    expect(fire.message).toContain('event type fire cannot be enabled');
    expect(fire.message).toContain('the authorisation in force (AP-TEST) lists only intrusion');
    expect(fire.issues?.[0]).toMatch(/^events: /);
    expect(api.store.cameras.get('gate')?.events).toEqual(['intrusion']);

    // After the expiry an event already enabled may stay (the camera is not analysed anyway), a new one may not.
    clock.advance(25 * H);
    await settle();
    expect((await api.call('PUT', '/api/cameras/gate', camera('gate', ['intrusion'], { name: 'Gate' }), admin)).status).toBe(200);
    expect((await errorOf(api.call('PUT', '/api/cameras/gate', camera('gate', ['intrusion', 'wrong_way']), admin))).message).toContain('expired');
  });

  it('keeps a camera from analysis outside its window, starts it when the window opens, stops it at the expiry and journals it', async () => {
    api.store.cameras.insert(cameraViewSchema.omit({ status: true, stats: true }).parse(camera('gate', ['intrusion', 'fire'])), T0);
    const a = await read(api.call('POST', '/api/authorisations', order({ events: ['intrusion'] }), admin), authorisationViewSchema);
    api.cameras.start();
    const status = () => api.cameras.view('gate')?.status;
    expect(status()).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^not authorised: authorisation AP-2025-0142 \(Préfecture du Rhône\) starts at /) });
    expect(await state('gate')).toMatchObject({ ok: false, reason: 'not_started', authorisation: { reference: 'AP-2025-0142' }, atMs: T0 + H });
    expect((await errorOf(api.call('GET', '/api/cameras/gate/snapshot.jpg', undefined, admin))).code).toBe('FORBIDDEN');

    clock.advance(H); // the window opens: the timer set at its start fires
    await settle();
    expect(status()?.state).not.toBe('failed');
    expect(await state('gate')).toMatchObject({ ok: true, inForce: ['AP-2025-0142'], events: ['intrusion'] });
    expect(journal('processing.started')[0]).toMatchObject({ target: 'gate', details: { events: ['intrusion'], authorisations: ['AP-2025-0142'] } });
    expect((await api.call('GET', '/api/cameras/gate/snapshot.jpg', undefined, admin)).status).toBe(404); // allowed; no frame in API tests

    clock.advance(2 * H); // the end
    await settle();
    expect(status()).toMatchObject({ state: 'failed', reason: expect.stringContaining('expired at') });
    expect(journal('authorisation.expired')).toHaveLength(1);
    expect(journal('authorisation.expired')[0]).toMatchObject({ target: a.id, details: { reference: 'AP-2025-0142', endMs: T0 + 3 * H } });
    expect(journal('processing.stopped')[0]).toMatchObject({ target: 'gate', details: { reason: 'expired', authorisation: 'AP-2025-0142', events: ['intrusion'] } });
    const live = await errorOf(api.call('GET', '/api/cameras/gate/snapshot.jpg', undefined, admin));
    expect(live).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('outside its authorisation: authorisation AP-2025-0142 (Préfecture du Rhône) expired at') });
    clock.advance(H);
    await settle();
    expect(journal('authorisation.expired')).toHaveLength(1); // once
  });

  it('kill switch: supervisors and admins engage it with why, the camera stops at once; only admins release it; journaled', async () => {
    await api.authorise({ cameraIds: ['gate'], events: ['intrusion'] });
    expect((await api.call('POST', '/api/cameras', camera('gate', ['intrusion']), admin)).status).toBe(201);
    const supervisor = await api.login('sam', 'supervisor');
    const operator = await api.login('olga', 'operator');

    expect((await api.call('POST', '/api/killswitch', { scope: 'camera', target: 'gate', why: 'x' }, operator)).status).toBe(403);
    expect((await errorOf(api.call('POST', '/api/killswitch', { scope: 'camera', target: 'gate' }, supervisor))).issues?.[0]).toMatch(/^why/);
    expect((await errorOf(api.call('POST', '/api/killswitch', { scope: 'global', target: 'gate', why: 'x' }, supervisor))).issues?.[0]).toMatch(/^target/);
    expect((await api.call('POST', '/api/killswitch', { scope: 'camera', target: 'nope', why: 'x' }, supervisor)).status).toBe(404);

    const engaged = await api.call('POST', '/api/killswitch', { scope: 'camera', target: 'gate', why: 'personne filmée à son domicile' }, supervisor);
    expect(engaged.status).toBe(201);
    const k = await read(engaged, killSwitchSchema);
    // Stopped before the answer came back.
    expect(api.cameras.view('gate')?.status).toMatchObject({ state: 'failed', reason: expect.stringContaining('stopped by a kill switch') });
    expect(await state('gate')).toMatchObject({ ok: false, reason: 'killed', killSwitch: { engagedBy: 'sam', engagedWhy: 'personne filmée à son domicile' } });
    expect(journal('killswitch.engage')[0]).toMatchObject({ actor: 'sam', target: 'gate', details: { scope: 'camera', why: 'personne filmée à son domicile' } });
    expect(journal('processing.stopped')[0]).toMatchObject({ target: 'gate', details: { reason: 'killed' } });
    expect((await api.call('POST', '/api/killswitch', { scope: 'camera', target: 'gate', why: 'again' }, supervisor)).status).toBe(409);
    expect((await api.call('GET', '/api/cameras/gate/snapshot.jpg', undefined, admin)).status).toBe(403);

    expect((await api.call('POST', `/api/killswitch/${k.id}/release`, { why: 'vérifié' }, supervisor)).status).toBe(403);
    const released = await read(api.call('POST', `/api/killswitch/${k.id}/release`, { why: 'vérifié' }, admin), killSwitchSchema);
    expect(released).toMatchObject({ releasedBy: 'admin', releasedWhy: 'vérifié' });
    expect(api.cameras.view('gate')?.status.state).not.toBe('failed');
    expect(journal('killswitch.release')[0]).toMatchObject({ actor: 'admin', details: { why: 'vérifié', engagedBy: 'sam' } });
    expect(journal('processing.started')[0]).toMatchObject({ target: 'gate' });
    expect((await api.call('POST', `/api/killswitch/${k.id}/release`, { why: 'again' }, admin)).status).toBe(409);
  });

  it('global kill switch stops every camera, even with no authorisation required', async () => {
    const loose = createTestApi({ requireAuthorisation: false });
    try {
      const cookie = await loose.admin();
      expect((await loose.call('POST', '/api/cameras', camera('a', ['fire']), cookie)).status).toBe(201);
      expect((await loose.call('POST', '/api/cameras', camera('b', ['weapon']), cookie)).status).toBe(201);
      expect((await loose.call('POST', '/api/killswitch', { scope: 'global', why: 'incident' }, cookie)).status).toBe(201);
      for (const id of ['a', 'b']) expect(loose.cameras.view(id)?.status).toMatchObject({ state: 'failed', reason: expect.stringContaining('kill switch (global)') });
      const s = await read(loose.call('GET', '/api/legal/state', undefined, cookie), legalStateSchema);
      expect(s.required).toBe(false);
      expect(s.killSwitches).toHaveLength(1);
    } finally {
      await loose.close();
    }
  });
});
