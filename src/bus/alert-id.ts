/**
 * Alert ids of the distributed mode. A file camera played once is analysed again from its start by
 * the worker that takes it over: its alerts then get the very ids they had (derived from the
 * camera, the assignment's putAtMs and the event), which the stream's dedup (Nats-Msg-Id) and the
 * console (a known id is refused) drop. Live and looped cameras get the usual random id.
 */
import { createHash } from 'node:crypto';
import type { CameraConfig } from '../config/schema.ts';
import type { RuleEvent } from '../core/types.ts';
import { encodeRandom, encodeTime, newAlertId } from '../alerts/id.ts';

const LIVE_URL = /^(rtsps?|https?):\/\//i;

/** A file (path or file:// URL) played once: analysing it again yields the same events. */
export function isReplayedOnce(camera: Pick<CameraConfig, 'url' | 'loop'>): boolean {
  return !camera.loop && !LIVE_URL.test(camera.url);
}

export type AlertIdEvent = Pick<RuleEvent, 'type' | 'tMs' | 'zoneId' | 'trackId'>;

/** ULID layout: time = putAtMs + tMs, the 80 other bits = the first 10 bytes of a SHA-256 of the fields. */
export function deterministicAlertId(cameraId: string, putAtMs: number, event: AlertIdEvent): string {
  const fields = JSON.stringify([cameraId, putAtMs, event.type, event.tMs, event.zoneId ?? null, event.trackId ?? null]);
  const digest = createHash('sha256').update(fields).digest();
  return encodeTime(Math.max(0, Math.trunc(putAtMs + event.tMs))) + encodeRandom(digest.subarray(0, 10));
}

/** The id of an alert raised on `camera` under the assignment put at `putAtMs`. */
export function busAlertId(camera: Pick<CameraConfig, 'id' | 'url' | 'loop'>, putAtMs: number, event: AlertIdEvent, nowMs: number): string {
  return isReplayedOnce(camera) ? deterministicAlertId(camera.id, putAtMs, event) : newAlertId(nowMs);
}
