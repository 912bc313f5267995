/** A manual clock and scheduler for tests: time moves only when advance() is called, firing what fell due. */
import type { Scheduler } from './webhooks.ts';

export interface FakeClock {
  readonly nowMs: () => number;
  readonly scheduler: Scheduler;
  /** Moves time on, running every callback that falls due, in time order. */
  advance(ms: number): void;
  /** Callbacks waiting. */
  pending(): number;
}

export function createFakeClock(startMs = 0): FakeClock {
  let now = startMs;
  let seq = 0;
  const timers = new Map<number, { atMs: number; run: () => void }>();
  const nextDue = (): [number, { atMs: number; run: () => void }] | undefined =>
    [...timers.entries()].filter(([, t]) => t.atMs <= now).sort((a, b) => a[1].atMs - b[1].atMs || a[0] - b[0])[0];
  return {
    nowMs: () => now,
    scheduler: (run, delayMs) => {
      const id = seq++;
      timers.set(id, { atMs: now + Math.max(0, delayMs), run });
      return { cancel: () => void timers.delete(id) };
    },
    advance(ms) {
      now += ms;
      for (let due = nextDue(); due; due = nextDue()) {
        timers.delete(due[0]);
        due[1].run();
      }
    },
    pending: () => timers.size,
  };
}
