import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalInput } from '../store/journal.ts';
import { journalWriter } from '../store/journal.ts';
import { ALERT_CLIP_ROUTE, ALERT_IMAGE_ROUTE, createMediaViews, type MediaViews } from './journal-views.ts';
import { createTestApi, type TestApi } from './testing.ts';

const access = (atMs: number, action: string, target: string, status = 200, actor = 'ana'): JournalInput => ({ atMs, actor, action, target, details: { status, address: '10.0.0.2' } });

describe('views of alert media', () => {
  // [what happens, accesses in order, then a sweep at, the actions written (in order)]
  const scenarios: [string, JournalInput[], number, string[]][] = [
    ['the queue shows 3 thumbnails: one row, after the minute', [access(0, ALERT_IMAGE_ROUTE, 'a1'), access(10, ALERT_IMAGE_ROUTE, 'a2'), access(20, ALERT_IMAGE_ROUTE, 'a3')], 59_999, []],
    ['the minute ended: the row of the three', [access(0, ALERT_IMAGE_ROUTE, 'a1'), access(10, ALERT_IMAGE_ROUTE, 'a2'), access(20, ALERT_IMAGE_ROUTE, 'a3')], 60_000, ['alert.images']],
    ['two accounts: a row each', [access(0, ALERT_IMAGE_ROUTE, 'a1'), access(5, ALERT_IMAGE_ROUTE, 'a1', 200, 'bo')], 60_005, ['alert.images', 'alert.images']],
    ['a missing image is a row of its own at once', [access(0, ALERT_IMAGE_ROUTE, 'a9', 404)], 0, [ALERT_IMAGE_ROUTE]],
    ['a clip played (range requests): one row', [access(0, ALERT_CLIP_ROUTE, 'a1', 206), access(300, ALERT_CLIP_ROUTE, 'a1', 206), access(900, ALERT_CLIP_ROUTE, 'a1', 206)], 1000, [ALERT_CLIP_ROUTE]],
    ['a clip polled while encoded, then played: a row each', [access(0, ALERT_CLIP_ROUTE, 'a1', 202), access(1000, ALERT_CLIP_ROUTE, 'a1', 202), access(2000, ALERT_CLIP_ROUTE, 'a1', 200)], 3000, [ALERT_CLIP_ROUTE, ALERT_CLIP_ROUTE]],
    ['the same clip again two minutes later: a second view', [access(0, ALERT_CLIP_ROUTE, 'a1', 200), access(120_000, ALERT_CLIP_ROUTE, 'a1', 200)], 120_000, [ALERT_CLIP_ROUTE, ALERT_CLIP_ROUTE]],
    ['two clips: a row each', [access(0, ALERT_CLIP_ROUTE, 'a1'), access(1, ALERT_CLIP_ROUTE, 'a2')], 2, [ALERT_CLIP_ROUTE, ALERT_CLIP_ROUTE]],
    ['the detail view: a row per view', [access(0, 'GET /api/alerts/:id', 'a1'), access(1, 'GET /api/alerts/:id', 'a1')], 2, ['GET /api/alerts/:id', 'GET /api/alerts/:id']],
  ];
  it.each(scenarios)('%s', (_what, accesses, sweepAt, written) => {
    const rows: JournalInput[] = [];
    const views = createMediaViews((e) => void rows.push(e));
    for (const a of accesses) {
      const e = views.admit(a);
      if (e) rows.push(e);
    }
    views.sweep(sweepAt);
    expect(rows.map((r) => r.action)).toEqual(written);
  });

  it('an image row lists the alerts and counts the requests; flush() writes the open windows (shutdown)', () => {
    const rows: JournalInput[] = [];
    const views = createMediaViews((e) => void rows.push(e), { windowMs: 60_000, maxListed: 2, maxKeys: 10 });
    for (const [t, id] of [[0, 'a1'], [5, 'a2'], [7, 'a1'], [9, 'a3']] as const) views.admit(access(t, ALERT_IMAGE_ROUTE, id));
    views.flush();
    expect(rows).toEqual([{ atMs: 9, actor: 'ana', action: 'alert.images', details: { alerts: ['a1', 'a2'], count: 4, fromMs: 0, toMs: 9 } }]);
  });
});

describe('views journaled through the API', () => {
  let api: TestApi;
  let views: MediaViews;
  let now = 1_000_000;
  beforeEach(() => {
    api = createTestApi({ nowMs: () => now, mediaViews: (views = createMediaViews(journalWriter({ append: (e) => api.store.journal.append(e) }, () => undefined))) });
    const media = api.store.alerts.mediaDir;
    mkdirSync(path.join(media, 'gate'), { recursive: true });
    for (const n of [1, 2, 3]) {
      writeFileSync(path.join(media, `gate/al-${n}.jpg`), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
      api.store.alerts.insertAlert({ id: `al-${n}`, cameraId: 'gate', type: 'intrusion', tMs: n, frameWallMs: now, createdAtMs: now, score: 0.9, message: 'm', snapshotPath: `gate/al-${n}.jpg` });
    }
    writeFileSync(path.join(media, 'gate/al-1.mp4'), Buffer.from('0123456789'));
    api.store.alerts.setClipPath(['al-1'], 'gate/al-1.mp4');
  });
  afterEach(() => api.close());

  it('the queue with its thumbnails, then an alert opened and its clip played: one row per view', async () => {
    const admin = await api.admin();
    const seqBefore = api.store.journal.list({ limit: 1 })[0]!.seq;
    await api.call('GET', '/api/alerts', undefined, admin);
    for (const n of [1, 2, 3]) expect((await api.call('GET', `/api/alerts/al-${n}/snapshot.jpg`, undefined, admin)).status).toBe(200);
    await api.call('GET', '/api/alerts/al-1', undefined, admin);
    for (const range of ['bytes=0-3', 'bytes=4-9']) {
      const res = await api.app.request('/api/alerts/al-1/clip.mp4', { headers: { Cookie: `vigie_session=${admin}`, Range: range } });
      expect(res.status).toBe(206);
    }
    now += 60_000;
    views.sweep(now);
    const rows = api.store.journal.list().filter((e) => e.seq > seqBefore).reverse();
    expect(rows.map((e) => [e.action, e.target ?? ''])).toEqual([
      ['GET /api/alerts', ''],
      ['GET /api/alerts/:id', 'al-1'],
      ['GET /api/alerts/:id/clip.mp4', 'al-1'],
      ['alert.images', ''],
    ]);
    expect(rows[3]!.details).toMatchObject({ alerts: ['al-1', 'al-2', 'al-3'], count: 3 });
    expect(rows[3]!.actor).toBe('admin');
  });
});
