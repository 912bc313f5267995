import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cameraSchema } from '../config/schema.ts';
import { cameraForJournal, changes, stableJson } from './journal-changes.ts';
import { createTestApi, type TestApi } from './testing.ts';

describe('changes', () => {
  // [what changed, before, after, the changes journaled]
  const cases: [string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>][] = [
    ['nothing', { a: 1, p: { x: 1, y: 2 } }, { a: 1, p: { y: 2, x: 1 } }, {}],
    ['a field', { a: 1, b: true }, { a: 1, b: false }, { b: { from: true, to: false } }],
    ['a nested value', { p: { x: 1 } }, { p: { x: 2 } }, { p: { from: { x: 1 }, to: { x: 2 } } }],
    ['a field added and one removed', { name: 'Gate' }, { loop: true }, { loop: { from: null, to: true }, name: { from: 'Gate', to: null } }],
    ['a list reordered', { events: ['fire', 'intrusion'] }, { events: ['intrusion', 'fire'] }, { events: { from: ['fire', 'intrusion'], to: ['intrusion', 'fire'] } }],
  ];
  it.each(cases)('%s', (_what, before, after, expected) => expect(changes(before, after)).toEqual(expected));

  it('compares objects whatever their key order', () => expect(stableJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}'));

  it('masks the password of a stream URL and drops the live state', () => {
    const c = cameraSchema.parse({ id: 'gate', url: 'rtsp://op:s3cret@10.0.0.5/stream' });
    expect(cameraForJournal({ ...c, status: { state: 'running' }, stats: {} })).toEqual({ ...c, url: 'rtsp://op:***@10.0.0.5/stream' });
  });
});

describe('configuration and account changes journaled with before and after', () => {
  let api: TestApi;
  let admin: string;
  beforeEach(async () => {
    api = createTestApi();
    admin = await api.admin();
  });
  afterEach(() => api.close());

  const camera = (over: Record<string, unknown> = {}) => ({ id: 'gate', url: 'rtsp://op:s3cret@10.0.0.5/stream', enabled: false, events: ['intrusion'], ...over });

  it('a camera added, changed, removed: its configuration after, the fields changed, its configuration before', async () => {
    expect((await api.call('POST', '/api/cameras', camera(), admin)).status).toBe(201);
    expect((await api.call('PUT', '/api/cameras/gate', camera({ name: 'Main gate', events: ['intrusion', 'fire'] }), admin)).status).toBe(200);
    expect((await api.call('DELETE', '/api/cameras/gate', undefined, admin)).status).toBe(204);
    const rows = api.store.journal.list({ action: 'camera.' }).reverse();
    expect(rows.map((e) => [e.actor, e.action, e.target])).toEqual([
      ['admin', 'camera.created', 'gate'],
      ['admin', 'camera.updated', 'gate'],
      ['admin', 'camera.deleted', 'gate'],
    ]);
    expect(rows[0]!.details).toMatchObject({ after: { id: 'gate', url: 'rtsp://op:***@10.0.0.5/stream', enabled: false, events: ['intrusion'] } });
    expect(rows[1]!.details).toEqual({ changes: { events: { from: ['intrusion'], to: ['intrusion', 'fire'] }, name: { from: null, to: 'Main gate' } } });
    expect(rows[2]!.details).toMatchObject({ before: { id: 'gate', name: 'Main gate', url: 'rtsp://op:***@10.0.0.5/stream' } });
    expect(JSON.stringify(api.store.journal.list())).not.toContain('s3cret');
  });

  it('an account created, its role changed, disabled, its password reset, deleted: never a password or its hash', async () => {
    expect((await api.call('POST', '/api/users', { username: 'olga', password: 'user-pass-1', role: 'operator' }, admin)).status).toBe(201);
    await api.call('PATCH', '/api/users/olga', { role: 'supervisor' }, admin);
    await api.call('PATCH', '/api/users/olga', { disabled: true }, admin);
    await api.call('POST', '/api/users/olga/password', { password: 'other-pass-2' }, admin);
    expect((await api.call('DELETE', '/api/users/olga', undefined, admin)).status).toBe(204);
    const rows = api.store.journal.list({ action: 'account.' }).reverse().filter((e) => e.target === 'olga');
    expect(rows.map((e) => [e.actor, e.action, e.details ?? {}])).toEqual([
      ['admin', 'account.created', { role: 'operator' }],
      ['admin', 'account.role', { from: 'operator', to: 'supervisor' }],
      ['admin', 'account.disabled', {}],
      ['admin', 'account.password-reset', {}],
      ['admin', 'account.deleted', { role: 'supervisor', disabled: true }],
    ]);
    const text = JSON.stringify(api.store.journal.list());
    for (const secret of ['user-pass-1', 'other-pass-2', 'scrypt']) expect(text).not.toContain(secret);
  });
});
