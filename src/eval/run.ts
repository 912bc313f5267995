/**
 * Runs an injected analysis over scenarios with bounded concurrency, then scores the run.
 * A failing scenario is recorded with its error (its expected events count as misses); the others go on.
 */
import os from 'node:os';
import { errorMessage } from '../core/errors.ts';
import type { TimedAlert } from './match.ts';
import { scoreRun, type EvalReport, type ScenarioResult, type ScoredScenario } from './score.ts';

export interface AnalysisOutput {
  readonly alerts: readonly TimedAlert[];
  /** Seconds of footage analysed (a still counts as STILL_SECONDS). */
  readonly footageSeconds: number;
  /** Estimated number of persons in the frame, for scenarios with counts. */
  readonly estimatedCount?: number | undefined;
}

export type Analyze<S extends ScoredScenario> = (scenario: S) => Promise<AnalysisOutput>;

export interface RunEvalOptions {
  /** Scenarios analysed at once; default os.availableParallelism(). */
  readonly concurrency?: number;
  /** Called as each scenario finishes (in completion order), e.g. for progress output. */
  readonly onResult?: (result: ScenarioResult, done: number, total: number) => void;
}

/** Why an analysis output cannot be scored, or null when it can. */
export function invalidOutput(out: AnalysisOutput): string | null {
  if (!Number.isFinite(out.footageSeconds) || out.footageSeconds < 0) return `invalid footageSeconds ${out.footageSeconds}`;
  const bad = out.alerts.find((a) => !Number.isFinite(a.tSeconds));
  if (bad) return `alert of type ${bad.type} has an invalid time ${bad.tSeconds}`;
  if (out.estimatedCount !== undefined && !Number.isFinite(out.estimatedCount)) return `invalid estimatedCount ${out.estimatedCount}`;
  return null;
}

async function analyzeOne<S extends ScoredScenario>(scenario: S, analyze: Analyze<S>): Promise<ScenarioResult> {
  try {
    const out = await analyze(scenario);
    const invalid = invalidOutput(out);
    if (invalid !== null) return { scenario, alerts: [], footageSeconds: 0, error: `analysis output: ${invalid}` };
    return { scenario, alerts: out.alerts, footageSeconds: out.footageSeconds, estimatedCount: out.estimatedCount };
  } catch (err) {
    return { scenario, alerts: [], footageSeconds: 0, error: errorMessage(err) };
  }
}

/** Results in scenario order; never rejects because of a scenario. */
export async function runScenarios<S extends ScoredScenario>(
  scenarios: readonly S[],
  analyze: Analyze<S>,
  options: RunEvalOptions = {},
): Promise<ScenarioResult[]> {
  const limit = Math.max(1, Math.floor(options.concurrency ?? os.availableParallelism()));
  const results = new Array<ScenarioResult>(scenarios.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < scenarios.length) {
      const index = next++;
      const result = await analyzeOne(scenarios[index]!, analyze);
      results[index] = result;
      done += 1;
      options.onResult?.(result, done, scenarios.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, scenarios.length) }, worker));
  return results;
}

export async function runEval<S extends ScoredScenario>(
  scenarios: readonly S[],
  analyze: Analyze<S>,
  options: RunEvalOptions = {},
): Promise<EvalReport> {
  return scoreRun(await runScenarios(scenarios, analyze, options));
}
