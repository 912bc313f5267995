import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, Frame, RuleEvent, Zone } from '../core/types.ts';
import { VigieError } from '../core/errors.ts';
import { openStore } from '../store/store.ts';
import type { Store } from '../store/types.ts';
import { type SinkLogger, createAlertSink, snapshotRelPath } from './sink.ts';

const NOW = Date.UTC(2024, 4, 17, 10, 0, 0);
const frame: Frame = {
  cameraId: 'front',
  seq: 12,
  tMs: 2400,
  wallMs: NOW - 35,
  width: 64,
  height: 36,
  data: new Uint8Array(64 * 36 * 3).fill(80),
};
const zones: Zone[] = [{ id: 'quay', kind: 'forbidden', polygon: [{ x: 0.1, y: 0.5 }, { x: 0.9, y: 0.5 }, { x: 0.9, y: 1 }] }];
const event: RuleEvent = {
  type: 'intrusion',
  tMs: 2400,
  zoneId: 'quay',
  trackId: 7,
  box: { x1: 0.4, y1: 0.3, x2: 0.6, y2: 0.9 },
  score: 0.81,
  message: 'person in zone quay for 1.2 s',
  details: { dwellMs: 1200 },
};

function memoryLogger(): SinkLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, error: (m, f) => lines.push(`${m} ${JSON.stringify(f ?? {})}`) };
}

describe('snapshotRelPath', () => {
  it.each([
    ['front', 'front/2024-05-17/ID.jpg'],
    ['../../etc', '______etc/2024-05-17/ID.jpg'],
    ['', '_/2024-05-17/ID.jpg'],
  ])('camera %j -> %s', (cam, rel) => expect(snapshotRelPath(cam, 'ID', NOW)).toBe(rel));
});

