/**
 * Scoring a run, exactly as ../shared/data/README.md ("How eval scores a run"). Pure.
 *
 * Conventions where the README leaves a choice:
 * - precision = tp / (tp + fp), null when tp + fp = 0 (nothing raised); duplicates count in neither.
 * - recall = tp / (tp + fn), null when tp + fn = 0 (nothing to find).
 * - f1 = 2PR / (P + R), null when P or R is null; 0 when P + R = 0.
 * - meanLatencySeconds: mean over matched events of (first matching alert - start); can be negative
 *   (an alert up to 2 s early matches); null when no event was matched.
 * - counts: over scenarios with counts.persons and an estimated count (relative error skips persons = 0).
 * - falseAlarmsPerHour: all false positives / hours of footage analysed; null when no footage.
 * - A scenario whose run failed (`error`) scores no alerts: its expected events are misses.
 * - byType lists, in EVENT_TYPES order, every type enabled or expected in any scenario, plus any
 *   type that raised an alert. Numbers are rounded to 3 decimals.
 */
import { EVENT_TYPES, type EventType } from '../core/types.ts';
import type { ExpectedEvent } from './scenario.ts';
import { matchAlerts, type AlertOutcome, type MatchResult, type TimedAlert } from './match.ts';

/** What score needs of a scenario (a loaded Scenario fits). */
export interface ScoredScenario {
  readonly name: string;
  readonly scene: { readonly events: readonly EventType[] };
  readonly expected: readonly ExpectedEvent[];
  readonly counts?: { readonly persons: number } | undefined;
}

export interface ScenarioResult {
  readonly scenario: ScoredScenario;
  readonly alerts: readonly TimedAlert[];
  readonly footageSeconds: number;
  readonly estimatedCount?: number | undefined;
  /** Set when the analysis failed; the scenario then counts as misses only. */
  readonly error?: string | undefined;
}

export interface TypeScore {
  tp: number;
  fp: number;
  fn: number;
  duplicates: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  meanLatencySeconds: number | null;
}

export interface ScenarioScore {
  readonly name: string;
  readonly footageSeconds: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly duplicates: number;
  readonly alerts: readonly AlertOutcome[];
  readonly missed: readonly ExpectedEvent[];
  readonly persons?: number;
  readonly estimatedCount?: number;
  readonly error?: string;
}

export interface CountScore {
  readonly scenarios: number;
  readonly meanAbsoluteError: number | null;
  readonly meanRelativeError: number | null;
}

export interface EvalReport {
  readonly scenarios: number;
  readonly failed: number;
  readonly footageSeconds: number;
  readonly byType: Partial<Record<EventType, TypeScore>>;
  readonly counts: CountScore;
  readonly falseAlarmsPerHour: number | null;
  readonly perScenario: readonly ScenarioScore[];
}

export function round3(x: number): number {
  const r = Math.round(x * 1000) / 1000;
  return r === 0 ? 0 : r;
}

function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;
}

function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

function f1Of(p: number | null, r: number | null): number | null {
  if (p === null || r === null) return null;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

interface Matched {
  readonly result: ScenarioResult;
  readonly match: MatchResult;
}

function matchResult(result: ScenarioResult): Matched {
  const alerts = result.error === undefined ? result.alerts : [];
  return { result, match: matchAlerts(result.scenario.scene.events, result.scenario.expected, alerts) };
}

function scoreScenario({ result, match }: Matched): ScenarioScore {
  const { scenario, error } = result;
  const count = (o: AlertOutcome['outcome']): number => match.alerts.filter((a) => a.outcome === o).length;
  return {
    name: scenario.name,
    footageSeconds: round3(result.footageSeconds),
    tp: count('tp'),
    fp: count('fp'),
    fn: match.missed.length,
    duplicates: count('duplicate'),
    alerts: match.alerts.map((a) => ({ ...a, tSeconds: round3(a.tSeconds), ...(a.outcome === 'tp' ? { latencySeconds: round3(a.latencySeconds) } : {}) })),
    missed: match.missed.map((i) => scenario.expected[i]!),
    ...(scenario.counts ? { persons: scenario.counts.persons } : {}),
    ...(result.estimatedCount !== undefined ? { estimatedCount: round3(result.estimatedCount) } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}

function reportedTypes(results: readonly ScenarioResult[]): EventType[] {
  const seen = new Set<EventType>();
  for (const r of results) {
    r.scenario.scene.events.forEach((t) => seen.add(t));
    r.scenario.expected.forEach((e) => seen.add(e.type));
    if (r.error === undefined) r.alerts.forEach((a) => seen.add(a.type));
  }
  return EVENT_TYPES.filter((t) => seen.has(t));
}

function scoreType(type: EventType, matched: readonly Matched[]): TypeScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let duplicates = 0;
  const latencies: number[] = [];
  for (const { result, match } of matched) {
    for (const a of match.alerts) {
      if (a.type !== type) continue;
      if (a.outcome === 'tp') {
        tp += 1;
        latencies.push(a.latencySeconds);
      } else if (a.outcome === 'fp') fp += 1;
      else duplicates += 1;
    }
    fn += match.missed.filter((i) => result.scenario.expected[i]!.type === type).length;
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = f1Of(precision, recall);
  const latency = mean(latencies);
  const r3 = (x: number | null): number | null => (x === null ? null : round3(x));
  return { tp, fp, fn, duplicates, precision: r3(precision), recall: r3(recall), f1: r3(f1), meanLatencySeconds: r3(latency) };
}

function scoreCounts(results: readonly ScenarioResult[]): CountScore {
  const pairs = results.flatMap((r) =>
    r.error === undefined && r.scenario.counts && r.estimatedCount !== undefined && Number.isFinite(r.estimatedCount)
      ? [{ truth: r.scenario.counts.persons, est: r.estimatedCount }]
      : [],
  );
  const abs = mean(pairs.map((p) => Math.abs(p.est - p.truth)));
  const rel = mean(pairs.filter((p) => p.truth > 0).map((p) => Math.abs(p.est - p.truth) / p.truth));
  return {
    scenarios: pairs.length,
    meanAbsoluteError: abs === null ? null : round3(abs),
    meanRelativeError: rel === null ? null : round3(rel),
  };
}

export function scoreRun(results: readonly ScenarioResult[]): EvalReport {
  const matched = results.map(matchResult);
  const perScenario = matched.map(scoreScenario);
  const footageSeconds = results.reduce((s, r) => s + Math.max(0, r.footageSeconds), 0);
  const byType: Partial<Record<EventType, TypeScore>> = {};
  for (const type of reportedTypes(results)) byType[type] = scoreType(type, matched);
  const totalFp = perScenario.reduce((s, p) => s + p.fp, 0);
  const perHour = ratio(totalFp, footageSeconds / 3600);
  return {
    scenarios: results.length,
    failed: results.filter((r) => r.error !== undefined).length,
    footageSeconds: round3(footageSeconds),
    byType,
    counts: scoreCounts(results),
    falseAlarmsPerHour: perHour === null ? null : round3(perHour),
    perScenario,
  };
}
