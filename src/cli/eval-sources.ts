/**
 * `vigie eval <folder> --sources`: every scenario at each point of the calibration lines, then
 * leave-one-source-out scores per event type beside the default run's (src/eval/loso.ts).
 */
import { DEFAULT_PARAMS, type MotionGatingSetting } from '../config/schema.ts';
import { EVENT_TYPES } from '../core/types.ts';
import { CALIBRATION, CALIBRATION_POINTS, pointParams } from '../eval/calibration.ts';
import { formatLoso } from '../eval/loso-report.ts';
import { scoreLoso } from '../eval/loso.ts';
import { runScenarios } from '../eval/run.ts';
import type { Scenario } from '../eval/scenario.ts';
import type { ScenarioResult } from '../eval/score.ts';
import { analyzeScenario, ffmpegInfo, progressLine } from './analyze-scenario.ts';
import type { OpenedDetector } from './shared.ts';

export interface SourcesRun {
  readonly scenarios: readonly Scenario[];
  readonly opened: OpenedDetector;
  readonly analysis: { readonly fps: number; readonly width: number; readonly motionGating?: MotionGatingSetting };
  readonly concurrency: number;
  readonly json: boolean;
}

export async function evalSources(run: SourcesRun): Promise<string> {
  const { scenarios, opened, analysis } = run;
  const jobs = Array.from({ length: CALIBRATION_POINTS }, (_, point) => scenarios.map((scenario) => ({ scenario, point })));
  const flat = jobs.flat();
  const results = await runScenarios(
    flat.map((j) => ({ ...j.scenario, point: j.point })),
    (s) => analyzeScenario(s, { opened, analysis, params: pointParams(s.point) }),
    {
      concurrency: run.concurrency,
      onResult: (r, done, total) => progressLine(r.scenario.name, r.error, r.alerts.length, done, total),
    },
  );
  const runs: ScenarioResult[][] = jobs.map((_, p) => results.slice(p * scenarios.length, (p + 1) * scenarios.length));
  const report = scoreLoso(runs, CALIBRATION, DEFAULT_PARAMS, EVENT_TYPES);
  const ffmpeg = ffmpegInfo();
  if (run.json) return JSON.stringify({ ...report, calibration: CALIBRATION, ffmpeg }, null, 2);
  return `${formatLoso(report, CALIBRATION)}\nffmpeg: ${ffmpeg.version ?? 'unknown version'}`;
}
