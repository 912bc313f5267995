/**
 * Test support: fills a console store with known alerts, decisions, missed events and camera
 * history over the day DAY (2026-03-02), so that the report's counts are known:
 * intrusion 4 signals (2 confirmed, 1 false alarm, 1 pending), fire 2 (1 confirmed, 1 duplicate),
 * 3 missed events (2 weapon, 1 intrusion), camera yard running 20 h (failed once 4 h).
 */
import type { Alert, EventType } from '../core/types.ts';
import type { ConsoleStore } from '../store/console-store.ts';

const H = 3_600_000;
export const DAY = Date.UTC(2026, 2, 2);
export const DAY_TEXT = { from: '2026-03-02', to: '2026-03-03' } as const;

const alert = (n: number, type: EventType, atMs: number): Alert => ({
  id: `al-${n}`,
  cameraId: 'yard',
  type,
  tMs: n * 1000,
  frameWallMs: atMs,
  createdAtMs: atMs,
  score: 0.9,
  message: `${type} ${n}`,
});

const PLAN: readonly (readonly [EventType, 'confirmed' | 'false_alarm' | 'duplicate' | undefined])[] = [
  ['intrusion', 'confirmed'],
  ['intrusion', 'confirmed'],
  ['intrusion', 'false_alarm'],
  ['intrusion', undefined],
  ['fire', 'confirmed'],
  ['fire', 'duplicate'],
];

export function fillReportStore(store: ConsoleStore): void {
  PLAN.forEach(([type, status], i) => {
    const atMs = DAY + (i + 1) * H;
    store.alerts.insertAlert(alert(i + 1, type, atMs));
    if (status) store.decisions.decide(`al-${i + 1}`, { status, by: 'ana', atMs: atMs + 60_000, correction: false });
  });
  store.alerts.insertAlert(alert(99, 'intrusion', DAY - H)); // the day before: not counted
  for (const [type, h] of [['weapon', 2], ['weapon', 3], ['intrusion', 4]] as const) {
    store.missedEvents.declare({ cameraId: 'yard', type, atMs: DAY + h * H, declaredBy: 'ana', declaredAtMs: DAY + 23 * H });
  }
  store.statusLog.append('yard', { state: 'running', atMs: DAY - H });
  store.statusLog.append('yard', { state: 'failed', atMs: DAY + 8 * H });
  store.statusLog.append('yard', { state: 'running', atMs: DAY + 12 * H });
}
