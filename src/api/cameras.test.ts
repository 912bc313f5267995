import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cameraTestResultSchema, cameraViewSchema, eventInfoSchema } from './doc-schemas.ts';
import { createTestApi, errorOf, read, type TestApi } from './testing.ts';

const square = [[0.1, 0.1], [0.9, 0.1], [0.9, 0.9], [0.1, 0.9]];
const camera = (over: Record<string, unknown> = {}) => ({
  id: 'gate',
  url: 'rtsp://10.0.0.5/stream',
  events: ['intrusion'],
  zones: [{ id: 'yard', kind: 'forbidden', polygon: square }],
  ...over,
});

describe('cameras API', () => {
  let api: TestApi;
  let admin: string;
  beforeEach(async () => {
    api = createTestApi({ testCamera: async (url) => ({ ok: false, reason: `cannot open ${url}` }) });
    admin = await api.admin();
  });
  afterEach(() => api.close());

  it('adds, lists, updates and removes a camera, persisted in the database', async () => {
    const created = await api.call('POST', '/api/cameras', camera(), admin);
    expect(created.status).toBe(201);
    const view = await read(created, cameraViewSchema);
    expect(view).toMatchObject({ id: 'gate', enabled: true, params: { minDwellSeconds: 1 }, stats: { fps: 0, dropped: 0 } });
    expect(['connecting', 'failed']).toContain(view.status.state);
    expect((await api.call('POST', '/api/cameras', camera(), admin)).status).toBe(409);

    const updated = await api.call('PUT', '/api/cameras/gate', camera({ name: 'Main gate', enabled: false }), admin);
    expect(updated.status).toBe(200);
    expect((await read(updated, cameraViewSchema)).status.state).toBe('ended');
    expect(api.store.cameras.get('gate')?.name).toBe('Main gate');
    const list = await read(api.call('GET', '/api/cameras', undefined, admin), z.array(cameraViewSchema));
    expect(list.map((c) => [c.id, c.name])).toEqual([['gate', 'Main gate']]);

    expect((await api.call('DELETE', '/api/cameras/gate', undefined, admin)).status).toBe(204);
    expect(api.store.cameras.list().cameras).toEqual([]);
    expect((await api.call('DELETE', '/api/cameras/gate', undefined, admin)).status).toBe(404);
  });

  it.each<[string, string, string, unknown, number, string[] | undefined]>([
    ['a bad URL scheme', 'POST', '/api/cameras', camera({ url: 'ftp://cam/x' }), 400, ['url: unsupported URL scheme (use rtsp, rtsps, http, https or a file path)']],
    ['a self-intersecting polygon', 'POST', '/api/cameras', camera({ zones: [{ id: 'z', kind: 'forbidden', polygon: [[0.1, 0.1], [0.9, 0.9], [0.9, 0.1], [0.1, 0.9]] }] }), 400, ['zones[0].polygon: polygon edges cross each other (self-intersecting)']],
    ['a tiny polygon', 'POST', '/api/cameras', camera({ zones: [{ id: 'z', kind: 'forbidden', polygon: [[0.1, 0.1], [0.11, 0.1], [0.1, 0.11]] }] }), 400, ['zones[0].polygon: polygon is too small (area under 0.1 % of the frame)']],
    ['duplicate zone ids', 'POST', '/api/cameras', camera({ zones: [{ id: 'z', kind: 'forbidden', polygon: square }, { id: 'z', kind: 'watch', polygon: square }] }), 400, ['zones[1].id: duplicate zone id "z"']],
    ['an unknown key and a bad id', 'POST', '/api/cameras', camera({ id: 'a b', colour: 'red' }), 400, ['id: camera id: letters, digits, _ and - only (1-64)', 'colour: unknown key']],
    ['malformed JSON', 'POST', '/api/cameras', '{"id": "gate",', 400, undefined],
    ['an empty body', 'POST', '/api/cameras', '', 400, undefined],
    ['an oversized body', 'POST', '/api/cameras', JSON.stringify(camera({ name: 'x'.repeat(1_100_000) })), 413, undefined],
    ['an unknown camera', 'PUT', '/api/cameras/nope', camera({ id: 'nope' }), 404, undefined],
    ['an id that does not match the URL', 'PUT', '/api/cameras/gate', camera({ id: 'other' }), 400, ['id: must match the URL']],
    ['the snapshot of an unknown camera', 'GET', '/api/cameras/nope/snapshot.jpg', undefined, 404, undefined],
    ['an unknown route', 'GET', '/api/nothing-here', undefined, 404, undefined],
  ])('answers %s with a clear 4xx', async (_name, method, url, body, status, issues) => {
    const res = await api.call(method, url, body, admin);
    expect(res.status).toBe(status);
    const err = await errorOf(res);
    expect(err.message).toEqual(expect.any(String));
    if (issues) expect(err.issues).toEqual(expect.arrayContaining(issues));
    expect(api.store.cameras.list().cameras).toEqual([]);
  });

  it('answers the snapshot of a camera with no frame yet with 404', async () => {
    await api.call('POST', '/api/cameras', camera(), admin);
    const res = await api.call('GET', '/api/cameras/gate/snapshot.jpg', undefined, admin);
    expect(res.status).toBe(404);
  });

  it('tests a connection through the injected prober, validating the URL first', async () => {
    expect(await read(api.call('POST', '/api/cameras/test', { url: 'rtsp://x/y' }, admin), cameraTestResultSchema)).toEqual({ ok: false, reason: 'cannot open rtsp://x/y' });
    expect((await api.call('POST', '/api/cameras/test', { url: 'gopher://x' }, admin)).status).toBe(400);
  });

  it('describes the eight events with their parameters', async () => {
    const events = await read(api.call('GET', '/api/events', undefined, admin), z.array(eventInfoSchema));
    expect(events).toHaveLength(8);
    const intrusion = events.find((e) => e.type === 'intrusion');
    expect(intrusion?.zoneKind).toBe('forbidden');
    expect(intrusion?.params).toContainEqual({ key: 'minDwellSeconds', default: 1, description: 'time inside the zone before it counts' });
    const all = events.flatMap((e) => e.params.map((p) => p.key));
    expect(new Set(all).size).toBe(all.length);
  });
});
