/**
 * How old the frame on a live tile is (pure). The server stamps each frame with its wall-clock
 * time; when the browser's clock disagrees with the server's (transit negative or over a minute),
 * only the time since the frame arrived counts, so a skewed clock never paints every tile stale.
 */
import { formatTime } from './format.ts';

const MAX_TRANSIT_MS = 60_000;

export function frameAgeMs(frameWallMs: number, receivedMs: number, nowMs: number): number {
  const transit = receivedMs - frameWallMs;
  const sinceArrival = Math.max(0, nowMs - receivedMs);
  return transit >= 0 && transit <= MAX_TRANSIT_MS ? sinceArrival + transit : sinceArrival;
}

/** `0.4 s ago`, `12 s ago`, `3 min ago`. */
export function formatAge(ageMs: number): string {
  const s = Math.max(0, ageMs) / 1000;
  if (s < 10) return `${s.toFixed(1)} s ago`;
  if (s < 60) return `${Math.round(s)} s ago`;
  return `${Math.floor(s / 60)} min ago`;
}

/** `12:03:04 · 0.4 s ago` (local time of the frame). */
export function frameStamp(frameWallMs: number, ageMs: number): string {
  return `${formatTime(frameWallMs)} · ${formatAge(ageMs)}`;
}
