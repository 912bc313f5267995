/** "Test connection": open a source for one frame, with a timeout, and return it as a JPEG data URL. */
import { encodeJpeg } from '../alerts/snapshot.ts';
import { errorMessage } from '../core/errors.ts';
import type { CameraStatus, Frame } from '../core/types.ts';
import { createIngest } from '../ingest/ingest.ts';
import type { CameraTestResult } from '../api/deps.ts';

export interface CameraTestOptions {
  readonly timeoutMs?: number;
  readonly width?: number;
}

async function firstFrame(iter: AsyncIterable<Frame>): Promise<Frame | undefined> {
  for await (const frame of iter) return frame;
  return undefined;
}

export async function testCameraSource(url: string, opts: CameraTestOptions = {}): Promise<CameraTestResult> {
  const timeoutMs = opts.timeoutMs ?? 8000;
  let status: CameraStatus | undefined;
  let ingest;
  try {
    ingest = createIngest({ cameraId: 'test', url, fps: 2, width: opts.width ?? 640, maxRetries: 0, stallTimeoutMs: timeoutMs, onStatus: (s) => (status = s) });
  } catch (err) {
    return { ok: false, reason: errorMessage(err) };
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    const frame = await Promise.race([firstFrame(ingest), timeout]);
    if (frame === 'timeout') return { ok: false, reason: `no image within ${Math.round(timeoutMs / 1000)} s` };
    if (!frame) return { ok: false, reason: status && 'reason' in status ? status.reason : 'the source gave no image' };
    const jpeg = encodeJpeg(frame, 80).toString('base64');
    return { ok: true, width: frame.width, height: frame.height, snapshot: `data:image/jpeg;base64,${jpeg}` };
  } finally {
    clearTimeout(timer);
    await ingest.close();
  }
}
