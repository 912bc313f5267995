/**
 * The worker side of the live view over the bus: it listens to the console's watch messages
 * (vigie.live-watch.<camera key>) and, only while a camera's latest one is younger than
 * LIVE_WATCH_TTL_MS, publishes that camera's analysed frames as JPEG (the decoder's own when it made one) on
 * vigie.live.<camera key> (core NATS: nothing is kept), at most LIVE_MAX_FPS a second.
 * The frames are already privacy-masked (run-camera.ts paints the masks before anything reads them).
 */
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Frame } from '../core/types.ts';
import { errorMessage } from '../core/errors.ts';
import type { FrameResult } from '../pipeline/analysis.ts';
import type { Logger } from '../server/log.ts';
import { liveJpeg, liveTracks, withLiveJpeg } from '../server/live.ts';
import { LIVE_MAX_FPS, LIVE_WATCH_TTL_MS, SUBJECT_LIVE, SUBJECT_LIVE_WATCH, busKey, liveWatchSchema, parseBusMessage, type LiveFrame } from './protocol.ts';

export interface LivePublisherOptions {
  readonly nc: Pick<NatsConnection, 'subscribe' | 'publish'>;
  readonly workerId: string;
  readonly logger: Logger;
  readonly nowMs?: () => number;
}

export interface LivePublisher {
  /** An analysed frame of a camera running here: published when watched, else nothing is done. */
  frame(cameraId: string, frame: Frame, result: Pick<FrameResult, 'tracks'>): void;
  /** Whether a console watches this camera now. */
  watched(cameraId: string): boolean;
  stop(): void;
}

export function createLivePublisher(opts: LivePublisherOptions): LivePublisher {
  const now = opts.nowMs ?? Date.now;
  const minGapMs = 1000 / LIVE_MAX_FPS - 20; // a little slack: a 5 fps analysis is not throttled by its jitter
  /** Camera key → when its latest watch message came (this process's clock, not the console's). */
  const watchedAt = new Map<string, number>();
  const sentAt = new Map<string, number>();
  const failing = new Set<string>();
  const sub: Subscription = opts.nc.subscribe(`${SUBJECT_LIVE_WATCH}.>`, {
    callback: (err, m) => {
      if (err) return opts.logger.error(`worker ${opts.workerId}: live watch subscription: ${errorMessage(err)}`);
      const r = parseBusMessage(liveWatchSchema, m.subject, m.data);
      if (!r.ok) return opts.logger.error(`worker ${opts.workerId}: live watch message ignored: ${r.error}`);
      watchedAt.set(busKey(r.value.cameraId), now());
    },
  });
  const isWatched = (key: string, at: number): boolean => {
    const since = watchedAt.get(key);
    if (since === undefined) return false;
    if (at - since < LIVE_WATCH_TTL_MS) return true;
    watchedAt.delete(key);
    return false;
  };

  return {
    frame(cameraId, frame, result) {
      const key = busKey(cameraId);
      const at = now();
      if (!isWatched(key, at)) return;
      const last = sentAt.get(key);
      if (last !== undefined && at - last < minGapMs) return;
      sentAt.set(key, at);
      const failed = (err: unknown): void => {
        // Once per failing spell, not at every frame.
        if (!failing.has(key)) opts.logger.error(`worker ${opts.workerId}: live frame of camera ${cameraId} not published: ${errorMessage(err)}`);
        failing.add(key);
      };
      withLiveJpeg(
        frame,
        (decoded) => {
          const message: LiveFrame = {
            v: 1,
            workerId: opts.workerId,
            cameraId,
            tMs: frame.tMs,
            wallMs: frame.wallMs,
            width: frame.width,
            height: frame.height,
            jpegBase64: liveJpeg(frame, decoded).toString('base64'),
            tracks: liveTracks(result),
          };
          opts.nc.publish(`${SUBJECT_LIVE}.${key}`, JSON.stringify(message));
          failing.delete(key);
        },
        failed,
      );
    },
    watched: (cameraId) => isWatched(busKey(cameraId), now()),
    stop: () => sub.unsubscribe(),
  };
}
