/**
 * Evidence clips. Per camera, a ring of the last ~5 s of analysed frames (at most `maxPreFrames`).
 * A frame is kept as the JPEG its decoder made of it (`Frame.evidence`, 27-70 KB at 640 px wide:
 * 0.7-1.8 MB for 25 frames), or, for a frame without one (privacy-masked cameras, a decoder that failed
 * to write it), packed by frame-codec.ts (YUV 4:2:0, ~6x smaller than RGB: ~4 MB for 25 frames of
 * 640x480 noisy footage instead of 23 MB). On an alert, the ring and the next ~5 s of frames go to an
 * H.264 encoder; alerts raised while a clip records join it (the clip stretches, up to
 * `maxClipMs`). The clip's frames wait in its queue as kept and are given to ffmpeg one at a time
 * (packed ones unpacked then, yuv420p input), so no raw backlog builds up. A clip takes the kind of
 * its first frame (JPEG or packed); frames of the other kind are left out and logged. The clip goes
 * next to the alert's snapshot; onClip tells who stores it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Alert, Frame } from '../core/types.ts';
import { errorMessage } from '../core/errors.ts';
import { snapshotRelPath } from '../alerts/sink.ts';
import { resolveMediaPath } from '../store/media.ts';
import { startClipEncoder, type ClipEncoder } from './clip-encoder.ts';
import { packFrame, unpackFrame, type PackedFrame } from './frame-codec.ts';
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
  /** Bytes of the packed frames in a camera's ring (frames still being packed count 0). */
  ringBytes(cameraId: string): number;
  /** The camera stopped: its clip is finished with the frames it has. */
  finishCamera(cameraId: string): Promise<void>;
  /** Finishes every clip and waits for the files. */
  close(): Promise<void>;
}

/** A kept frame: the decoder's JPEG, or the frame packed in zlib's pool. */
type KeptImage =
  | { readonly kind: 'jpeg'; readonly width: number; readonly height: number; readonly data: Uint8Array }
  | { readonly kind: 'packed'; readonly packed: PackedFrame };

/** One analysed frame. */
interface RingEntry {
  readonly tMs: number;
  /** The kept frame; undefined when it could not be kept (logged). Never rejects. */
  readonly image: Promise<KeptImage | undefined>;
  /** Kept size, 0 until known. */
  bytes: number;
}

type ClipFormat = 'mjpeg' | 'yuv420p';

interface ActiveClip {
  /** The alert that opened the clip: its box and moment are burnt in. */
  readonly alert: Alert;
  readonly alertIds: string[];
  readonly relPath: string;
  readonly hardEndTMs: number;
  endTMs: number;
  /** Media times of the ring's frames when the alert came: the clip's frame rate and the alert's moment. */
  readonly ringTimes: readonly number[];
  /** Frames waiting for the encoder, packed, oldest first. */
  readonly queue: RingEntry[];
  /** Frames left out because ffmpeg fell too far behind. */
  skipped: number;
  /** The kind of frames the encoder takes (its first frame's). */
  format?: ClipFormat;
  /** Frames left out because they were of the other kind. */
  otherKind: number;
  /** The loop feeding the encoder, while it runs. */
  feeding?: Promise<void>;
  encoder?: ClipEncoder;
  readonly timer: NodeJS.Timeout;
}

interface CameraClips {
  ring: RingEntry[];
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
  // Packed frames a clip may hold while ffmpeg catches up: a whole longest clip (~20 MB at most
  // for noisy 640x480 footage); later ones are skipped, so memory stays bounded if ffmpeg stalls.
  const maxQueued = maxPreFrames + Math.ceil((maxClipMs * opts.fps) / 1000);
  const stateOf = (id: string): CameraClips => cameras.get(id) ?? (cameras.set(id, { ring: [] }).get(id) as CameraClips);

