import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../core/types.ts';
import { cameraSchema } from '../config/schema.ts';
import { z } from 'zod';
import { alertDetailSchema, bulkQualifyResultSchema, statsSchema, storedAlertSchema } from './doc-schemas.ts';
import { createTestApi, errorOf, read, type TestApi } from './testing.ts';

const NOW = Date.UTC(2024, 5, 10, 12);
const alert = (n: number, over: Partial<Alert> = {}): Alert => ({
  id: `al-${n}`,
  cameraId: 'gate',
  type: 'intrusion',
  tMs: 1000 * n,
  frameWallMs: NOW - 60_000 + n,
  createdAtMs: NOW - 60_000 + n * 1000,
  zoneId: 'yard',
  box: { x1: 0.2, y1: 0.2, x2: 0.4, y2: 0.6 },
  score: 0.9,
  message: 'person in zone yard for 1.0 s',
  ...over,
});

describe('alerts API', () => {
  let api: TestApi;
  let admin: string;
  beforeEach(async () => {
    api = createTestApi({ nowMs: () => NOW });
    admin = await api.admin();
    api.store.cameras.insert(
      cameraSchema.parse({ id: 'gate', url: '/x.mp4', enabled: false, events: ['intrusion'], zones: [{ id: 'yard', kind: 'forbidden', polygon: [[0, 0], [1, 0], [1, 1]] }], params: { minDwellSeconds: 2 } }),
      NOW,
    );
    for (let n = 1; n <= 3; n++) api.store.alerts.insertAlert(alert(n, n === 3 ? { type: 'fire', cameraId: 'hall', zoneId: undefined } : {}));
  });
  afterEach(() => api.close());

  it('lists with filters, newest first', async () => {
    const ids = async (q: string): Promise<string[]> => (await read(api.call('GET', `/api/alerts${q}`, undefined, admin), z.array(storedAlertSchema))).map((a) => a.id);
    expect(await ids('')).toEqual(['al-3', 'al-2', 'al-1']);
    expect(await ids('?type=intrusion&limit=1')).toEqual(['al-2']);
    expect(await ids('?cameraId=hall')).toEqual(['al-3']);
    expect(await ids(`?since=${NOW - 60_000 + 2000}&until=${NOW - 60_000 + 3000}`)).toEqual(['al-2']);
    expect(await ids('?status=new')).toHaveLength(3);
    const bad = await api.call('GET', '/api/alerts?type=theft&limit=0', undefined, admin);
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues).toHaveLength(2);
  });

  it('gives one alert with its zone and the parameters of its camera', async () => {
    const one = await read(api.call('GET', '/api/alerts/al-1', undefined, admin), alertDetailSchema);
    expect(one.zone).toEqual({ id: 'yard', kind: 'forbidden', polygon: [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }] });
    expect(one.params?.minDwellSeconds).toBe(2);
    const orphan = await read(api.call('GET', '/api/alerts/al-3', undefined, admin), alertDetailSchema);
    expect(orphan.params).toBeNull();
    expect((await api.call('GET', '/api/alerts/none', undefined, admin)).status).toBe(404);
  });

  it('says when retention purged the images: the alert stays, marked mediaPurged, its snapshot and clip are gone (404)', async () => {
    const media = api.store.alerts.mediaDir;
    mkdirSync(path.join(media, 'gate'), { recursive: true });
    writeFileSync(path.join(media, 'gate/al-9.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    api.store.alerts.insertAlert(alert(9, { id: 'al-9', snapshotPath: 'gate/al-9.jpg' }));
    api.store.alerts.purgeMediaBefore(NOW);
    const one = await read(api.call('GET', '/api/alerts/al-9', undefined, admin), alertDetailSchema);
    expect(one).toMatchObject({ id: 'al-9', mediaPurged: true });
    expect(one.snapshotPath).toBeUndefined();
    expect((await read(api.call('GET', '/api/alerts', undefined, admin), z.array(storedAlertSchema))).every((a) => a.mediaPurged === true)).toBe(true);
    expect((await api.call('GET', '/api/alerts/al-9/snapshot.jpg', undefined, admin)).status).toBe(404);
    expect((await api.call('GET', '/api/alerts/al-9/clip.mp4', undefined, admin)).status).toBe(404);
  });

  it('qualifies with who, when and the ack time, and tells the broadcaster', async () => {
    const op = await api.login('olga', 'operator');
    const res = await api.call('POST', '/api/alerts/al-1/qualify', { status: 'false_alarm', note: 'a shadow' }, op);
    expect(res.status).toBe(200);
    const q = await read(res, storedAlertSchema);
    expect(q).toMatchObject({ id: 'al-1', status: 'false_alarm', note: 'a shadow', qualifiedBy: 'olga', qualifiedAtMs: NOW, ackSeconds: 59 });
    expect(api.qualified.map((a) => a.id)).toEqual(['al-1']);
    expect(api.store.alerts.getAlert('al-1')?.status).toBe('false_alarm');

    const auditor = await api.login('audrey', 'auditor');
    expect((await api.call('POST', '/api/alerts/al-2/qualify', { status: 'confirmed' }, auditor)).status).toBe(403);
    expect((await api.call('POST', '/api/alerts/al-2/qualify', { status: 'new' }, op)).status).toBe(400);
    expect((await api.call('POST', '/api/alerts/al-2/qualify', { status: 'confirmed', note: 'x'.repeat(2001) }, op)).status).toBe(400);
    expect((await api.call('POST', '/api/alerts/zz/qualify', { status: 'confirmed' }, op)).status).toBe(404);
  });

  it('refuses a second qualification with 409 naming the status, who and when; keeps the first note', async () => {
    const op = await api.login('olga', 'operator');
    const other = await api.login('oscar', 'operator');
    expect((await api.call('POST', '/api/alerts/al-1/qualify', { status: 'confirmed', note: 'patrol sent' }, op)).status).toBe(200);
    const again = await api.call('POST', '/api/alerts/al-1/qualify', { status: 'false_alarm' }, other);
    expect(again.status).toBe(409);
    const error = await errorOf(again);
    expect(error.message).toContain('already qualified: confirmed by olga at 2024-06-10T12:00:00.000Z');
    expect(error.decided).toEqual({ status: 'confirmed', by: 'olga', atMs: Date.parse('2024-06-10T12:00:00.000Z') });
    expect(api.store.alerts.getAlert('al-1')).toMatchObject({ status: 'confirmed', qualifiedBy: 'olga', note: 'patrol sent' });
    expect(api.qualified.map((a) => a.id)).toEqual(['al-1']);
  });

  it('lets only a supervisor or an admin correct, with a note, and shows the whole history', async () => {
    const op = await api.login('olga', 'operator');
    const sup = await api.login('sam', 'supervisor');
    expect((await api.call('POST', '/api/alerts/al-1/correct', { status: 'false_alarm', note: 'x' }, sup)).status).toBe(409);
    await api.call('POST', '/api/alerts/al-1/qualify', { status: 'confirmed', note: 'patrol sent' }, op);
    expect((await api.call('POST', '/api/alerts/al-1/correct', { status: 'false_alarm', note: 'shadow' }, op)).status).toBe(403);
    expect((await api.call('POST', '/api/alerts/al-1/correct', { status: 'false_alarm' }, sup)).status).toBe(400);
    expect((await api.call('POST', '/api/alerts/al-1/correct', { status: 'false_alarm', note: '  ' }, sup)).status).toBe(400);
    const fixed = await read(api.call('POST', '/api/alerts/al-1/correct', { status: 'false_alarm', note: 'a shadow on the clip' }, sup), storedAlertSchema);
    expect(fixed).toMatchObject({ status: 'false_alarm', qualifiedBy: 'olga', note: 'patrol sent' });
    expect((await api.call('POST', '/api/alerts/al-1/correct', { status: 'duplicate', note: 'same as al-2' }, admin)).status).toBe(200);
    const detail = await read(api.call('GET', '/api/alerts/al-1', undefined, op), alertDetailSchema);
    expect(detail.decisions.map(({ by, fromStatus, toStatus, note, correction }) => [by, fromStatus, toStatus, note, correction])).toEqual([
      ['olga', 'new', 'confirmed', 'patrol sent', false],
      ['sam', 'confirmed', 'false_alarm', 'a shadow on the clip', true],
      ['admin', 'false_alarm', 'duplicate', 'same as al-2', true],
    ]);
    expect(api.store.journal.list({ action: 'alert.' }).map((e) => e.action)).toEqual(['alert.correct', 'alert.correct', 'alert.qualify']);
  });

  it('qualifies a queue group in one call, each journaled, refusing the qualified and unknown ones', async () => {
    const op = await api.login('olga', 'operator');
    await api.call('POST', '/api/alerts/al-2/qualify', { status: 'confirmed' }, op);
    const res = await read(api.call('POST', '/api/alerts/qualify', { ids: ['al-1', 'al-2', 'zz', 'al-1'], status: 'duplicate', note: 'same person' }, op), bulkQualifyResultSchema);
    expect(res.qualified.map((a) => [a.id, a.status, a.note])).toEqual([['al-1', 'duplicate', 'same person']]);
    expect(res.refused.map((r) => [r.id, r.code])).toEqual([['al-2', 'CONFLICT'], ['zz', 'NOT_FOUND']]);
    expect(api.store.alerts.getAlert('al-2')?.status).toBe('confirmed');
    expect(api.store.journal.list({ action: 'alert.qualify' }).map((e) => e.target)).toEqual(['al-1', 'al-2']);
    expect(api.qualified.map((a) => a.id)).toEqual(['al-2', 'al-1']);
    const auditor = await api.login('audrey', 'auditor');
    expect((await api.call('POST', '/api/alerts/qualify', { ids: ['al-3'], status: 'confirmed' }, auditor)).status).toBe(403);
    expect((await api.call('POST', '/api/alerts/qualify', { ids: [], status: 'confirmed' }, op)).status).toBe(400);
  });

  it('serves the snapshot, the clip (with ranges), and 202 while the clip is encoded', async () => {
    const media = api.store.alerts.mediaDir;
    mkdirSync(path.join(media, 'gate/d'), { recursive: true });
    writeFileSync(path.join(media, 'gate/d/al-1.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    writeFileSync(path.join(media, 'gate/d/al-1.mp4'), Buffer.from('0123456789'));
    api.store.alerts.insertAlert(alert(9, { id: 'al-9', snapshotPath: 'gate/d/al-1.jpg' }));
    api.store.alerts.setClipPath(['al-9'], 'gate/d/al-1.mp4');

    const snap = await api.call('GET', '/api/alerts/al-9/snapshot.jpg', undefined, admin);
    expect(snap.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await snap.arrayBuffer())).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    expect((await api.call('GET', '/api/alerts/al-1/snapshot.jpg', undefined, admin)).status).toBe(404);

    const clip = await api.app.request('/api/alerts/al-9/clip.mp4', { headers: { Cookie: `vigie_session=${admin}`, Range: 'bytes=2-5' } });
    expect(clip.status).toBe(206);
    expect(clip.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await clip.text()).toBe('2345');
    expect((await api.call('GET', '/api/alerts/al-9/clip.mp4', undefined, admin)).status).toBe(200);

    api.pendingClips.add('al-1');
    const pending = await api.call('GET', '/api/alerts/al-1/clip.mp4', undefined, admin);
    expect(pending.status).toBe(202);
    expect(await pending.json()).toEqual({ pending: true });
    expect((await api.call('GET', '/api/alerts/al-2/clip.mp4', undefined, admin)).status).toBe(404);
  });

  it('computes the dashboard over the window', async () => {
    await api.call('POST', '/api/alerts/al-1/qualify', { status: 'confirmed' }, admin);
    const stats = await read(api.call('GET', '/api/stats?days=2', undefined, admin), statsSchema);
    expect(stats.byType.intrusion).toMatchObject({ total: 2, confirmed: 1, pending: 1, precision: 1 });
    expect(stats.byDay.map((d) => d.day)).toEqual(['2024-06-09', '2024-06-10']);
    expect(stats.meanAckSeconds).toBe(59);
    expect((await api.call('GET', '/api/stats?days=0', undefined, admin)).status).toBe(400);
  });
});
