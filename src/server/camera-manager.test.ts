import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cameraSchema } from '../config/schema.ts';
import { openConsoleStore, type ConsoleStore } from '../store/console-store.ts';
import { createCameraManager, type CameraManager } from './camera-manager.ts';
import { cameraProblem } from './confined-cameras.ts';
import { silentLogger } from './log.ts';

describe('camera manager: a stored camera the allowed folders no longer cover', () => {
  let dir: string;
  let store: ConsoleStore;
  let manager: CameraManager;
  afterEach(async () => {
    await manager?.close();
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is shown failed with the reason, its analysis never started; a camera inside runs', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-manager-'));
    store = openConsoleStore({ dir });
    // Saved while the folders allowed it; the configuration now says /srv/media only.
    store.cameras.insert(cameraSchema.parse({ id: 'old', url: '/etc/passwd' }), Date.now());
    store.cameras.insert(cameraSchema.parse({ id: 'ok', url: '/srv/media/missing.mp4' }), Date.now());
    manager = createCameraManager({
      store: store.cameras,
      statusLog: store.statusLog,
      fps: 5,
      width: 160,
      detector: () => Promise.reject(new Error('no detector in this test')),
      sink: { emit: () => Promise.reject(new Error('no alerts in this test')) },
      logger: silentLogger,
      onChange: () => undefined,
      onFrame: () => undefined,
      refuse: (c) => cameraProblem(c, ['/srv/media']),
    });
    manager.start();
    expect(manager.view('old')?.status).toMatchObject({ state: 'failed', reason: expect.stringContaining('outside the allowed folders') });
    expect(manager.view('old')?.stats.health.level).toBe('bad');
    expect(manager.view('ok')?.status.state).not.toBe('failed');
    expect(store.statusLog.window('old', 0, Date.now() + 1).map((e) => e.state)).toEqual(['failed']);
  });
});
