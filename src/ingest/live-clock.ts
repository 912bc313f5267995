/**
 * tMs for live frames. ffmpeg's fps filter emits one frame per 1/fps of stream time, so within one
 * connection frames are spaced by 1000/fps (even when they arrive in a burst, e.g. right after the
 * stream probe). Each connection is anchored on the wall clock (ms since the ingest's first frame),
 * and re-anchored when stream time and wall time drift apart by more than `resyncMs`.
 * The result is strictly increasing across reconnections.
 */
export type LiveClock = (elapsedMs: number, newConnection: boolean) => number;

export function createLiveClock(fps: number, resyncMs = 10_000): LiveClock {
  const periodMs = 1000 / fps;
  let anchor: { tMs: number; index: number } | undefined;
  let index = 0;
  let lastTMs = Number.NEGATIVE_INFINITY;
  return (elapsedMs, newConnection) => {
    let tMs = anchor && !newConnection ? anchor.tMs + (index - anchor.index) * periodMs : undefined;
    if (tMs === undefined || Math.abs(tMs - elapsedMs) > resyncMs) {
      tMs = Math.max(Math.round(elapsedMs), lastTMs + periodMs);
      anchor = { tMs, index };
    }
    lastTMs = tMs;
    index += 1;
    return tMs;
  };
}
