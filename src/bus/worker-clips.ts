/**
 * Evidence clips of a worker: recorded by the console's clip recorder into a temporary folder,
 * then published on VIGIE_MEDIA (vigie.media.<first alert id>) in CLIP_CHUNK_BYTES chunks through
 * the outbox, and the local file deleted. The clip id is the first alert id and the file's hash:
 * the same clip made again (a file camera analysed again) is the same messages, which the stream drops.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { errorMessage } from '../core/errors.ts';
import { createClipRecorder, type ClipRecorder } from '../server/clip-recorder.ts';
import type { Logger } from '../server/log.ts';
import { resolveMediaPath } from '../store/media.ts';
import type { Outbox } from './publisher.ts';
import { CLIP_CHUNK_BYTES, CLIP_HEADERS, SUBJECT_MEDIA, busKey } from './protocol.ts';

export interface WorkerClipsOptions {
  readonly outbox: Outbox;
  readonly ffmpegPath: string | undefined;
  readonly fps: number;
  readonly logger: Logger;
  /** The camera of an alert this worker published and when it was made (undefined: unknown, the clip is dropped). */
  readonly alertOf: (alertId: string) => { readonly cameraId: string; readonly createdAtMs: number } | undefined;
  /** Where clips are written before they are sent (default: a new folder under the system temp). */
  readonly dir?: string;
  readonly clip?: { readonly preMs?: number; readonly postMs?: number };
}

export interface WorkerClips {
  readonly recorder: ClipRecorder;
  /** Finishes every clip, publishes them, removes the temporary folder. */
  close(): Promise<void>;
}

/** The chunks of a clip file and their headers (pure, for tests). */
export function clipMessages(bytes: Uint8Array, alertIds: readonly string[], cameraId: string): { subject: string; data: Uint8Array; msgID: string; headers: Record<string, string> }[] {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const clipId = `${alertIds[0]}-${sha256.slice(0, 16)}`;
  const count = Math.max(1, Math.ceil(bytes.length / CLIP_CHUNK_BYTES));
  return Array.from({ length: count }, (_, index) => ({
    subject: `${SUBJECT_MEDIA}.${alertIds[0]}`,
    data: bytes.subarray(index * CLIP_CHUNK_BYTES, (index + 1) * CLIP_CHUNK_BYTES),
    msgID: `${clipId}.${index}`,
    headers: {
      [CLIP_HEADERS.clipId]: clipId,
      [CLIP_HEADERS.index]: String(index),
      [CLIP_HEADERS.count]: String(count),
      [CLIP_HEADERS.alertIds]: alertIds.join(','),
      [CLIP_HEADERS.cameraId]: cameraId,
      [CLIP_HEADERS.sha256]: sha256,
    },
  }));
}

export function createWorkerClips(opts: WorkerClipsOptions): WorkerClips {
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'vigie-worker-clips-'));
  const sending = new Set<Promise<void>>();

  const send = async (alertIds: readonly string[], relPath: string): Promise<void> => {
    let file: string | undefined;
    try {
      file = resolveMediaPath(dir, relPath);
      const alert = opts.alertOf(alertIds[0]!);
      if (alert === undefined) throw new Error('camera unknown');
      const bytes = await readFile(file);
      // Fenced as its first alert: dropped with it if that alert was made after a takeover.
      const fence = { key: busKey(alert.cameraId), atMs: alert.createdAtMs };
      // Expendable: when the outbox is full (a long cut), clips go before alerts, a whole clip at a time.
      const expendable = { group: `clip ${alertIds[0]!}` };
      for (const m of clipMessages(bytes, alertIds, alert.cameraId)) opts.outbox.publish(m.subject, m.data, { msgID: m.msgID, headers: m.headers, fence, expendable });
    } catch (err) {
      opts.logger.error(`clip of alert ${alertIds[0]} not sent: ${errorMessage(err)}`);
    } finally {
      if (file !== undefined) await unlink(file).catch((err: unknown) => opts.logger.error(`clip ${file} not removed: ${errorMessage(err)}`));
    }
  };

  const recorder = createClipRecorder({
    mediaDir: dir,
    ffmpegPath: opts.ffmpegPath,
    fps: opts.fps,
    logger: opts.logger,
    ...opts.clip,
    onClip: (alertIds, relPath) => {
      const p = send(alertIds, relPath).finally(() => sending.delete(p));
      sending.add(p);
    },
  });
  return {
    recorder,
    async close() {
      await recorder.close();
      await Promise.all([...sending]);
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
