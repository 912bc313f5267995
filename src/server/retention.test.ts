import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../core/types.ts';
import { openConsoleStore, type ConsoleStore } from '../store/console-store.ts';
import { createRetention, DAY_MS, purgeOlderThan } from './retention.ts';

const NOW = 1_800_000_000_000;

function alert(ageDays: number, n: number, snapshotPath?: string): Alert {
  const at = NOW - ageDays * DAY_MS;
  return {
    id: `${at}-${n}`,
    cameraId: 'cam',
    type: 'intrusion',
    tMs: 0,
    frameWallMs: at,
    createdAtMs: at,
    score: 0.9,
    message: `${ageDays} days old`,
    ...(snapshotPath ? { snapshotPath } : {}),
  };
}

describe('retention', () => {
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

  it('deletes what is older than the retention (alerts with their files, deliveries, status history), keeps the rest', () => {
    for (const [age, n] of [[45, 1], [31, 2], [29, 3], [1, 4]] as const) {
      const rel = `cam/a${n}.jpg`;
      mkdirSync(path.join(store.alerts.mediaDir, 'cam'), { recursive: true });
      writeFileSync(path.join(store.alerts.mediaDir, rel), 'jpeg');
      store.alerts.insertAlert(alert(age, n, rel));
    }
    store.webhooks.insert({ id: 'h', url: 'http://127.0.0.1:9/x', secret: 's', events: [], createdAtMs: NOW - 60 * DAY_MS });
    for (const age of [40, 20]) {
      store.webhooks.enqueue([{ id: `d${age}`, webhookId: 'h', event: 'alert', alertId: `a${age}`, body: '{}', atMs: NOW - age * DAY_MS }]);
      store.webhooks.recordAttempt({ deliveryId: `d${age}`, webhookId: 'h', attempt: 1, ok: true, status: 200, atMs: NOW - age * DAY_MS }, { state: 'delivered' });
    }
    for (const [state, age] of [['connecting', 50], ['running', 49], ['reconnecting', 35], ['running', 34], ['ended', 2]] as const) {
      store.statusLog.append('cam', { state, atMs: NOW - age * DAY_MS });
    }

    const s = purgeOlderThan(store, NOW, 30, 365);
    expect(s).toMatchObject({ alerts: 2, files: 2, fileFailures: 0, deliveries: 2, statusEntries: 3 });
    expect(store.alerts.listAlerts().map((a) => a.message)).toEqual(['1 days old', '29 days old']);
    expect(existsSync(path.join(store.alerts.mediaDir, 'cam/a1.jpg'))).toBe(false);
    expect(existsSync(path.join(store.alerts.mediaDir, 'cam/a3.jpg'))).toBe(true);
    expect(store.webhooks.deliveries('h').map((d) => d.updatedAtMs)).toEqual([NOW - 20 * DAY_MS]);
    // The camera's state at the cutoff (running since 34 days) survives: uptime stays computable.
    expect(store.statusLog.window('cam', NOW - 30 * DAY_MS, NOW).map((e) => e.state)).toEqual(['running', 'ended']);
    expect(purgeOlderThan(store, NOW, 30, 365)).toMatchObject({ alerts: 0, deliveries: 0, statusEntries: 0 });
  });

  it('keeps the journal for journalDays, independently of the alerts', () => {
    store.journal.append({ atMs: NOW - 400 * DAY_MS, actor: 'ana', action: 'login' });
    store.journal.append({ atMs: NOW - 40 * DAY_MS, actor: 'ana', action: 'login' });
    expect(purgeOlderThan(store, NOW, 30, 365).journalEntries).toBe(1);
    expect(store.journal.list().map((e) => e.atMs)).toEqual([NOW - 40 * DAY_MS]);
  });

  it('a longer retention keeps more', () => {
    store.alerts.insertAlert(alert(45, 1));
    expect(purgeOlderThan(store, NOW, 60, 365).alerts).toBe(0);
    expect(purgeOlderThan(store, NOW, 30, 365).alerts).toBe(1);
  });

  it('a failed purge is logged and returns nothing; the server goes on', () => {
    const errors: string[] = [];
    const broken = {
      ...store,
      alerts: {
        ...store.alerts,
        purgeBefore: () => {
          throw new Error('disk I/O error');
        },
      },
    };
    const r = createRetention({ store: broken, days: 30, journalDays: 365, logger: { info: () => undefined, error: (m) => void errors.push(m) }, nowMs: () => NOW });
    expect(r.runOnce()).toBeUndefined();
    expect(errors).toEqual(['retention: purge failed, retried in an hour: disk I/O error']);
    r.close();
  });

  it('logs what it deleted, and stays silent when there was nothing', () => {
    const infos: string[] = [];
    store.alerts.insertAlert(alert(40, 1));
    const r = createRetention({ store, days: 30, journalDays: 365, logger: { info: (m) => void infos.push(m), error: () => undefined }, nowMs: () => NOW });
    r.runOnce();
    r.runOnce();
    r.close();
    expect(infos).toEqual(['retention (30 days): deleted 1 alert(s) and 0 media file(s), 0 webhook delivery record(s), 0 camera status record(s), 0 journal entry(ies) (365 days)']);
    // The purge itself is journaled, once (the second run deleted nothing).
    expect(store.journal.list({ action: 'retention.purge' }).map((e) => e.details)).toEqual([
      { days: 30, journalDays: 365, alerts: 1, files: 0, fileFailures: 0, deliveries: 0, statusEntries: 0, sessions: 0, journalEntries: 0 },
    ]);
  });
});
