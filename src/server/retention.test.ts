import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { retentionSchema, type RetentionPolicy } from '../config/retention.ts';
import type { Alert } from '../core/types.ts';
import { openConsoleStore, type ConsoleStore } from '../store/console-store.ts';
import { createFakeClock } from './fake-clock.ts';
import { createRetention, DAY_MS, purgeByKind, RETENTION_INTERVAL_MS, RETRY_FIRST_MS, type RetentionStore } from './retention.ts';

const NOW = 1_800_000_000_000;
const DEFAULTS: RetentionPolicy = retentionSchema.parse(undefined);
const YEAR = 365;

function alert(id: string, ageDays: number, media: { snapshot?: string } = {}): Alert {
  const at = NOW - ageDays * DAY_MS;
  return { id, cameraId: 'cam', type: 'intrusion', tMs: 0, frameWallMs: at, createdAtMs: at, score: 0.9, message: `${ageDays} days old`, ...(media.snapshot ? { snapshotPath: media.snapshot } : {}) };
}

function writeMedia(store: ConsoleStore, rel: string): void {
  const abs = path.join(store.alerts.mediaDir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, 'bytes');
}

/** An alert with a snapshot and a clip of its own, both on disk. */
function alertWithMedia(store: ConsoleStore, id: string, ageDays: number): void {
  writeMedia(store, `cam/${id}.jpg`);
  writeMedia(store, `cam/${id}.mp4`);
  store.alerts.insertAlert(alert(id, ageDays, { snapshot: `cam/${id}.jpg` }));
  store.alerts.setClipPath([id], `cam/${id}.mp4`);
}

const logger = (lines: string[] = [], errors: string[] = []) => ({ info: (m: string) => void lines.push(m), error: (m: string) => void errors.push(m) });

