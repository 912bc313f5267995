/** One scenario through the real pipeline, for `vigie eval` and `vigie eval --sources`. */
import { VigieError } from '../core/errors.ts';
import type { MotionGatingSetting, RuleParams } from '../config/schema.ts';
import { scenarioToCamera, type Scenario } from '../eval/scenario.ts';
import type { AnalysisOutput } from '../eval/run.ts';
import type { TimedAlert } from '../eval/match.ts';
import type { ExplainLog } from '../eval/explain.ts';
import { runCamera } from '../pipeline/run-camera.ts';
import { createCountCollector } from '../analyzers/crowd/scenario-count.ts';
import { ffmpegVersion, installerFfmpegPath, resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import type { OpenedDetector } from './shared.ts';

export interface ScenarioRun {
  readonly opened: OpenedDetector;
  readonly analysis: { readonly fps: number; readonly width: number; readonly motionGating?: MotionGatingSetting };
  /** Rule parameters set over the scenario's (calibration runs); the scene's own params still win. */
  readonly params?: Partial<RuleParams>;
  readonly log?: ExplainLog | undefined;
}

export async function analyzeScenario(scenario: Scenario, run: ScenarioRun): Promise<AnalysisOutput> {
  const { opened, analysis, log } = run;
  const alerts: TimedAlert[] = [];
  const counts = createCountCollector();
  const camera = scenarioToCamera(scenario);
  const result = await runCamera({
    camera: { ...camera, params: { ...camera.params, ...run.params, ...scenario.scene.params }, realtime: false, loop: false },
    ...opened,
    fps: analysis.fps,
    width: analysis.width,
    motionGating: analysis.motionGating ?? false,
    maxRetries: 0,
    onEvent: (event) => {
      alerts.push({ type: event.type, tSeconds: event.tMs / 1000 });
      log?.alert(event.type, event.tMs / 1000, event.message);
    },
    onFrame: (frame, r) => {
      counts.add(r.extras);
      log?.record(frame.tMs / 1000, r.explanations);
    },
    ...(log ? { explain: true } : {}),
  });
  if (result.status.state === 'failed') throw new VigieError('SOURCE_INVALID', result.status.reason);
  return { alerts, footageSeconds: result.footageMs / 1000, estimatedCount: counts.estimate() };
}

/** The ffmpeg the run decoded with: results may depend on its build, so reports record it. */
export function ffmpegInfo(): { path: string | null; version: string | null; bundled: boolean } {
  const ffmpegPath = resolveFfmpegPath();
  const bundled = ffmpegPath !== undefined && ffmpegPath === installerFfmpegPath();
  return { path: ffmpegPath ?? null, version: (ffmpegPath && ffmpegVersion(ffmpegPath)) ?? null, bundled };
}

/** Progress of a run on stderr, one line per scenario. */
export function progressLine(name: string, error: string | undefined, alerts: number, done: number, total: number): void {
  process.stderr.write(`[${done}/${total}] ${name}: ${error ? `failed: ${error}` : `${alerts} alert(s)`}\n`);
}