  const packed = (frame: Frame, sized: (bytes: number) => void): Promise<KeptImage | undefined> =>
    packFrame(frame).then(
      (p): KeptImage => {
        sized(p.bytes.length);
        return { kind: 'packed', packed: p };
      },
      (err: unknown) => {
        opts.logger.error(`evidence frame ${frame.seq} of camera ${frame.cameraId} not kept: ${errorMessage(err)}`);
        return undefined;
      },
    );
  /** The decoder's JPEG when it made one; packed here otherwise (the frame is held until then). */
  const kept = (frame: Frame, sized: (bytes: number) => void): Promise<KeptImage | undefined> =>
    frame.evidence
      ? frame.evidence.then((jpeg): Promise<KeptImage | undefined> | KeptImage => {
          if (!jpeg) return packed(frame, sized);
          sized(jpeg.length);
          return { kind: 'jpeg', width: frame.width, height: frame.height, data: jpeg };
        })
      : packed(frame, sized);
  const keep = (frame: Frame): RingEntry => {
    const entry: RingEntry = { tMs: frame.tMs, bytes: 0, image: kept(frame, (bytes) => (entry.bytes = bytes)) };
    return entry;
  };

  const openEncoder = (clip: ActiveClip, first: { width: number; height: number }, format: ClipFormat): ClipEncoder | undefined => {
    if (!opts.ffmpegPath) return undefined;
    const fps = Math.min(opts.fps, Math.max(0.5, measuredFps(clip.ringTimes.map((tMs) => ({ tMs }))) ?? opts.fps));
    const file = resolveMediaPath(opts.mediaDir, clip.relPath);
    mkdirSync(path.dirname(file), { recursive: true });
    const a = clip.alert;
    const alertAtS = alertFrameIndex(clip.ringTimes, a.tMs) / fps;
    const overlay = overlayFilter({ ...(a.box ? { box: a.box } : {}), alertAtS, alertWallMs: a.frameWallMs, ...(fontFile ? { fontFile } : {}) });
    return startClipEncoder({ ffmpegPath: opts.ffmpegPath, file, width: first.width, height: first.height, fps, overlay, pixFmt: format });
  };

  /** Gives the queued frames to ffmpeg one at a time (packed ones unpacked then), each once it has taken the previous one. */
  const feed = (clip: ActiveClip): void => {
    if (clip.feeding) return;
    clip.feeding = (async () => {
      for (let entry = clip.queue.shift(); entry; entry = clip.queue.shift()) {
        const image = await entry.image;
        if (!image) continue;
        const format: ClipFormat = image.kind === 'jpeg' ? 'mjpeg' : 'yuv420p';
        clip.format ??= format;
        if (format !== clip.format) {
          clip.otherKind += 1;
          continue;
        }
        try {
          const frame = image.kind === 'jpeg' ? image : await unpackFrame(image.packed);
          clip.encoder ??= openEncoder(clip, frame, format);
          clip.encoder?.write(frame);
          await clip.encoder?.drained();
        } catch (err) {
          opts.logger.error(`clip of alert ${clip.alertIds[0]}: frame at ${entry.tMs} ms not encoded: ${errorMessage(err)}`);
        }
      }
    })().finally(() => (clip.feeding = undefined));
  };
  const write = (clip: ActiveClip, entry: RingEntry): void => {
    if (!opts.ffmpegPath) return;
    if (clip.queue.length >= maxQueued) {
      clip.skipped += 1;
      return;
    }
    clip.queue.push(entry);
    feed(clip);
  };

  const finish = (cameraId: string): Promise<void> => {
    const state = cameras.get(cameraId);
    const clip = state?.active;
    if (!state || !clip) return Promise.resolve();
    state.active = undefined;
    clearTimeout(clip.timer);
    const done = (async () => {
      while (clip.feeding) await clip.feeding;
      if (clip.skipped > 0) opts.logger.error(`clip of alert ${clip.alertIds[0]}: ${clip.skipped} frames left out, ffmpeg too slow`);
      if (clip.otherKind > 0) opts.logger.error(`clip of alert ${clip.alertIds[0]}: ${clip.otherKind} frames left out, kept otherwise than its first (JPEG / packed)`);
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
      const entry = keep(frame);
      if (clip) write(clip, entry);
      state.ring.push(entry);
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
      const ringTimes = state.ring.map((e) => e.tMs);
      const clip: ActiveClip = { alert, alertIds: [alert.id], relPath, endTMs: alert.tMs + postMs, hardEndTMs: alert.tMs + maxClipMs - preMs, ringTimes, queue: [], skipped: 0, otherKind: 0, timer };
      state.active = clip;
      for (const entry of state.ring) write(clip, entry);
    },
    isPending: (id) => pending.has(id),
    ringBytes: (id) => (cameras.get(id)?.ring ?? []).reduce((sum, e) => sum + e.bytes, 0),
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