describe('retention per kind, default durations (media 30 days, signals 12 months, journal 3 years)', () => {
  let dir: string;
  let store: ConsoleStore;
  const media = (id: string): boolean => existsSync(path.join(store.alerts.mediaDir, `cam/${id}.jpg`)) && existsSync(path.join(store.alerts.mediaDir, `cam/${id}.mp4`));

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-retention-'));
    store = openConsoleStore({ dir });
    for (const [id, age] of [['a1', 1], ['a29', 29], ['a31', 31], ['a200', 200], ['a364', 364], ['a366', 366], ['a395', 395]] as const) alertWithMedia(store, id, age);
    // In the order they were written: oldest first (the journal purges from the start of its chain).
    for (const age of [4 * YEAR, 1096, 1094, 2 * YEAR, 400]) store.journal.append({ atMs: NOW - age * DAY_MS, actor: 'ana', action: 'login', target: `${age}` });
    for (const id of ['a200', 'a395']) store.decisions.decide(id, { status: 'confirmed', by: 'ana', atMs: NOW - 10 * DAY_MS, correction: false });
    store.journal.append({ atMs: NOW - DAY_MS, actor: 'ana', action: 'login', target: '1' });
    store.systemAlerts.save({ id: 's-closed-old', kind: 'disk_low', message: 'low', raisedAtMs: NOW - 401 * DAY_MS, clearedAtMs: NOW - 400 * DAY_MS });
    store.systemAlerts.save({ id: 's-closed-recent', kind: 'disk_low', message: 'low', raisedAtMs: NOW - 101 * DAY_MS, clearedAtMs: NOW - 100 * DAY_MS });
    store.systemAlerts.save({ id: 's-open-old', kind: 'camera_lost', target: 'cam', message: 'lost', raisedAtMs: NOW - 500 * DAY_MS });
    store.webhooks.insert({ id: 'h', url: 'http://127.0.0.1:9/x', secret: 's', events: [], createdAtMs: NOW - 600 * DAY_MS });
    for (const age of [400, 100]) {
      store.webhooks.enqueue([{ id: `d${age}`, webhookId: 'h', event: 'alert', alertId: `a${age}`, body: '{}', atMs: NOW - age * DAY_MS }]);
      store.webhooks.recordAttempt({ deliveryId: `d${age}`, webhookId: 'h', attempt: 1, ok: true, status: 200, atMs: NOW - age * DAY_MS }, { state: 'delivered' });
    }
    for (const [state, age] of [['connecting', 500], ['running', 400], ['reconnecting', 370], ['running', 300]] as const) store.statusLog.append('cam', { state, atMs: NOW - age * DAY_MS });
    store.users.insert({ username: 'ana', passwordHash: 'h', role: 'operator', createdAtMs: NOW - 700 * DAY_MS });
    store.sessions.insert({ tokenHash: 'expired', username: 'ana', createdAtMs: NOW - 2 * DAY_MS, expiresAtMs: NOW - DAY_MS });
    store.sessions.insert({ tokenHash: 'live', username: 'ana', createdAtMs: NOW, expiresAtMs: NOW + DAY_MS });
    const s = purgeByKind(store, NOW, DEFAULTS);
    // Media first: the alerts past 12 months lose their images too, then their rows.
    expect(s).toMatchObject({ mediaAlerts: 5, files: 10, fileFailures: 0, alerts: 2, decisions: 1, systemAlerts: 1, deliveries: 2, statusEntries: 2, sessions: 1, journalEntries: 2, failed: [] });
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    // id, age in days, row kept, media kept
    ['a1', 1, true, true],
    ['a29', 29, true, true],
    ['a31', 31, true, false],
    ['a200', 200, true, false],
    ['a364', 364, true, false],
    ['a366', 366, false, false],
    ['a395 (13 months)', 395, false, false],
  ] as const)('alert %s: %i days old, row kept %s, media kept %s', (label, _age, rowKept, mediaKept) => {
    const id = label.split(' ')[0]!;
    const a = store.alerts.getAlert(id);
    expect(a !== undefined).toBe(rowKept);
    expect(media(id)).toBe(mediaKept);
    if (!a) return;
    // A kept alert either has both its paths and no purge mark, or neither path and the mark.
    if (mediaKept) expect(a).toMatchObject({ snapshotPath: `cam/${id}.jpg`, clipPath: `cam/${id}.mp4` });
    else expect([a.snapshotPath, a.clipPath, a.mediaPurged]).toEqual([undefined, undefined, true]);
    if (mediaKept) expect(a.mediaPurged).toBeUndefined();
  });

  it('keeps the decisions of a kept alert; the purged alert takes its decisions with it', () => {
    expect(store.decisions.history('a200').map((d) => d.toStatus)).toEqual(['confirmed']);
    expect(store.alerts.getAlert('a200')?.status).toBe('confirmed');
    expect(store.decisions.history('a395')).toEqual([]);
  });

  it.each([
    [1, true],
    [400, true],
    [2 * YEAR, true],
    [1094, true],
    [1096, false],
    [4 * YEAR, false],
  ])('journal entry %i days old kept: %s', (age, kept) => {
    expect(store.journal.list({ action: 'login' }).some((e) => e.target === `${age}`)).toBe(kept);
  });

  it('signals: closed system alerts past 12 months go, open ones stay; deliveries and camera status history go past 12 months', () => {
    expect(store.systemAlerts.recent(10).map((a) => a.id)).toEqual(['s-closed-recent', 's-open-old']);
    expect(store.webhooks.deliveries('h').map((d) => d.id)).toEqual(['d100']);
    // The camera's state at the cutoff (reconnecting since 370 days) survives: uptime stays computable.
    expect(store.statusLog.window('cam', NOW - YEAR * DAY_MS, NOW).map((e) => e.state)).toEqual(['reconnecting', 'running']);
  });

  it('sessions: the expired ones go', () => {
    expect(store.sessions.find('live', NOW)).toEqual({ username: 'ana', role: 'operator' });
    expect(store.sessions.purgeExpired(NOW)).toBe(0);
  });

  it('a second run finds nothing more', () => {
    expect(purgeByKind(store, NOW, DEFAULTS)).toMatchObject({ mediaAlerts: 0, files: 0, alerts: 0, journalEntries: 0, systemAlerts: 0, deliveries: 0, statusEntries: 0, failed: [] });
  });
});

