import { describe, expect, it } from 'vitest';
import { computeReport, percentile, statusSpans } from './indicators.ts';
import type { ReportAlert, ReportInput } from './types.ts';

const H = 3_600_000;
const FROM = Date.UTC(2026, 2, 1);
const TO = FROM + 24 * H;

const alert = (type: string, status: ReportAlert['status'], atMs: number, ackS?: number): ReportAlert => ({
  cameraId: 'yard',
  type,
  status,
  createdAtMs: atMs,
  ...(ackS !== undefined ? { firstDecisionAtMs: atMs + ackS * 1000 } : {}),
});

const base: ReportInput = {
  fromMs: FROM,
  toMs: TO,
  generatedAtMs: TO + H,
  alerts: [
    alert('intrusion', 'confirmed', FROM + H, 10),
    alert('intrusion', 'confirmed', FROM + 2 * H, 30),
    alert('intrusion', 'false_alarm', FROM + 3 * H, 20),
    alert('intrusion', 'duplicate', FROM + 4 * H, 40),
    alert('intrusion', 'new', FROM + 5 * H),
    alert('fire', 'false_alarm', FROM + 6 * H, 100),
    alert('intrusion', 'confirmed', FROM - 1, 5), // before the period
    alert('intrusion', 'confirmed', TO, 5), // the end is excluded
  ],
  missed: [
    { cameraId: 'yard', type: 'weapon', atMs: FROM + H },
    { cameraId: 'yard', type: 'intrusion', atMs: FROM + 2 * H },
    { cameraId: 'yard', type: 'weapon', atMs: TO + 1 },
  ],
  statusHistory: [
    // running from before the period, failed 2 h, running again, reconnecting 30 min, running to the end
    { cameraId: 'yard', entries: [{ state: 'running', atMs: FROM - H }, { state: 'failed', atMs: FROM + 10 * H }, { state: 'running', atMs: FROM + 12 * H }, { state: 'reconnecting', atMs: FROM + 20 * H }, { state: 'running', atMs: FROM + 20.5 * H }] },
    // starts in the middle of the period, stopped 6 h later
    { cameraId: 'gate', entries: [{ state: 'running', atMs: FROM + 12 * H }, { state: 'stopped', atMs: FROM + 18 * H }] },
    { cameraId: 'idle', entries: [] },
  ],
  systemAlerts: [
    { kind: 'camera_lost', raisedAtMs: FROM + 10 * H },
    { kind: 'disk_low', raisedAtMs: FROM + 11 * H },
    { kind: 'camera_lost', raisedAtMs: TO + H },
  ],
  accounts: [
    { username: 'ana', role: 'operator' },
    { username: 'bob', role: 'operator' },
    { username: 'cy', role: 'supervisor' },
    { username: 'dee', role: 'auditor' },
  ],
  habilitations: [
    { username: 'ana', authority: 'Préfet', reference: 'A-1', grantedAtMs: FROM - 10 * H, recordedAtMs: FROM, recordedBy: 'admin' },
    { username: 'bob', authority: 'Préfet', reference: 'A-2', grantedAtMs: FROM - 10 * H, recordedAtMs: FROM, recordedBy: 'admin', withdrawn: { atMs: FROM, by: 'admin', why: 'left' } },
  ],
  trainings: [
    { id: 1, username: 'ana', kind: 'data_protection', atMs: FROM - H, trainer: 'CNIL', recordedAtMs: FROM, recordedBy: 'admin' },
    { id: 2, username: 'ana', kind: 'tool_use', atMs: FROM - H, trainer: 'Vigie', recordedAtMs: FROM, recordedBy: 'admin' },
    { id: 3, username: 'cy', kind: 'tool_use', atMs: FROM - H, trainer: 'Vigie', recordedAtMs: FROM, recordedBy: 'admin' },
  ],
  journal: { ok: true, entries: 12, lastSignedSeq: 10 },
};

