/**
 * The console side of the live view over the bus: every LIVE_WATCH_MS it says which cameras are
 * watched (vigie.live-watch.<camera key>: watched by a client that may view, live allowed by the
 * legal control), reads the frames the workers publish for them (vigie.live.<camera key>), hands
 * each to the WebSocket hub and keeps the latest per camera for snapshot.jpg. A camera watched for
 * `stallMs` without a frame is reported once (live-unavailable), until a frame comes.
 */
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { errorMessage } from '../core/errors.ts';
import type { ServerMessage } from '../api/doc-schemas.ts';
import type { Logger } from '../server/log.ts';
import { LIVE_WATCH_MS, SUBJECT_LIVE, SUBJECT_LIVE_WATCH, busKey, liveFrameSchema, parseBusMessage, type LiveFrame, type LiveWatch } from './protocol.ts';

/** A watched camera with no frame for this long is reported (a worker publishes within a watch period). */
export const LIVE_STALL_MS = 6_000;
/** snapshot.jpg: a kept frame younger than this is served as is; else a fresh one is asked for. */
export const SNAPSHOT_FRESH_MS = 1_000;
/** snapshot.jpg waits this long for a fresh frame from the worker. */
export const SNAPSHOT_WAIT_MS = 3_000;

/** What a watched camera that sends no frame says (the tile shows it). */
export function liveNoFrame(stallMs = LIVE_STALL_MS): string {
  return `no live image from a worker for ${Math.round(stallMs / 1000)} s: no worker runs this camera now, or its stream gives no frame`;
}

export interface LiveRelayOptions {
  readonly nc: Pick<NatsConnection, 'subscribe' | 'publish'>;
  readonly logger: Logger;
  /** The cameras watched now by a client that may view them (enabled cameras only). */
  readonly watched: () => readonly string[];
  /** Whether the legal control allows this camera's live view now. */
  readonly allowed: (cameraId: string) => boolean;
  /** A frame of a camera whose live view is allowed. */
  readonly onFrame: (frame: LiveFrame) => void;
  /** A watched camera stopped sending frames (once per stall). */
  readonly onUnavailable: (cameraId: string, reason: string) => void;
  readonly stallMs?: number;
  readonly nowMs?: () => number;
}

export interface LiveRelay {
  /** A client began watching this camera: the workers are told now, not at the next tick. */
  watch(cameraId: string): void;
  /** Why no frame of this watched camera comes now, or undefined. */
  unavailable(cameraId: string): string | undefined;
  /** A recent JPEG of the camera: the kept one when fresh, else the next the worker sends (asked for), undefined when none comes within SNAPSHOT_WAIT_MS. */
  latestJpeg(cameraId: string): Promise<Buffer | undefined>;
  stop(): void;
}

interface Watch {
  sinceMs: number;
  lastFrameMs?: number;
  stalled: boolean;
}

export function createLiveRelay(opts: LiveRelayOptions): LiveRelay {
  const now = opts.nowMs ?? Date.now;
  const stallMs = opts.stallMs ?? LIVE_STALL_MS;
  const watches = new Map<string, Watch>();
  const latest = new Map<string, { frame: LiveFrame; atMs: number }>();
  const waiters = new Map<string, Set<(frame: LiveFrame | undefined) => void>>();
  const malformed = new Set<string>();

  const say = (cameraId: string): void => {
    const m: LiveWatch = { v: 1, cameraId, atMs: now() };
    try {
      opts.nc.publish(`${SUBJECT_LIVE_WATCH}.${busKey(cameraId)}`, JSON.stringify(m));
    } catch (err) {
      opts.logger.error(`bus: live watch of camera ${cameraId} not sent: ${errorMessage(err)}`);
    }
  };
  const wanted = (): Set<string> => new Set(opts.watched().filter((id) => opts.allowed(id)));

  const tick = (): void => {
    const at = now();
    const ids = wanted();
    for (const id of watches.keys()) if (!ids.has(id)) watches.delete(id);
    for (const id of ids) {
      const w = watches.get(id) ?? { sinceMs: at, stalled: false };
      watches.set(id, w);
      say(id);
      if (!w.stalled && at - Math.max(w.sinceMs, w.lastFrameMs ?? 0) >= stallMs) {
        w.stalled = true;
        opts.onUnavailable(id, liveNoFrame(stallMs));
      }
    }
    for (const [id, l] of latest) if (at - l.atMs > 10 * SNAPSHOT_FRESH_MS) latest.delete(id);
  };
  const timer = setInterval(tick, LIVE_WATCH_MS);
  timer.unref();

  const sub: Subscription = opts.nc.subscribe(`${SUBJECT_LIVE}.>`, {
    callback: (err, m) => {
      if (err) return opts.logger.error(`bus: live frames subscription: ${errorMessage(err)}`);
      const r = parseBusMessage(liveFrameSchema, m.subject, m.data);
      const ok = r.ok && m.subject === `${SUBJECT_LIVE}.${busKey(r.value.cameraId)}`;
      if (!ok) {
        // Once per subject until a good one comes: a bad worker would otherwise log at its frame rate.
        if (!malformed.has(m.subject)) opts.logger.error(`bus: live frame ignored: ${r.ok ? `${m.subject}: camera ${r.value.cameraId} is not this subject's` : r.error}`);
        malformed.add(m.subject);
        return;
      }
      malformed.delete(m.subject);
      const frame = r.value;
      if (!opts.allowed(frame.cameraId)) return;
      const at = now();
      latest.set(frame.cameraId, { frame, atMs: at });
      const w = watches.get(frame.cameraId);
      if (w) {
        w.lastFrameMs = at;
        w.stalled = false;
      }
      const waiting = waiters.get(frame.cameraId);
      waiters.delete(frame.cameraId);
      for (const resolve of waiting ?? []) resolve(frame);
      opts.onFrame(frame);
    },
  });

  return {
    watch(cameraId) {
      if (!wanted().has(cameraId)) return;
      if (!watches.has(cameraId)) watches.set(cameraId, { sinceMs: now(), stalled: false });
      say(cameraId);
    },
    unavailable: (cameraId) => (watches.get(cameraId)?.stalled ? liveNoFrame(stallMs) : undefined),
    async latestJpeg(cameraId) {
      if (!opts.allowed(cameraId)) return undefined;
      const kept = latest.get(cameraId);
      if (kept && now() - kept.atMs <= SNAPSHOT_FRESH_MS) return Buffer.from(kept.frame.jpegBase64, 'base64');
      const next = new Promise<LiveFrame | undefined>((resolve) => {
        const set = waiters.get(cameraId) ?? new Set();
        waiters.set(cameraId, set);
        const done = (frame: LiveFrame | undefined): void => {
          clearTimeout(timer);
          set.delete(done);
          resolve(frame);
        };
        const timer = setTimeout(() => done(undefined), SNAPSHOT_WAIT_MS);
        set.add(done);
      });
      say(cameraId);
      const frame = await next;
      return frame ? Buffer.from(frame.jpegBase64, 'base64') : undefined;
    },
    stop() {
      clearInterval(timer);
      sub.unsubscribe();
      for (const set of [...waiters.values()]) for (const done of [...set]) done(undefined);
      waiters.clear();
    },
  };
}

/** The WebSocket frame message of a worker's live frame, with the console's active alerts of the camera. */
export function liveFrameMessage(frame: LiveFrame, activeAlertIds: string[]): ServerMessage {
  const { cameraId, tMs, wallMs, width, height, jpegBase64, tracks } = frame;
  return { type: 'frame', cameraId, tMs, wallMs, width, height, jpeg: jpegBase64, tracks, activeAlertIds };
}