describe('the retention job', () => {
  let dir: string;
  let store: ConsoleStore;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-retention-'));
    store = openConsoleStore({ dir });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('journals one retention.purge entry per run with the durations, the cutoffs and the counts per kind, and logs it', () => {
    alertWithMedia(store, 'old', 40);
    store.journal.append({ atMs: NOW - 1100 * DAY_MS, action: 'login' });
    store.journal.append({ atMs: NOW - DAY_MS, action: 'login' }); // the newest entry always stays
    const lines: string[] = [];
    const clock = createFakeClock(NOW);
    const r = createRetention({ store, policy: DEFAULTS, logger: logger(lines), nowMs: clock.nowMs, scheduler: clock.scheduler });
    r.runOnce();
    r.close();
    const entries = store.journal.list({ action: 'retention.purge' });
    expect(entries.map((e) => [e.atMs, e.actor, e.details])).toEqual([
      [
        NOW,
        undefined,
        {
          mediaDays: 30,
          signalsDays: 365,
          journalDays: 1095,
          mediaBeforeMs: NOW - 30 * DAY_MS,
          signalsBeforeMs: NOW - 365 * DAY_MS,
          journalBeforeMs: NOW - 1095 * DAY_MS,
          mediaAlerts: 1,
          files: 2,
          fileFailures: 0,
          alerts: 0,
          decisions: 0,
          systemAlerts: 0,
          deliveries: 0,
          statusEntries: 0,
          sessions: 0,
          journalEntries: 1,
        },
      ],
    ]);
    expect(lines).toEqual([
      'retention: media 30 days, signals 365 days, journal 1095 days',
      'retention: media before 2026-12-16 (30 days): 1 alert(s) lost their images, 2 file(s) deleted; signals before 2026-01-15 (365 days): 0 alert(s) with 0 decision(s), 0 system alert(s), 0 webhook delivery record(s), 0 camera status record(s); 0 expired session(s); journal before 2024-01-16 (1095 days): 1 entry(ies)',
    ]);
  });

  it('runs every hour on its own clock: an alert 29 days old loses its images once it is past 30 days, and keeps its row', () => {
    alertWithMedia(store, 'a', 29);
    const clock = createFakeClock(NOW);
    const r = createRetention({ store, policy: DEFAULTS, logger: logger(), nowMs: clock.nowMs, scheduler: clock.scheduler });
    r.runOnce();
    expect(store.alerts.getAlert('a')?.snapshotPath).toBe('cam/a.jpg');
    const hours = (n: number): void => {
      for (let i = 0; i < n; i++) clock.advance(RETENTION_INTERVAL_MS);
    };
    hours(24);
    expect(store.alerts.getAlert('a')?.mediaPurged).toBeUndefined();
    hours(24);
    expect(store.alerts.getAlert('a')).toMatchObject({ id: 'a', mediaPurged: true });
    expect(existsSync(path.join(store.alerts.mediaDir, 'cam'))).toBe(false);
    // One entry at start, then one an hour over two days.
    expect(store.journal.list({ action: 'retention.purge', limit: 1000 })).toHaveLength(1 + 48);
    r.close();
    clock.advance(DAY_MS);
    expect(clock.pending()).toBe(0);
  });

  it('a failing step is journaled and logged, the others still run, and the run is tried again sooner, then hourly once it works', () => {
    alertWithMedia(store, 'old', 40);
    let broken = true;
    const failing: RetentionStore = {
      ...store,
      journal: {
        ...store.journal,
        purgeBefore: (ms) => {
          if (broken) throw new Error('disk I/O error');
          return store.journal.purgeBefore(ms);
        },
      },
    };
    const errors: string[] = [];
    const clock = createFakeClock(NOW);
    const r = createRetention({ store: failing, policy: DEFAULTS, logger: logger([], errors), nowMs: clock.nowMs, scheduler: clock.scheduler });
    const s = r.runOnce();
    expect(s).toMatchObject({ mediaAlerts: 1, failed: ['journal'] });
    expect(errors).toEqual(['retention: the journal purge failed: disk I/O error', 'retention: tried again in 5 min']);
    expect(store.journal.list({ action: 'retention.purge' })[0]?.details).toMatchObject({ mediaAlerts: 1, failed: ['journal'] });
    const runs = (): number => store.journal.list({ action: 'retention.purge', limit: 100 }).length;
    clock.advance(RETRY_FIRST_MS);
    expect(runs()).toBe(2);
    clock.advance(2 * RETRY_FIRST_MS); // the second retry waits twice as long
    expect(runs()).toBe(3);
    broken = false;
    clock.advance(4 * RETRY_FIRST_MS);
    expect(runs()).toBe(4);
    expect(store.journal.list({ action: 'retention.purge' })[0]?.details).not.toHaveProperty('failed');
    clock.advance(RETENTION_INTERVAL_MS - 1);
    expect(runs()).toBe(4);
    clock.advance(1);
    expect(runs()).toBe(5);
    r.close();
  });

  it('a media file that cannot be deleted keeps its path (the alert is not marked purged) and is tried again at the next run', () => {
    const stuck = path.join(store.alerts.mediaDir, 'cam/stuck.jpg');
    mkdirSync(stuck, { recursive: true }); // a folder: unlink fails
    store.alerts.insertAlert(alert('stuck', 40, { snapshot: 'cam/stuck.jpg' }));
    const first = purgeByKind(store, NOW, DEFAULTS);
    expect(first).toMatchObject({ mediaAlerts: 0, fileFailures: 1, failed: ['media'] });
    expect(store.alerts.getAlert('stuck')).toMatchObject({ snapshotPath: 'cam/stuck.jpg' });
    expect(store.alerts.getAlert('stuck')?.mediaPurged).toBeUndefined();
    rmSync(stuck, { recursive: true });
    writeFileSync(stuck, 'jpeg');
    expect(purgeByKind(store, NOW, DEFAULTS)).toMatchObject({ mediaAlerts: 1, files: 1, failed: [] });
    expect(store.alerts.getAlert('stuck')?.mediaPurged).toBe(true);
  });

  it('a clip shared with a newer alert stays for it; the older alert loses its own images', () => {
    writeMedia(store, 'cam/old.jpg');
    writeMedia(store, 'cam/shared.mp4');
    store.alerts.insertAlert(alert('old', 30 + 1 / 86_400, { snapshot: 'cam/old.jpg' })); // one second past 30 days
    store.alerts.insertAlert(alert('new', 30 - 1 / 86_400)); // two seconds later
    store.alerts.setClipPath(['old', 'new'], 'cam/shared.mp4');
    expect(purgeByKind(store, NOW, DEFAULTS)).toMatchObject({ mediaAlerts: 1, files: 1 });
    expect(store.alerts.getAlert('old')?.mediaPurged).toBe(true);
    expect(store.alerts.getAlert('new')).toMatchObject({ clipPath: 'cam/shared.mp4' });
    expect(existsSync(path.join(store.alerts.mediaDir, 'cam/shared.mp4'))).toBe(true);
  });

  it('shorter durations purge sooner; an alert never recorded with images past the media cutoff reads as purged', () => {
    store.alerts.insertAlert(alert('bare', 10));
    expect(store.alerts.getAlert('bare')?.mediaPurged).toBeUndefined();
    const short = retentionSchema.parse({ mediaDays: 7, signalsDays: 20, journalDays: 183 });
    expect(purgeByKind(store, NOW, short)).toMatchObject({ mediaAlerts: 0, alerts: 0 });
    expect(store.alerts.getAlert('bare')?.mediaPurged).toBe(true);
    expect(purgeByKind(store, NOW + 11 * DAY_MS, short)).toMatchObject({ alerts: 1 });
  });

  it('says at start that the old retention.days is deprecated and how it was read', () => {
    const lines: string[] = [];
    const r = createRetention({ store, policy: retentionSchema.parse({ days: 90 }), logger: logger(lines), scheduler: createFakeClock(NOW).scheduler });
    r.close();
    expect(lines[0]).toBe(
      'warning: retention.days (90) is deprecated; it stands for mediaDays and signalsDays where they are not set, each lowered to its ceiling (media 30, signals 365 days): media kept 30 days, signals 90 days; write retention.mediaDays and retention.signalsDays instead',
    );
  });
});