describe('computeReport', () => {
  const r = computeReport(base);
  const ev = (type: string) => r.events.find((e) => e.type === type)!;

  it.each([
    // type, signals, confirmed, false alarms, duplicates, pending, precision, mean ack ms, p95 ack ms, missed
    ['intrusion', 5, 2, 1, 1, 1, 2 / 3, 25_000, 40_000, 1],
    ['fire', 1, 0, 1, 0, 0, 0, 100_000, 100_000, 0],
    ['weapon', 0, 0, 0, 0, 0, undefined, undefined, undefined, 1],
    ['person_down', 0, 0, 0, 0, 0, undefined, undefined, undefined, 0],
  ] as const)('counts %s: %i signals, %i confirmed, %i false alarms, %i duplicates, %i pending', (type, signals, confirmed, falseAlarms, duplicates, pending, precision, meanAckMs, p95AckMs, missed) => {
    expect(ev(type)).toEqual({
      type,
      signals,
      confirmed,
      falseAlarms,
      duplicates,
      pending,
      missed,
      ...(precision !== undefined ? { precision } : {}),
      ...(meanAckMs !== undefined ? { meanAckMs } : {}),
      ...(p95AckMs !== undefined ? { p95AckMs } : {}),
    });
  });

  it('lists the eight event types of the catalogue and totals them', () => {
    expect(r.events).toHaveLength(8);
    expect(r.totals).toMatchObject({ signals: 6, confirmed: 2, falseAlarms: 2, duplicates: 1, pending: 1, precision: 0.5, missed: 2 });
  });

  it('counts the hours each camera was running, clipped to the period', () => {
    expect(r.cameras.perCamera).toEqual([
      { cameraId: 'gate', hours: 6 },
      { cameraId: 'idle', hours: 0 },
      { cameraId: 'yard', hours: 21.5 },
    ]);
    expect(r.cameras).toMatchObject({ analysed: 2, hours: 27.5 });
  });

  it('counts failures, reconnections and system alerts of the period', () => {
    expect(r.outages).toEqual({
      failed: { count: 1, totalMs: 2 * H },
      reconnecting: { count: 1, totalMs: 0.5 * H },
      systemAlerts: { camera_lost: 1, disk_low: 1, store_failed: 0 },
    });
  });

  it('counts operators and supervisors habilitated, withdrawn and missing a training', () => {
    expect(r.people).toEqual({ accounts: 3, habilitated: 1, withdrawn: 1, trainingMissing: 2 });
  });

  it('says authorisations were not recorded without a provider, and lists those of the period with one', () => {
    expect(r.authorisations).toBeUndefined();
    const auth = { reference: 'AP-2026-01', authority: 'Préfet de police', startMs: FROM - H, endMs: TO + H, cameraIds: ['yard'], eventTypes: ['intrusion'] };
    const old = { ...auth, reference: 'AP-2025-01', startMs: FROM - 100 * H, endMs: FROM - 50 * H };
    const ks = { scope: 'camera', target: 'yard', engagedAtMs: FROM + H, engagedBy: 'admin', why: 'test', releasedAtMs: FROM + 2 * H };
    const withAuth = computeReport({ ...base, authorisations: () => [auth, old], killSwitches: () => [ks] });
    expect(withAuth.authorisations).toEqual({ list: [auth], killSwitches: [ks] });
  });
});

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 95, undefined],
    [[7], 95, 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 95, 19],
    [[3, 1, 2], 50, 2],
  ] as const)('of %j at %i is %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('statusSpans', () => {
  it('merges repeated states and clips to the period', () => {
    expect(statusSpans([{ state: 'running', atMs: 0 }, { state: 'running', atMs: 5 }, { state: 'failed', atMs: 8 }], 2, 10)).toEqual([
      { state: 'running', startMs: 2, endMs: 8 },
      { state: 'failed', startMs: 8, endMs: 10 },
    ]);
  });
});
