/**
 * Matching alerts to the expected events of one scenario (../shared/data/README.md, "How eval scores a run").
 *
 * - An alert of type T at time t matches an expected event of type T when start - 2 <= t <= end + 2
 *   (compared with a 1e-9 s tolerance, so that 4.9 - 2 = 2.9000000000000004 still admits t = 2.9).
 * - Alerts are processed in time order (ties: input order). An alert whose window holds one or more
 *   still-unmatched events matches the one with the earliest start (ties: earliest end, then file order).
 *   So each expected event is matched at most once, by the earliest alert that can take it.
 * - An alert inside windows of already-matched events only is a duplicate.
 * - An alert matching nothing is a false positive; so is any alert of a type not in scene.events
 *   ("others must stay silent"), whatever its time.
 * - Expected events left unmatched are misses.
 */
import type { EventType } from '../core/types.ts';

export const MATCH_TOLERANCE_SECONDS = 2;
const EPSILON_SECONDS = 1e-9;

export interface TimedAlert {
  readonly type: EventType;
  readonly tSeconds: number;
}

export interface ExpectedWindow {
  readonly type: EventType;
  readonly start: number;
  readonly end: number;
}

export type AlertOutcome =
  | { readonly type: EventType; readonly tSeconds: number; readonly outcome: 'tp'; readonly expectedIndex: number; readonly latencySeconds: number }
  | { readonly type: EventType; readonly tSeconds: number; readonly outcome: 'duplicate'; readonly expectedIndex: number }
  | { readonly type: EventType; readonly tSeconds: number; readonly outcome: 'fp'; readonly reason: 'no_event' | 'not_enabled' };

export interface MatchResult {
  /** One per alert, in time order. */
  readonly alerts: readonly AlertOutcome[];
  /** Indices into `expected` of the events no alert matched. */
  readonly missed: readonly number[];
}

export function inWindow(t: number, e: ExpectedWindow): boolean {
  return t >= e.start - MATCH_TOLERANCE_SECONDS - EPSILON_SECONDS && t <= e.end + MATCH_TOLERANCE_SECONDS + EPSILON_SECONDS;
}

function byStartThenEnd(expected: readonly ExpectedWindow[]) {
  return (a: number, b: number): number => {
    const ea = expected[a]!;
    const eb = expected[b]!;
    return ea.start - eb.start || ea.end - eb.end || a - b;
  };
}

function outcomeOf(
  alert: TimedAlert,
  enabled: ReadonlySet<EventType>,
  expected: readonly ExpectedWindow[],
  matched: Set<number>,
): AlertOutcome {
  const { type, tSeconds } = alert;
  if (!enabled.has(type)) return { type, tSeconds, outcome: 'fp', reason: 'not_enabled' };
  const hits = expected
    .map((_, i) => i)
    .filter((i) => expected[i]!.type === type && inWindow(tSeconds, expected[i]!))
    .sort(byStartThenEnd(expected));
  const free = hits.find((i) => !matched.has(i));
  if (free !== undefined) {
    matched.add(free);
    return { type, tSeconds, outcome: 'tp', expectedIndex: free, latencySeconds: tSeconds - expected[free]!.start };
  }
  const first = hits[0];
  if (first !== undefined) return { type, tSeconds, outcome: 'duplicate', expectedIndex: first };
  return { type, tSeconds, outcome: 'fp', reason: 'no_event' };
}

export function matchAlerts(
  enabledEvents: readonly EventType[],
  expected: readonly ExpectedWindow[],
  alerts: readonly TimedAlert[],
): MatchResult {
  const enabled = new Set(enabledEvents);
  const matched = new Set<number>();
  const ordered = alerts.map((a, i) => ({ a, i })).sort((x, y) => x.a.tSeconds - y.a.tSeconds || x.i - y.i);
  const outcomes = ordered.map(({ a }) => outcomeOf(a, enabled, expected, matched));
  const missed = expected.map((_, i) => i).filter((i) => !matched.has(i));
  return { alerts: outcomes, missed };
}
