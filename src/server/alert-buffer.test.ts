import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, Frame, RuleEvent } from '../core/types.ts';
import { VigieError } from '../core/errors.ts';
import type { ServerMessage } from '../api/doc-schemas.ts';
import { createAlertSink } from '../alerts/sink.ts';
import { openStore } from '../store/store.ts';
import type { Store } from '../store/types.ts';
import { createAlertBuffer } from './alert-buffer.ts';
import { createLatencyRecorder } from './latency.ts';
import { createActiveAlerts } from './live.ts';
import { silentLogger } from './log.ts';
import { wireAlerts } from './wire-alerts.ts';

const frame: Frame = { cameraId: 'gate', seq: 0, tMs: 0, wallMs: 0, width: 8, height: 8, data: new Uint8Array(8 * 8 * 3) };
const event = (tMs: number): RuleEvent => ({ type: 'intrusion', tMs, score: 0.9, message: 'someone in the yard' });
const full = (): never => {
  throw new VigieError('STORE_FAILED', 'cannot insert the alert: database or disk is full');
};

describe('alerts on a full disk', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-full-'));
    store = openStore({ dir });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reach the consoles marked not stored, are kept, and are stored in order when space returns', async () => {
    let diskFull = false;
    const injected: Pick<Store, 'insertAlert' | 'mediaDir'> = { mediaDir: store.mediaDir, insertAlert: (a) => (diskFull ? full() : store.insertAlert(a)) };
    const states: (string | undefined)[] = [];
    const stored: string[] = [];
    const buffer = createAlertBuffer({ store: injected, logger: silentLogger, onStoreState: (f) => void states.push(f), onStored: (a) => void stored.push(a.id) });
    const sink = createAlertSink({ store: buffer.store, logger: { error: () => undefined } });
    const sent: ServerMessage[] = [];
    wireAlerts({
      sink,
      store,
      hub: { broadcast: (m) => void sent.push(m) },
      latency: createLatencyRecorder(),
      active: createActiveAlerts(),
      clips: { onAlert: () => undefined },
      webhooks: { dispatch: () => undefined },
      logger: silentLogger,
      isKept: buffer.isKept,
    });
    const ctx = { cameraId: 'gate', frame, zones: [] };

    const a1 = await sink.emit(event(0), ctx);
    diskFull = true;
    const a2 = await sink.emit(event(200), ctx);
    const a3 = await sink.emit(event(400), ctx);
    expect(sent.map((m) => (m.type === 'alert' ? [m.alert.id, m.stored ?? true] : m.type))).toEqual([[a1.id, true], [a2.id, false], [a3.id, false]]);
    expect(states).toEqual(['cannot insert the alert: database or disk is full']);
    expect(buffer.kept().map((a) => a.id)).toEqual([a2.id, a3.id]);
    expect(buffer.retry()).toBe(2);
    expect(store.getAlert(a2.id)).toBeUndefined();

    diskFull = false;
    expect(buffer.retry()).toBe(0);
    expect(stored).toEqual([a2.id, a3.id]);
    expect(states.at(-1)).toBeUndefined();
    expect(states).toHaveLength(2);
    expect(store.listAlerts().map((a: Alert) => a.id).sort()).toEqual([a1.id, a2.id, a3.id].sort());
    expect(store.getAlert(a2.id)?.snapshotPath).toBe(a2.snapshotPath);
  });

  it('a snapshot that cannot be written (ENOTDIR/ENOSPC): the alert goes on without it, a store_failed system alert says so until one is written again', async () => {
    const raised: string[] = [];
    const cleared: string[] = [];
    const brokenMedia = path.join(dir, 'not-a-dir');
    writeFileSync(brokenMedia, 'a file where the media folder should be'); // every snapshot write fails
    const sinks = [brokenMedia, store.mediaDir].map((mediaDir) => createAlertSink({ store, mediaDir, logger: { error: () => undefined } }));
    for (const sink of sinks)
      wireAlerts({
        sink,
        store,
        hub: { broadcast: () => undefined },
        latency: createLatencyRecorder(),
        active: createActiveAlerts(),
        clips: { onAlert: () => undefined },
        webhooks: { dispatch: () => undefined },
        logger: silentLogger,
        systemAlerts: { raise: (_k, target, message) => void raised.push(`${target}: ${message}`), clear: (_k, target) => void cleared.push(String(target)) },
      });
    const ctx = { cameraId: 'gate', frame, zones: [] };
    const lost = await sinks[0]!.emit(event(0), ctx);
    expect(lost.snapshotPath).toBeUndefined();
    expect(store.getAlert(lost.id)).toBeDefined();
    expect(raised).toEqual([`snapshots: the snapshot of alert ${lost.id} could not be written (disk full?): alerts go on without their image`]);
    expect(cleared).toEqual([]);
    expect((await sinks[1]!.emit(event(200), ctx)).snapshotPath).toBeDefined();
    expect(cleared).toEqual(['snapshots']);
  });

  it('keeps at most maxKept alerts in memory (the oldest go, logged)', () => {
    const errors: string[] = [];
    const buffer = createAlertBuffer({ store: { mediaDir: dir, insertAlert: full }, logger: { info: () => undefined, error: (m) => void errors.push(m) }, maxKept: 2 });
    for (const id of ['a', 'b', 'c']) buffer.store.insertAlert({ id, cameraId: 'gate', type: 'fire', tMs: 0, frameWallMs: 0, createdAtMs: 0, score: 1, message: 'm' });
    expect(buffer.kept().map((a) => a.id)).toEqual(['b', 'c']);
    expect(errors.some((e) => e.startsWith('alert a dropped from memory'))).toBe(true);
  });
});
