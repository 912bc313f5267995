/** Smoothed motion of a point over a short time-stamped history. */
import type { Point } from '../core/types.ts';

export interface Sample {
  readonly tMs: number;
  readonly p: Point;
}

export interface Displacement {
  readonly dx: number;
  readonly dy: number;
  /** Time between the first and the last sample. */
  readonly spanMs: number;
}

/**
 * Keeps the samples needed to measure `windowMs` back from `nowMs`: everything newer than the
 * window start, plus the newest sample at or before it (so the span can reach the full window).
 */
export function pruneHistory(samples: readonly Sample[], nowMs: number, windowMs: number): Sample[] {
  const start = nowMs - windowMs;
  let first = 0;
  while (first + 1 < samples.length && samples[first + 1]!.tMs <= start) first++;
  return samples.slice(first);
}

/**
 * Displacement over the history from a least-squares line through (t, x) and (t, y): the fitted
 * velocity times the span. Jitter averages out, unlike a plain last-minus-first. Needs minSamples (>= 2).
 */
export function displacement(samples: readonly Sample[], minSamples = 3): Displacement | undefined {
  const n = samples.length;
  if (n < Math.max(2, minSamples)) return undefined;
  const t0 = samples[0]!.tMs;
  const spanMs = samples[n - 1]!.tMs - t0;
  if (spanMs <= 0) return undefined;
  let st = 0;
  let sx = 0;
  let sy = 0;
  for (const s of samples) {
    st += s.tMs - t0;
    sx += s.p.x;
    sy += s.p.y;
  }
  const mt = st / n;
  const mx = sx / n;
  const my = sy / n;
  let stt = 0;
  let stx = 0;
  let sty = 0;
  for (const s of samples) {
    const dt = s.tMs - t0 - mt;
    stt += dt * dt;
    stx += dt * (s.p.x - mx);
    sty += dt * (s.p.y - my);
  }
  return { dx: (stx / stt) * spanMs, dy: (sty / stt) * spanMs, spanMs };
}
