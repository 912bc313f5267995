import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CameraStatus } from '../core/types.ts';
import type { ServerMessage } from '../api/doc-schemas.ts';
import { openConsoleStore, type ConsoleStore } from '../store/console-store.ts';
import type { SystemAlertStore } from '../store/system-alerts.ts';
import { journalWriter } from '../store/journal.ts';
import { cameraLossChanges } from './camera-watch.ts';
import { silentLogger } from './log.ts';
import { createSystemAlerts } from './system-alerts.ts';

const NOW = 1_000_000;
const view = (id: string, status: CameraStatus, lastFrameMs: number, enabled = true) => ({
  id,
  enabled,
  status,
  stats: { fps: 0, dropped: 0, decoded: 0, restarts: 0, dropRate: 0, lastFrameMs },
});
const running = { state: 'running', sinceMs: 0 } as const;
const reconnecting = { state: 'reconnecting', sinceMs: NOW - 500, reason: 'connection refused', attempt: 4 } as const;

// [case, views, open incidents, raised, cleared]
const rows: [string, ReturnType<typeof view>[], string[], string[], string[]][] = [
  ['all running', [view('a', running, NOW - 200), view('b', running, NOW - 200)], [], [], []],
  ['reconnecting 10 s: not yet', [view('a', reconnecting, NOW - 10_000)], [], [], []],
  ['reconnecting 31 s (attempts restart sinceMs): raised', [view('a', reconnecting, NOW - 31_000)], [], ['a'], []],
  ['still lost: not raised twice', [view('a', reconnecting, NOW - 60_000)], ['a'], [], []],
  ['stalled while "running": raised', [view('a', running, NOW - 45_000)], [], ['a'], []],
  ['running again: cleared', [view('a', running, NOW - 100)], ['a'], [], ['a']],
  ['disabled: cleared', [view('a', reconnecting, NOW - 60_000, false)], ['a'], [], ['a']],
  ['removed: cleared', [], ['gone'], [], ['gone']],
  ['failed file camera: raised', [view('f', { state: 'failed', sinceMs: NOW, reason: 'no such file' }, NOW - 30_000)], [], ['f'], []],
];

describe('cameraLossChanges', () => {
  it.each(rows)('%s', (_case, views, open, raised, cleared) => {
    const c = cameraLossChanges(views, new Set(open), NOW, 30_000);
    expect(c.raise.map((r) => r.cameraId)).toEqual(raised);
    expect(c.clear).toEqual(cleared);
  });
});

describe('system alerts', () => {
  let dir: string;
  let store: ConsoleStore;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-sys-'));
    store = openConsoleStore({ dir });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const setup = (alertStore: Pick<SystemAlertStore, 'save' | 'open'> = store.systemAlerts) => {
    const sent: ServerMessage[] = [];
    let t = NOW;
    const alerts = createSystemAlerts({ store: alertStore, record: journalWriter(store.journal, () => undefined), broadcast: (m) => void sent.push(m), logger: silentLogger, nowMs: () => t });
    return { alerts, sent, tick: (ms: number) => void (t += ms) };
  };

  it('a camera loss is raised once, stored, journaled, pushed; cleared when it runs again', () => {
    const { alerts, sent, tick } = setup();
    alerts.raise('camera_lost', 'gate', 'camera gate lost');
    alerts.raise('camera_lost', 'gate', 'camera gate lost');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'system-alert', stored: true, alert: { kind: 'camera_lost', target: 'gate' } });
    expect(store.systemAlerts.open()).toHaveLength(1);
    tick(5000);
    alerts.clear('camera_lost', 'gate');
    expect(sent[1]).toMatchObject({ type: 'system-alert', stored: true, alert: { clearedAtMs: NOW + 5000 } });
    expect(store.systemAlerts.open()).toEqual([]);
    expect(store.systemAlerts.recent(10)[0]).toMatchObject({ kind: 'camera_lost', clearedAtMs: NOW + 5000 });
    expect(store.journal.list().map((e) => e.action)).toEqual(['system.cleared', 'system.raised']);
    expect(alerts.isOpen('camera_lost', 'gate')).toBe(false);
  });

  it('open incidents survive a restart (read back from the store)', () => {
    setup().alerts.raise('camera_lost', 'gate', 'lost');
    expect(setup().alerts.open().map((a) => a.target)).toEqual(['gate']);
  });

  it('a store that cannot write: still pushed, marked not stored, kept and stored when space returns', () => {
    let full = true;
    const failing: Pick<SystemAlertStore, 'save' | 'open'> = {
      open: () => store.systemAlerts.open(),
      save: (a) => {
        if (full) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        store.systemAlerts.save(a);
      },
    };
    const { alerts, sent } = setup(failing);
    alerts.raise('camera_lost', 'gate', 'lost');
    expect(sent[0]).toMatchObject({ type: 'system-alert', stored: false });
    expect(alerts.retryUnsaved()).toBe(1);
    full = false;
    expect(alerts.retryUnsaved()).toBe(0);
    expect(store.systemAlerts.open().map((a) => a.target)).toEqual(['gate']);
  });
});