describe('createAlertSink', () => {
  let dir: string;
  let store: Store;
  let ids: number;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-sink-'));
    store = openStore({ dir });
    ids = 0;
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const options = { nowMs: () => NOW, newId: () => `ID${++ids}` };

  it('writes the snapshot, then the row, then calls every listener with the stored alert', async () => {
    const sink = createAlertSink({ store, ...options });
    const seen: string[] = [];
    sink.onAlert((a) => {
      seen.push(`1:${a.id}:${store.getAlert(a.id) ? 'stored' : 'missing'}`);
    });
    sink.onAlert((a) => {
      seen.push(`2:${a.id}`);
    });
    const alert = await sink.emit(event, { cameraId: 'front', frame, zones });

    const expected: Alert = {
      ...event,
      id: 'ID1',
      cameraId: 'front',
      frameWallMs: NOW - 35,
      createdAtMs: NOW,
      snapshotPath: 'front/2024-05-17/ID1.jpg',
    };
    expect(alert).toEqual(expected);
    expect(store.getAlert('ID1')).toEqual({ ...expected, status: 'new' });
    expect(seen).toEqual(['1:ID1:stored', '2:ID1']);

    const file = path.join(store.mediaDir, alert.snapshotPath!);
    const img = jpeg.decode(readFileSync(file), { useTArray: true });
    expect([img.width, img.height]).toEqual([64, 36]);
    expect(readdirSync(path.dirname(file))).toEqual(['ID1.jpg']); // no temp file left
  });

  it('keeps calling the other listeners when one throws or rejects, and logs both', async () => {
    const logger = memoryLogger();
    const sink = createAlertSink({ store, logger, ...options });
    const got: string[] = [];
    sink.onAlert(() => {
      throw new Error('printer broke');
    });
    sink.onAlert(async () => {
      throw new Error('socket closed');
    });
    sink.onAlert((a) => {
      got.push(a.id);
    });
    await sink.emit(event, { cameraId: 'front', frame, zones });
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual(['ID1']);
    expect(logger.lines).toHaveLength(2);
    expect(logger.lines[0]).toContain('printer broke');
    expect(logger.lines[1]).toContain('socket closed');
  });

  it('stops calling a listener once unsubscribed', async () => {
    const sink = createAlertSink({ store, ...options });
    const got: string[] = [];
    const off = sink.onAlert((a) => {
      got.push(a.id);
    });
    await sink.emit(event, { cameraId: 'front', frame, zones });
    off();
    await sink.emit(event, { cameraId: 'front', frame, zones });
    expect(got).toEqual(['ID1']);
    expect(store.listAlerts().map((a) => a.id).sort()).toEqual(['ID1', 'ID2']);
  });

  it('stores the alert without a snapshot when the frame cannot be drawn', async () => {
    const logger = memoryLogger();
    const sink = createAlertSink({ store, logger, ...options });
    const broken = { ...frame, data: new Uint8Array(5) };
    const alert = await sink.emit(event, { cameraId: 'front', frame: broken, zones });
    expect(alert.snapshotPath).toBeUndefined();
    expect(store.getAlert(alert.id)?.snapshotPath).toBeUndefined();
    expect(logger.lines.join()).toContain('snapshot not written');
  });

  it('throws STORE_FAILED, removes the snapshot and tells no listener when the row cannot be written', async () => {
    const failing = {
      mediaDir: store.mediaDir,
      insertAlert: () => {
        throw new Error('disk full');
      },
    };
    const sink = createAlertSink({ store: failing, ...options });
    let called = false;
    sink.onAlert(() => {
      called = true;
    });
    const err = await sink.emit(event, { cameraId: 'front', frame, zones }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VigieError);
    expect((err as VigieError).code).toBe('STORE_FAILED');
    expect((err as VigieError).message).toContain('disk full');
    expect(called).toBe(false);
    expect(existsSync(path.join(store.mediaDir, 'front/2024-05-17/ID1.jpg'))).toBe(false);
  });

  it('snapshots written by the sink are removed by the store purge', async () => {
    const sink = createAlertSink({ store, ...options });
    const alert = await sink.emit(event, { cameraId: 'front', frame, zones });
    expect(store.purgeBefore(NOW + 1)).toEqual({ alerts: 1, decisions: 0, files: 1, fileFailures: [] });
    expect(existsSync(path.join(store.mediaDir, alert.snapshotPath!))).toBe(false);
  });

  it('accepts an alert raised elsewhere: its id kept, the given JPEG as snapshot, the origin to the listeners', async () => {
    const sink = createAlertSink({ store, ...options });
    const origins: unknown[] = [];
    sink.onAlert((_a, origin) => void origins.push(origin));
    const given: Alert = { ...event, id: 'W1', cameraId: 'front', frameWallMs: NOW - 35, createdAtMs: NOW - 20, snapshotPath: 'elsewhere/x.jpg' };
    const bytes = new Uint8Array([0xff, 0xd8, 1, 2, 0xff, 0xd9]);
    const alert = await sink.accept(given, { snapshotJpeg: bytes, model: { name: 'w.onnx', sha256: 'ab' } });
    expect(alert).toEqual({ ...given, snapshotPath: snapshotRelPath('front', 'W1', NOW - 20) });
    expect(store.getAlert('W1')).toEqual({ ...alert, status: 'new' });
    expect(readFileSync(path.join(store.mediaDir, alert.snapshotPath!))).toEqual(Buffer.from(bytes));
    expect(origins).toEqual([{ model: { name: 'w.onnx', sha256: 'ab' } }]);
    const bare = await sink.accept({ ...given, id: 'W2' });
    expect(bare.snapshotPath).toBeUndefined();
  });

  it('accept: throws STORE_FAILED and removes the written snapshot when the row cannot be written', async () => {
    const sink = createAlertSink({ store: { mediaDir: store.mediaDir, insertAlert: () => { throw new Error('disk full'); } }, ...options });
    const given: Alert = { ...event, id: 'W1', cameraId: 'front', frameWallMs: NOW, createdAtMs: NOW };
    const err = await sink.accept(given, { snapshotJpeg: new Uint8Array([0xff, 0xd8]) }).catch((e: unknown) => e);
    expect((err as VigieError).code).toBe('STORE_FAILED');
    expect(existsSync(path.join(store.mediaDir, snapshotRelPath('front', 'W1', NOW)))).toBe(false);
  });
});
