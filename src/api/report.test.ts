import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cameraSchema } from '../config/schema.ts';
import { DAY, DAY_TEXT, fillReportStore } from '../report/testing.ts';
import { missedEventDocSchema, reportDocSchema } from './report-schemas.ts';
import { createTestApi, errorOf, read, type TestApi } from './testing.ts';

const NOW = DAY + 30 * 3_600_000;

describe('missed events and evaluation report API', () => {
  let api: TestApi;
  let admin: string;
  beforeEach(async () => {
    api = createTestApi({ nowMs: () => NOW });
    admin = await api.admin();
    api.store.cameras.insert(cameraSchema.parse({ id: 'yard', url: '/x.mp4', enabled: false, events: ['intrusion'] }), NOW);
    fillReportStore(api.store);
  });
  afterEach(() => api.close());
  const url = (format?: string) => `/api/report?from=${DAY_TEXT.from}&to=${DAY_TEXT.to}${format ? `&format=${format}` : ''}`;

  it('gives auditors and admins the indicators of the period as JSON, and journals it', async () => {
    const auditor = await api.login('aude', 'auditor');
    for (const cookie of [admin, auditor]) {
      const report = await read(api.call('GET', url(), undefined, cookie), reportDocSchema);
      expect(report.events.find((e) => e.type === 'intrusion')).toMatchObject({ signals: 4, confirmed: 2, falseAlarms: 1, pending: 1, missed: 1 });
      expect(report.totals).toMatchObject({ signals: 6, confirmed: 3, falseAlarms: 1, duplicates: 1, missed: 3 });
      expect(report.authorisations).toBeUndefined();
      expect(report.journal.ok).toBe(true);
    }
    expect(api.store.journal.list({ action: 'report.generate' }).map((e) => [e.actor, e.details])).toEqual([
      ['aude', { fromMs: DAY, toMs: DAY + 86_400_000, format: 'json' }],
      ['admin', { fromMs: DAY, toMs: DAY + 86_400_000, format: 'json' }],
    ]);
  });

  it('answers the HTML and CSV reports as attachments', async () => {
    const html = await api.call('GET', url('html'), undefined, admin);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-disposition')).toBe('attachment; filename="vigie-report-2026-03-02-2026-03-03.html"');
    expect(await html.text()).toContain("<h1>Rapport d'évaluation</h1>");
    const csv = await api.call('GET', url('csv'), undefined, admin);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\r\n')).toContain('events,fire,2,1,0,1,0,1,60000,60000,0,,');
  });

  it.each(['operator', 'supervisor'] as const)('refuses the report to a %s', async (role) => {
    const cookie = await api.login('olga', role);
    const res = await api.call('GET', url(), undefined, cookie);
    expect(res.status).toBe(403);
  });

  it.each([
    ['from=2026-03-03&to=2026-03-02', 'to: must come after from'],
    ['from=2026-3-2&to=2026-03-03', 'from: a date YYYY-MM-DD'],
    ['to=2026-03-03', 'from'],
  ])('refuses the query %s', async (query, message) => {
    const res = await api.call('GET', `/api/report?${query}`, undefined, admin);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain(message);
  });

  it('lets an operator declare a missed event, journaled, counted by the report; refuses auditors', async () => {
    const operator = await api.login('olga', 'operator');
    const body = { cameraId: 'yard', type: 'fire', atMs: DAY + 5 * 3_600_000, note: 'smoke seen by a patrol' };
    const res = await api.call('POST', '/api/missed-events', body, operator);
    expect(res.status).toBe(201);
    const event = missedEventDocSchema.parse(await res.json());
    expect(event).toMatchObject({ ...body, declaredBy: 'olga', declaredAtMs: NOW });
    expect(api.store.journal.list({ action: 'missed.declare' })).toMatchObject([{ actor: 'olga', target: event.id, details: { after: event } }]);
    const auditor = await api.login('aude', 'auditor');
    expect((await api.call('POST', '/api/missed-events', body, auditor)).status).toBe(403);
    const listed = await read(api.call('GET', `/api/missed-events?since=${DAY}&until=${DAY + 86_400_000}`, undefined, auditor), z.array(missedEventDocSchema));
    expect(listed.map((e) => e.type)).toEqual(['weapon', 'weapon', 'intrusion', 'fire']);
    const report = await read(api.call('GET', url(), undefined, admin), reportDocSchema);
    expect(report.events.find((e) => e.type === 'fire')?.missed).toBe(1);
  });

  it('refuses a missed event on an unknown camera or of an unknown type', async () => {
    expect((await api.call('POST', '/api/missed-events', { cameraId: 'nowhere', type: 'fire', atMs: DAY }, admin)).status).toBe(404);
    expect((await api.call('POST', '/api/missed-events', { cameraId: 'yard', type: 'face', atMs: DAY }, admin)).status).toBe(400);
  });
});
