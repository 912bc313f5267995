import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../core/types.ts';
import { VigieError } from '../core/errors.ts';
import { LATEST_VERSION } from './migrations.ts';
import { DB_FILE, clampLimit, openStore } from './store.ts';
import type { AlertFilter, Store } from './types.ts';

const T0 = 1_700_000_000_000;

function alert(n: number, over: Partial<Alert> = {}): Alert {
  return {
    id: `${T0 + n * 1000}-${String(n).padStart(4, '0')}`,
    cameraId: n % 2 === 0 ? 'front' : 'back',
    type: n % 3 === 0 ? 'wrong_way' : 'intrusion',
    tMs: n * 1000 + 0.5,
    frameWallMs: T0 + n * 1000 - 20,
    createdAtMs: T0 + n * 1000,
    score: 0.5 + n / 100,
    message: `alert ${n}`,
    ...over,
  };
}

function expectStoreFailed(fn: () => unknown): VigieError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(VigieError);
    expect((err as VigieError).code).toBe('STORE_FAILED');
    return err as VigieError;
  }
  throw new Error('expected STORE_FAILED, nothing was thrown');
}

describe('openStore', () => {
  let dir: string;
  let store: Store | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-store-'));
  });
  afterEach(() => {
    store?.close();
    store = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the folder, the database in WAL mode at the latest schema, and media/', () => {
    const sub = path.join(dir, 'nested', 'data');
    store = openStore({ dir: sub });
    expect(existsSync(path.join(sub, DB_FILE))).toBe(true);
    expect(existsSync(path.join(sub, 'media'))).toBe(true);
    expect(store.mediaDir).toBe(path.join(sub, 'media'));
    store.close();
    const db = new Database(path.join(sub, DB_FILE), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('round-trips a full alert and a minimal one', () => {
    store = openStore({ dir });
    const full = alert(1, {
      zoneId: 'quay',
      trackId: 42,
      box: { x1: 0.1, y1: 0.2, x2: 0.3, y2: 0.4 },
      details: { dwellMs: 1200, zone: 'quay' },
      snapshotPath: 'back/2023-11-14/x.jpg',
    });
    const minimal = alert(2);
    store.insertAlert(full);
    store.insertAlert(minimal);
    expect(store.getAlert(full.id)).toEqual({ ...full, status: 'new' });
    expect(store.getAlert(minimal.id)).toEqual({ ...minimal, status: 'new' });
    expect(store.getAlert('nope')).toBeUndefined();
  });

  it('refuses a duplicate id with STORE_FAILED', () => {
    store = openStore({ dir });
    store.insertAlert(alert(1));
    const s = store;
    expectStoreFailed(() => s.insertAlert(alert(1)));
  });

  describe('listAlerts', () => {
    const ids = (f: AlertFilter): number[] => store!.listAlerts(f).map((a) => Number(a.message.split(' ')[1]));
    beforeEach(() => {
      store = openStore({ dir });
      for (let n = 1; n <= 12; n++) store.insertAlert(alert(n));
    });

    it.each<[string, AlertFilter, number[]]>([
      ['no filter, newest first', {}, [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]],
      ['by camera', { cameraId: 'front' }, [12, 10, 8, 6, 4, 2]],
      ['by type', { type: 'wrong_way' }, [12, 9, 6, 3]],
      ['camera and type', { cameraId: 'back', type: 'wrong_way' }, [9, 3]],
      ['since (inclusive)', { sinceMs: T0 + 10_000 }, [12, 11, 10]],
      ['until (exclusive)', { untilMs: T0 + 3000 }, [2, 1]],
      ['window', { sinceMs: T0 + 4000, untilMs: T0 + 7000 }, [6, 5, 4]],
      ['limit', { limit: 2 }, [12, 11]],
      ['all filters', { cameraId: 'front', type: 'intrusion', sinceMs: T0 + 3000, limit: 2 }, [10, 8]],
      ['no match', { cameraId: 'side' }, []],
    ])('%s', (_name, filter, expected) => {
      expect(ids(filter)).toEqual(expected);
    });
  });

  it.each([
    [undefined, 100],
    [0, 1],
    [-5, 1],
    [2.7, 2],
    [1e9, 10_000],
    [Number.NaN, 100],
  ])('clampLimit(%s) = %s', (input, expected) => {
    expect(clampLimit(input)).toBe(expected);
  });

  it('purgeBefore deletes the older alerts and their snapshots, and nothing else', () => {
    store = openStore({ dir });
    const media = store.mediaDir;
    for (let n = 1; n <= 4; n++) {
      const rel = `cam/d${n}/a${n}.jpg`;
      mkdirSync(path.dirname(path.join(media, rel)), { recursive: true });
      writeFileSync(path.join(media, rel), 'jpeg');
      store.insertAlert(alert(n, { snapshotPath: rel }));
    }
    store.insertAlert(alert(0)); // no snapshot
    const r = store.purgeBefore(T0 + 3000);
    expect(r).toEqual({ alerts: 3, decisions: 0, files: 2, fileFailures: [] });
    expect(store.listAlerts().map((a) => a.message)).toEqual(['alert 4', 'alert 3']);
    expect(existsSync(path.join(media, 'cam/d1'))).toBe(false);
    expect(existsSync(path.join(media, 'cam/d2'))).toBe(false);
    expect(existsSync(path.join(media, 'cam/d3/a3.jpg'))).toBe(true);
    expect(existsSync(path.join(media, 'cam/d4/a4.jpg'))).toBe(true);
    expect(store.purgeBefore(T0 + 3000)).toEqual({ alerts: 0, decisions: 0, files: 0, fileFailures: [] });
  });

  it('purgeMediaBefore deletes the older snapshots, keeps their alerts marked mediaPurged, and never moves its boundary back', () => {
    store = openStore({ dir });
    const media = store.mediaDir;
    for (let n = 1; n <= 3; n++) {
      const rel = `cam/d${n}/a${n}.jpg`;
      mkdirSync(path.dirname(path.join(media, rel)), { recursive: true });
      writeFileSync(path.join(media, rel), 'jpeg');
      store.insertAlert(alert(n, { snapshotPath: rel }));
    }
    expect(store.purgeMediaBefore(T0 + 2500)).toEqual({ alerts: 2, files: 2, fileFailures: [] });
    const shown = (): [string, string | undefined, boolean | undefined][] => store!.listAlerts().map((a) => [a.message, a.snapshotPath, a.mediaPurged]);
    expect(shown()).toEqual([['alert 3', 'cam/d3/a3.jpg', undefined], ['alert 2', undefined, true], ['alert 1', undefined, true]]);
    expect(existsSync(path.join(media, 'cam/d1'))).toBe(false);
    expect(existsSync(path.join(media, 'cam/d3/a3.jpg'))).toBe(true);
    // A longer retention later (an earlier cutoff) does not bring the images back in words.
    expect(store.purgeMediaBefore(T0 + 1500)).toEqual({ alerts: 0, files: 0, fileFailures: [] });
    expect(store.getAlert(alert(2).id)?.mediaPurged).toBe(true);
    store.close();
    store = openStore({ dir });
    expect(store.getAlert(alert(2).id)?.mediaPurged).toBe(true);
  });

  it('purgeBefore deletes the rows even when a snapshot cannot be removed', () => {
    store = openStore({ dir });
    store.insertAlert(alert(1, { snapshotPath: '../outside.jpg' }));
    const r = store.purgeBefore(T0 + 5000);
    expect(r.alerts).toBe(1);
    expect(r.files).toBe(0);
    expect(r.fileFailures.map((f) => f.path)).toEqual(['../outside.jpg']);
    expect(store.listAlerts()).toEqual([]);
  });

  it('keeps the data when reopened', () => {
    store = openStore({ dir });
    store.insertAlert(alert(1));
    store.close();
    store.close(); // idempotent
    store = openStore({ dir });
    expect(store.listAlerts().map((a) => a.id)).toEqual([alert(1).id]);
  });

  it('fails with STORE_FAILED on a corrupt database file', () => {
    writeFileSync(path.join(dir, DB_FILE), Buffer.alloc(8192, 0x5a));
    const err = expectStoreFailed(() => openStore({ dir }));
    expect(err.message).toContain(DB_FILE);
  });

  it('fails with STORE_FAILED when the folder cannot be created', () => {
    const blocker = path.join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    expectStoreFailed(() => openStore({ dir: path.join(blocker, 'data') }));
  });

  it('fails with STORE_FAILED when the database path is not writable', () => {
    mkdirSync(path.join(dir, DB_FILE)); // a folder where the file should be
    expectStoreFailed(() => openStore({ dir }));
  });

  it('fails with STORE_FAILED when used after close', () => {
    store = openStore({ dir });
    store.close();
    const s = store;
    expectStoreFailed(() => s.listAlerts());
  });
});
