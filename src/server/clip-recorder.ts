/**
 * Evidence clips. Per camera, a ring of the last ~5 s of analysed frames (raw RGB, at most
 * `maxPreFrames`: bounded memory). On an alert, the ring and the next ~5 s of frames are piped to
 * an H.264 encoder; alerts raised while a clip records join it (the clip stretches, up to
 * `maxClipMs`). The clip goes next to the alert's snapshot; onClip tells who stores it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Alert, Frame } from '../core/types.ts';
import { errorMessage } from '../core/errors.ts';
import { snapshotRelPath } from '../alerts/sink.ts';
import { resolveMediaPath } from '../store/media.ts';
import { startClipEncoder, type ClipEncoder } from './clip-encoder.ts';
import { alertFrameIndex, overlayFilter } from './clip-overlay.ts';
import { clipTextFont } from './overlay-support.ts';
import type { Logger } from './log.ts';

export interface ClipRecorderOptions {
  readonly mediaDir: string;
  readonly ffmpegPath: string | undefined;
  /** The analysis rate: the clip's frame rate when the ring cannot tell. */
  readonly fps: number;
  readonly preMs?: number;
  readonly postMs?: number;
  readonly maxPreFrames?: number;
  readonly maxClipMs?: number;
  readonly onClip: (alertIds: readonly string[], relPath: string) => void;
  readonly logger: Logger;
}

export interface ClipRecorder {
  pushFrame(frame: Frame): void;
  onAlert(alert: Alert): void;
  isPending(alertId: string): boolean;
  /** The camera stopped: its clip is finished with the frames it has. */
  finishCamera(cameraId: string): Promise<void>;
  /** Finishes every clip and waits for the files. */
  close(): Promise<void>;
}

interface ActiveClip {
  /** The alert that opened the clip: its box and moment are burnt in. */
  readonly alert: Alert;
  readonly alertIds: string[];
  readonly relPath: string;
  readonly hardEndTMs: number;
  endTMs: number;
  encoder?: ClipEncoder;
  readonly timer: NodeJS.Timeout;
}

interface CameraClips {
  ring: Frame[];
  active?: ActiveClip;
}

/** Frames per second of a run of frames from their media times; undefined under two frames. */
export function measuredFps(frames: readonly Pick<Frame, 'tMs'>[]): number | undefined {
  if (frames.length < 2) return undefined;
  const spanMs = frames[frames.length - 1]!.tMs - frames[0]!.tMs;
  return spanMs > 0 ? ((frames.length - 1) * 1000) / spanMs : undefined;
}

export function createClipRecorder(opts: ClipRecorderOptions): ClipRecorder {
  const preMs = opts.preMs ?? 5000;
  const postMs = opts.postMs ?? 5000;
  const maxPreFrames = opts.maxPreFrames ?? 25;
  const maxClipMs = opts.maxClipMs ?? 20_000;
  const cameras = new Map<string, CameraClips>();
  const pending = new Set<string>();
  const finishing = new Set<Promise<void>>();
  let fontFile: string | undefined; // box-only until the probe says text can be drawn
  if (opts.ffmpegPath) void clipTextFont(opts.ffmpegPath, (m) => opts.logger.info(m)).then((f) => (fontFile = f));
  const stateOf = (id: string): CameraClips => cameras.get(id) ?? (cameras.set(id, { ring: [] }).get(id) as CameraClips);

  const openEncoder = (clip: ActiveClip, state: CameraClips, first: Frame): ClipEncoder | undefined => {
    if (!opts.ffmpegPath) return undefined;
    const fps = Math.min(opts.fps, Math.max(0.5, measuredFps(state.ring) ?? opts.fps));
    const file = resolveMediaPath(opts.mediaDir, clip.relPath);
    mkdirSync(path.dirname(file), { recursive: true });
    const a = clip.alert;
    const alertAtS = alertFrameIndex(state.ring.map((f) => f.tMs), a.tMs) / fps;
    const overlay = overlayFilter({ ...(a.box ? { box: a.box } : {}), alertAtS, alertWallMs: a.frameWallMs, ...(fontFile ? { fontFile } : {}) });
    return startClipEncoder({ ffmpegPath: opts.ffmpegPath, file, width: first.width, height: first.height, fps, overlay });
  };
  const write = (clip: ActiveClip, state: CameraClips, frame: Frame): void => {
    clip.encoder ??= openEncoder(clip, state, frame);
    clip.encoder?.write(frame);
  };

  const finish = (cameraId: string): Promise<void> => {
    const state = cameras.get(cameraId);
    const clip = state?.active;
    if (!state || !clip) return Promise.resolve();
    state.active = undefined;
    clearTimeout(clip.timer);
    const done = (async () => {
      const result = clip.encoder ? await clip.encoder.finish() : { ok: false as const, reason: opts.ffmpegPath ? 'no frame' : 'ffmpeg not found' };
      if (result.ok) opts.onClip(clip.alertIds, clip.relPath);
      else opts.logger.error(`clip of alert ${clip.alertIds[0]} not written: ${result.reason}`);
    })()
      .catch((err: unknown) => opts.logger.error(`clip of alert ${clip.alertIds[0]}: ${errorMessage(err)}`))
      .finally(() => {
        for (const id of clip.alertIds) pending.delete(id);
        finishing.delete(done);
      });
    finishing.add(done);
    return done;
  };

  return {
    pushFrame(frame) {
      const state = stateOf(frame.cameraId);
      const clip = state.active;
      if (clip) write(clip, state, frame);
      state.ring.push(frame);
      while (state.ring.length > maxPreFrames || (state.ring.length > 0 && state.ring[0]!.tMs < frame.tMs - preMs)) state.ring.shift();
      if (clip && frame.tMs >= clip.endTMs) void finish(frame.cameraId);
    },
    onAlert(alert) {
      const state = stateOf(alert.cameraId);
      pending.add(alert.id);
      if (state.active) {
        state.active.alertIds.push(alert.id);
        state.active.endTMs = Math.min(alert.tMs + postMs, state.active.hardEndTMs);
        return;
      }
      const relPath = snapshotRelPath(alert.cameraId, alert.id, alert.createdAtMs).replace(/\.jpg$/, '.mp4');
      const timer = setTimeout(() => void finish(alert.cameraId), maxClipMs + preMs);
      timer.unref();
      const clip: ActiveClip = { alert, alertIds: [alert.id], relPath, endTMs: alert.tMs + postMs, hardEndTMs: alert.tMs + maxClipMs - preMs, timer };
      state.active = clip;
      for (const frame of state.ring) write(clip, state, frame);
    },
    isPending: (id) => pending.has(id),
    async finishCamera(cameraId) {
      await finish(cameraId);
      cameras.delete(cameraId);
    },
    async close() {
      await Promise.all([...cameras.keys()].map((id) => finish(id)));
      await Promise.all([...finishing]);
      cameras.clear();
    },
  };
}
