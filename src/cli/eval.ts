/** `vigie eval <scenario file or folder> [--json] [--explain] [--concurrency N] [--only REGEX] [--types a,b] [--config F]` */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { VigieError } from '../core/errors.ts';
import { loadScenarios, scenarioToCamera, selectScenarios, type Scenario } from '../eval/scenario.ts';
import { runEval } from '../eval/run.ts';
import { formatReport } from '../eval/report.ts';
import type { AnalysisOutput } from '../eval/run.ts';
import { runCamera } from '../pipeline/run-camera.ts';
import { createCountCollector } from '../analyzers/crowd/scenario-count.ts';
import { openDetector, siteDefaults, type OpenedDetector } from './shared.ts';
import { createExplainLog, findingsOf, formatFindings, type ExplainLog } from '../eval/explain.ts';
import { ffmpegVersion, installerFfmpegPath, resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';

/** The ffmpeg the run decoded with: results may depend on its build, so the report records it. */
function ffmpegInfo(): { path: string | null; version: string | null; bundled: boolean } {
  const ffmpegPath = resolveFfmpegPath();
  const bundled = ffmpegPath !== undefined && ffmpegPath === installerFfmpegPath();
  return { path: ffmpegPath ?? null, version: (ffmpegPath && ffmpegVersion(ffmpegPath)) ?? null, bundled };
}

export async function evalCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      concurrency: { type: 'string' },
      config: { type: 'string' },
      only: { type: 'string' },
      explain: { type: 'boolean', default: false },
      types: { type: 'string' },
    },
  });
  const target = positionals[0];
  if (!target || positionals.length > 1) throw new VigieError('USAGE', 'usage: vigie eval <scenario file or folder> [--json] [--explain] [--concurrency N] [--only REGEX] [--types a,b] [--config F]');
  const concurrency = values.concurrency ? Number(values.concurrency) : os.availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new VigieError('USAGE', `--concurrency: expected a positive integer, got "${values.concurrency}"`);

  const scenarios = selectScenarios(loadScenarios(target), { only: values.only, types: values.types });
  if (scenarios.length === 0) throw new VigieError('USAGE', 'no scenario left after --only / --types');
  const site = siteDefaults(values.config);
  const opened = await openDetector(site.detector, { workers: Math.min(concurrency, scenarios.length) });
  try {
    const logs = new Map<string, ExplainLog>();
    const explainLog = (s: Scenario): ExplainLog | undefined => {
      if (!values.explain) return undefined;
      const log = createExplainLog();
      logs.set(s.name, log);
      return log;
    };
    const analyze = (s: Scenario): Promise<AnalysisOutput> => analyzeScenario(s, opened, site.analysis, explainLog(s));
    const report = await runEval(scenarios, analyze, {
      concurrency,
      onResult: (r, done, total) => {
        const what = r.error ? `failed: ${r.error}` : `${r.alerts.length} alert(s)`;
        process.stderr.write(`[${done}/${total}] ${r.scenario.name}: ${what}\n`);
      },
    });
    const ffmpeg = ffmpegInfo();
    const findings = values.explain ? report.perScenario.flatMap((p) => findingsOf(p, logs.get(p.name))) : undefined;
    const full = { ...report, ffmpeg, ...(findings ? { explain: findings } : {}) };
    if (values.json) process.stdout.write(`${JSON.stringify(full, null, 2)}\n`);
    else {
      const text = [formatReport(report), `ffmpeg: ${ffmpeg.version ?? 'unknown version'} (${ffmpeg.path ?? 'not found'})`];
      if (findings) text.push('', formatFindings(findings));
      process.stdout.write(`${text.join('\n')}\n`);
    }
    return 0;
  } finally {
    await opened.detector.close();
  }
}

async function analyzeScenario(
  scenario: Scenario,
  opened: OpenedDetector,
  analysis: { fps: number; width: number },
  log: ExplainLog | undefined,
): Promise<AnalysisOutput> {
  const alerts: { type: Scenario['expected'][number]['type']; tSeconds: number }[] = [];
  const counts = createCountCollector();
  const result = await runCamera({
    camera: { ...scenarioToCamera(scenario), realtime: false, loop: false },
    ...opened,
    fps: analysis.fps,
    width: analysis.width,
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
