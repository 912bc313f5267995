/**
 * Only the eight events, and a signal that says what, where and when, never who (docs/legal.md).
 *
 * - The event types are one closed list, the same in the config, the API, the rules and the
 *   analyzers: anything else is refused at every edge.
 * - An alert carries exactly the keys below, in the type (checked by the compiler), in the
 *   documented API shape, in the database row, on the WebSocket and in the webhook body. Adding
 *   a face crop, a track embedding or any attribute of a person fails this file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertSink } from '../alerts/sink.ts';
import { storedAlertSchema } from '../api/doc-schemas.ts';
import { eventsCatalog } from '../api/events-catalog.ts';
import { createTestApi, type TestApi } from '../api/testing.ts';
import { ANALYZERS } from '../analyzers/registry.ts';
import { cameraSchema } from '../config/schema.ts';
import { EVENT_TYPES, type Alert, type Frame, type RuleEvent } from '../core/types.ts';
import { RULES } from '../rules/registry.ts';
import { openConsoleStore, type ConsoleStore } from '../store/console-store.ts';
import type { StoredAlert } from '../store/types.ts';
import { createActiveAlerts } from './live.ts';
import { createLatencyRecorder } from './latency.ts';
import { silentLogger } from './log.ts';
import { createWebhookDispatcher } from './webhooks.ts';
import { wireAlerts } from './wire-alerts.ts';
import type { ServerMessage } from '../api/doc-schemas.ts';

/** What an alert may say. `satisfies` makes the compiler refuse a key added to Alert and not here, or the reverse. */
const ALERT_KEYS = {
  id: true,
  cameraId: true,
  type: true,
  tMs: true,
  frameWallMs: true,
  createdAtMs: true,
  zoneId: true,
  trackId: true,
  box: true,
  score: true,
  message: true,
  details: true,
  snapshotPath: true,
} as const satisfies Record<keyof Alert, true>;

/** ...and what the console adds: the operator's decision, the evidence clip and whether retention purged its images. */
const STORED_ALERT_KEYS = {
  ...ALERT_KEYS,
  status: true,
  qualifiedAtMs: true,
  qualifiedBy: true,
  note: true,
  ackSeconds: true,
  clipPath: true,
  // Retention purged its images (a fact about the evidence, not about anyone).
  mediaPurged: true,
} as const satisfies Record<keyof StoredAlert, true>;

const ALLOWED = new Set<string>(Object.keys(STORED_ALERT_KEYS));
const keysOf = (value: unknown): string[] => Object.keys(value as object).sort();
const outside = (value: unknown, extra: readonly string[] = []): string[] => keysOf(value).filter((k) => !ALLOWED.has(k) && !extra.includes(k));

describe('the event types are one closed list', () => {
  const sorted = [...EVENT_TYPES].sort();

  it('eight of them, each with its rule; the analyzers serve only those', () => {
    expect(EVENT_TYPES).toHaveLength(8);
    expect(Object.keys(RULES).sort()).toEqual(sorted);
    expect(Object.keys(ANALYZERS).filter((k) => !(EVENT_TYPES as readonly string[]).includes(k))).toEqual([]);
    expect(eventsCatalog().map((e) => e.type).sort()).toEqual(sorted);
  });

  it.each(['face_recognition', 'person_search', 'loitering', ''])('the config refuses the event type %j', (type) => {
    expect(cameraSchema.safeParse({ id: 'c', url: 'a.mp4', events: [type] }).success).toBe(false);
  });

  describe('the API refuses an unknown event type', () => {
    let api: TestApi;
    let admin: string;
    beforeAll(async () => {
      api = createTestApi();
      admin = await api.admin();
    });
    afterAll(() => api.close());

    it.each<[string, string, string, unknown, string]>([
      ['a camera', 'POST', '/api/cameras', { id: 'c', url: 'https://cam.example/a.mp4', events: ['face_recognition'] }, 'events'],
      ['a webhook', 'POST', '/api/webhooks', { url: 'https://hooks.example/v', events: ['face_recognition'] }, 'events'],
      ['an alert filter', 'GET', '/api/alerts?type=face_recognition', undefined, 'type'],
    ])('%s', async (_what, method, url, body, field) => {
      const res = await api.call(method, url, body, admin);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(field);
    });
  });
});

describe('an alert carries the allowed keys only, at every exit', () => {
  let dir: string;
  let store: ConsoleStore;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-catalogue-'));
    store = openConsoleStore({ dir });
    store.webhooks.insert({ id: 'w1', url: 'https://rx.example/hook', secret: 's', events: [], createdAtMs: 0 });
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the documented API shape is the allowed set (plus the list-only "stored" flag)', () => {
    expect(keysOf(storedAlertSchema.shape)).toEqual([...ALLOWED, 'stored'].sort());
  });

  it('what a rule adds beyond the event fields is dropped: stored row, WebSocket and webhook body hold none of it', async () => {
    const sink = createAlertSink({ store: store.alerts, logger: silentLogger });
    const broadcast: ServerMessage[] = [];
    const bodies: string[] = [];
    const webhooks = createWebhookDispatcher({
      store: store.webhooks,
      logger: silentLogger,
      fetchImpl: async (_url, init) => {
        bodies.push(String(init?.body));
        return new Response(null, { status: 200 });
      },
    });
    wireAlerts({
      sink,
      store: store.alerts,
      hub: { broadcast: (m) => void broadcast.push(m) },
      latency: createLatencyRecorder(),
      active: createActiveAlerts(),
      clips: { onAlert: () => undefined },
      webhooks,
      logger: silentLogger,
    });
    const event = {
      type: 'intrusion',
      tMs: 1200,
      zoneId: 'yard',
      trackId: 4,
      box: { x1: 0.1, y1: 0.2, x2: 0.3, y2: 0.6 },
      score: 0.9,
      message: 'person in zone yard for 1.2 s',
      details: { dwellSeconds: 1.2 },
      // What must never travel with a signal:
      faceCrop: 'data:image/jpeg;base64,AAAA',
      embedding: [0.1, 0.2, 0.3],
      personName: 'someone',
    } as RuleEvent;
    const frame: Frame = { cameraId: 'gate', seq: 0, tMs: 1200, wallMs: 1, width: 8, height: 8, data: new Uint8Array(8 * 8 * 3) };
    const alert = await sink.emit(event, { cameraId: 'gate', frame, zones: [] });
    await webhooks.idle();
    await webhooks.close();

    // Every key of the alert is set here, so the check below also sees that none is lost.
    expect(keysOf(alert)).toEqual(Object.keys(ALERT_KEYS).sort());
    expect(outside(store.alerts.getAlert(alert.id))).toEqual([]);
    const sent = broadcast.find((m): m is Extract<ServerMessage, { type: 'alert' }> => m.type === 'alert');
    expect(sent && outside(sent.alert, ['stored'])).toEqual([]);
    expect(bodies).toHaveLength(1);
    expect(outside(JSON.parse(bodies[0] ?? '{}'))).toEqual([]);
  });
});
