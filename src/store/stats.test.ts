import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, EventType } from '../core/types.ts';
import { openConsoleStore, type ConsoleStore } from './console-store.ts';
import type { AlertStatus } from './types.ts';
import { uptimeFraction, type StatusEntry } from './status-log.ts';
import { windowStartMs } from './stats.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2024, 5, 10, 12, 0, 0); // 2024-06-10 12:00 UTC

describe('uptimeFraction', () => {
  const e = (state: string, atMs: number): StatusEntry => ({ state, atMs });
  it.each<[string, StatusEntry[], number | undefined]>([
    ['nothing known', [], undefined],
    ['running all along (state from before the window)', [e('running', -50)], 1],
    ['half running', [e('running', 0), e('reconnecting', 50)], 0.5],
    ['unknown start left out', [e('connecting', 60), e('running', 80)], 0.5],
    ['failed then back', [e('running', 0), e('failed', 10), e('running', 30)], 0.8],
    ['entry at the end of the window only', [e('running', 100)], undefined],
  ])('%s', (_name, entries, expected) => {
    const f = uptimeFraction(entries, 0, 100);
    if (expected === undefined) expect(f).toBeUndefined();
    else expect(f).toBeCloseTo(expected, 9);
  });
});

describe('stats on a seeded database', () => {
  let dir: string;
  let store: ConsoleStore;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-stats-'));
    store = openConsoleStore({ dir });
    const rows: [EventType, string, number, AlertStatus, number?][] = [
      // type, camera, days ago, status, ack seconds
      ['intrusion', 'a', 0, 'confirmed', 10],
      ['intrusion', 'a', 0, 'false_alarm', 30],
      ['intrusion', 'b', 1, 'confirmed', 20],
      ['intrusion', 'b', 2, 'new'],
      ['fire', 'a', 6, 'duplicate', 60],
      ['fire', 'a', 7, 'confirmed', 5], // outside a 7-day window
    ];
    rows.forEach(([type, cameraId, daysAgo, status, ack], i) => {
      const createdAtMs = NOW - daysAgo * DAY - 3600_000;
      const alert: Alert = { id: `x${i}`, cameraId, type, tMs: 0, frameWallMs: createdAtMs, createdAtMs, score: 1, message: 'm' };
      store.alerts.insertAlert(alert);
      if (status !== 'new') store.decisions.decide(alert.id, { status, by: 'op', atMs: createdAtMs + (ack ?? 0) * 1000, correction: false });
    });
    const since = windowStartMs(7, NOW);
    store.statusLog.append('a', { state: 'running', atMs: since - DAY });
    store.statusLog.append('a', { state: 'failed', atMs: NOW - DAY, reason: 'gone' });
    store.statusLog.append('b', { state: 'running', atMs: NOW - 1000 });
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts by type, camera and day, with precision, ack time and uptime', () => {
    const s = store.stats({ days: 7, nowMs: NOW, cameraIds: ['a', 'b', 'c'] });
    expect(s.byType.intrusion).toEqual({ total: 4, confirmed: 2, falseAlarm: 1, duplicate: 0, pending: 1, precision: 2 / 3 });
    expect(s.byType.fire).toEqual({ total: 1, confirmed: 0, falseAlarm: 0, duplicate: 1, pending: 0, precision: null });
    expect(s.byType.weapon?.total).toBe(0);
    expect(s.byCamera).toEqual({ a: { total: 3 }, b: { total: 2 } });
    expect(s.byDay.map((d) => d.day)).toEqual(['2024-06-04', '2024-06-05', '2024-06-06', '2024-06-07', '2024-06-08', '2024-06-09', '2024-06-10']);
    expect(s.byDay.map((d) => d.total)).toEqual([1, 0, 0, 0, 1, 1, 2]);
    expect(s.byDay[6]!.byType).toEqual({ intrusion: 2 });
    expect(s.meanAckSeconds).toBe(30); // (10 + 30 + 20 + 60) / 4
    const windowMs = NOW + 1 - windowStartMs(7, NOW);
    expect(s.cameraUptime.a).toBeCloseTo((windowMs - DAY - 1) / windowMs, 6);
    expect(s.cameraUptime.b).toBe(1);
    expect(s.cameraUptime).not.toHaveProperty('c');
  });
});
