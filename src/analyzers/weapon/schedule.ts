/**
 * Which persons get a closer look this frame. Each person at most once per lookIntervalMs; over
 * all persons at most maxLooksPerSecond on average (a token bucket with a small burst), so the cost
 * stays bounded in a crowd; persons never looked at first, then the longest unseen.
 */
import type { Track } from '../../core/types.ts';

export interface ScheduleOptions {
  readonly lookIntervalMs: number;
  readonly maxLooksPerSecond: number;
  /** Looks that may be spent at once after a quiet spell. */
  readonly burst: number;
  /** Persons shorter than this (pixels of the analysed frame) are too small for a useful look. */
  readonly minPersonPx: number;
}

export const DEFAULT_SCHEDULE: ScheduleOptions = { lookIntervalMs: 1000, maxLooksPerSecond: 1, burst: 2, minPersonPx: 40 };

export interface ScheduleState {
  /** Last look per track id. */
  readonly lastLookMs: ReadonlyMap<number, number>;
  readonly tokens: number;
  readonly tMs?: number;
}

export function initialSchedule(o: ScheduleOptions = DEFAULT_SCHEDULE): ScheduleState {
  return { lastLookMs: new Map(), tokens: o.burst };
}

export function pickLooks(
  state: ScheduleState,
  tracks: readonly Track[],
  tMs: number,
  frameHeight: number,
  o: ScheduleOptions = DEFAULT_SCHEDULE,
): { readonly ids: number[]; readonly state: ScheduleState } {
  const elapsedS = state.tMs === undefined ? 0 : Math.max(0, tMs - state.tMs) / 1000;
  let tokens = Math.min(o.burst, state.tokens + elapsedS * o.maxLooksPerSecond);
  const live = new Set(tracks.map((t) => t.id));
  const last = new Map([...state.lastLookMs].filter(([id]) => live.has(id)));
  const due = tracks
    .filter((t) => t.label === 'person' && t.state === 'confirmed' && (t.box.y2 - t.box.y1) * frameHeight >= o.minPersonPx)
    .filter((t) => {
      const l = last.get(t.id);
      return l === undefined || tMs - l >= o.lookIntervalMs;
    })
    .sort((a, b) => (last.get(a.id) ?? -Infinity) - (last.get(b.id) ?? -Infinity) || a.id - b.id);
  const ids: number[] = [];
  for (const t of due) {
    if (tokens < 1) break;
    tokens -= 1;
    ids.push(t.id);
    last.set(t.id, tMs);
  }
  return { ids, state: { lastLookMs: last, tokens, tMs } };
}
