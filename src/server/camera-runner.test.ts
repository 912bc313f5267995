import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CameraStatus } from '../core/types.ts';
import { cameraSchema } from '../config/schema.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { makeTestClip, waitFor } from '../ingest/testing.ts';
import { silentLogger } from './log.ts';
import { startCameraRunner } from './camera-runner.ts';
import { personDetector } from './testing.ts';

const ffmpeg = resolveFfmpegPath();

describe.skipIf(!ffmpeg)('camera runner', () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(path.join(tmpdir(), 'vigie-runner-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a failed file camera is retried with backoff, and runs once its file is there', async () => {
    const file = path.join(dir, 'later.mp4');
    const statuses: CameraStatus[] = [];
    const camera = cameraSchema.parse({ id: 'file', url: file, loop: true, realtime: true, events: ['intrusion'] });
    const runner = startCameraRunner(camera, {
      fps: 5,
      width: 160,
      detector: personDetector(),
      sink: { emit: async () => { throw new Error('no alert expected'); } },
      logger: silentLogger,
      onStatus: (_id, s) => void statuses.push(s),
      onFrame: () => undefined,
      backoff: { initialMs: 20, maxMs: 100, factor: 2 },
    });
    try {
      await waitFor('two retries', () => statuses.filter((s) => s.state === 'reconnecting').length >= 2, 30_000);
      const retries = statuses.filter((s) => s.state === 'reconnecting');
      expect(retries.slice(0, 2).map((s) => ('attempt' in s ? s.attempt : 0))).toEqual([1, 2]);
      expect(statuses.some((s) => s.state === 'failed')).toBe(true);
      expect(runner.status().state).not.toBe('running');
      await makeTestClip(ffmpeg!, path.join(dir, 'clip.mp4'), 2, '160x120', 5);
      renameSync(path.join(dir, 'clip.mp4'), file);
      await waitFor('running', () => runner.status().state === 'running', 30_000);
      await waitFor('a frame analysed', () => runner.stats().decoded > 0, 30_000);
    } finally {
      await runner.stop();
    }
    expect(runner.status().state).not.toBe('reconnecting');
  });
});
