/**
 * Requests refused without a session (a 4xx to a client that is not signed in) are counted per
 * client address in fixed windows, so that nobody can fill the journal (or the disk) from outside:
 * - one journal row per address and window (`access.refused`, with the count, the first and last
 *   time and the routes with their statuses), written when the window has ended;
 * - past `burst` refusals in a window, the address's requests without a session are answered
 *   429 until the window ends.
 * Memory is bounded: at most maxAddresses windows are held (the oldest is written out first).
 */
import type { JournalInput } from '../../store/journal.ts';

export interface RefusalOptions {
  readonly windowMs: number;
  readonly burst: number;
  readonly maxAddresses: number;
  /** Distinct `route status` keys kept per window; further ones are counted under "other". */
  readonly maxRoutes: number;
}

export const DEFAULT_REFUSALS: RefusalOptions = { windowMs: 60_000, burst: 30, maxAddresses: 10_000, maxRoutes: 16 };

export interface RefusalWindow {
  readonly address: string;
  readonly startMs: number;
  readonly lastMs: number;
  readonly count: number;
  readonly routes: Readonly<Record<string, number>>;
}

export interface Refusals {
  /** Milliseconds before this address may be refused again without a 429 (0: not blocked). */
  blockedForMs(address: string, nowMs: number): number;
  /** Counts one refused request (`what`: e.g. 'GET /api/cameras 401'). */
  refused(address: string, what: string, nowMs: number): void;
  /** Writes the windows that have ended. */
  sweep(nowMs: number): void;
  /** Writes every window (shutdown). */
  flush(): void;
}

/** The window after one more refusal. Pure. */
export function addRefusal(w: RefusalWindow, what: string, nowMs: number, maxRoutes: number): RefusalWindow {
  const key = what in w.routes || Object.keys(w.routes).length < maxRoutes ? what : 'other';
  return { ...w, lastMs: nowMs, count: w.count + 1, routes: { ...w.routes, [key]: (w.routes[key] ?? 0) + 1 } };
}

/** The journal row of a window. Pure. */
export function refusalEntry(w: RefusalWindow): JournalInput {
  return { atMs: w.lastMs, action: 'access.refused', details: { address: w.address, count: w.count, fromMs: w.startMs, toMs: w.lastMs, routes: w.routes } };
}

export function createRefusals(record: (e: JournalInput) => void, opts: RefusalOptions = DEFAULT_REFUSALS): Refusals {
  // Insertion order is start order: the oldest window is always first.
  const windows = new Map<string, RefusalWindow>();
  const ended = (w: RefusalWindow, nowMs: number): boolean => nowMs - w.startMs >= opts.windowMs;
  const writeOut = (w: RefusalWindow): void => {
    windows.delete(w.address);
    record(refusalEntry(w));
  };
  const sweep = (nowMs: number): void => {
    for (const w of windows.values()) {
      if (!ended(w, nowMs)) break;
      writeOut(w);
    }
  };
  return {
    blockedForMs(address, nowMs) {
      const w = windows.get(address);
      return w && !ended(w, nowMs) && w.count >= opts.burst ? w.startMs + opts.windowMs - nowMs : 0;
    },
    refused(address, what, nowMs) {
      sweep(nowMs);
      const w = windows.get(address) ?? { address, startMs: nowMs, lastMs: nowMs, count: 0, routes: {} };
      windows.set(address, addRefusal(w, what, nowMs, opts.maxRoutes));
      const oldest = windows.values().next().value;
      if (windows.size > opts.maxAddresses && oldest) writeOut(oldest);
    },
    sweep,
    flush: () => [...windows.values()].forEach(writeOut),
  };
}
