/** `vigie eval <scenario file or folder> [--json] [--concurrency N] [--config F]` */
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

export async function evalCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      concurrency: { type: 'string' },
      config: { type: 'string' },
      only: { type: 'string' },
      types: { type: 'string' },
    },
  });
  const target = positionals[0];
  if (!target || positionals.length > 1) throw new VigieError('USAGE', 'usage: vigie eval <scenario file or folder> [--json] [--concurrency N]');
  const concurrency = values.concurrency ? Number(values.concurrency) : os.availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new VigieError('USAGE', `--concurrency: expected a positive integer, got "${values.concurrency}"`);

  const scenarios = selectScenarios(loadScenarios(target), { only: values.only, types: values.types });
  if (scenarios.length === 0) throw new VigieError('USAGE', 'no scenario left after --only / --types');
  const site = siteDefaults(values.config);
  const opened = await openDetector(site.detector, { workers: Math.min(concurrency, scenarios.length) });
  try {
    const analyze = (s: Scenario): Promise<AnalysisOutput> => analyzeScenario(s, opened, site.analysis);
    const report = await runEval(scenarios, analyze, {
      concurrency,
      onResult: (r, done, total) => {
        const what = r.error ? `failed: ${r.error}` : `${r.alerts.length} alert(s)`;
        process.stderr.write(`[${done}/${total}] ${r.scenario.name}: ${what}\n`);
      },
    });
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    return 0;
  } finally {
    await opened.detector.close();
  }
}

async function analyzeScenario(
  scenario: Scenario,
  opened: OpenedDetector,
  analysis: { fps: number; width: number },
): Promise<AnalysisOutput> {
  const alerts: { type: Scenario['expected'][number]['type']; tSeconds: number }[] = [];
  const counts = createCountCollector();
  const result = await runCamera({
    camera: { ...scenarioToCamera(scenario), realtime: false, loop: false },
    ...opened,
    fps: analysis.fps,
    width: analysis.width,
    maxRetries: 0,
    onEvent: (event) => void alerts.push({ type: event.type, tSeconds: event.tMs / 1000 }),
    onFrame: (_frame, r) => counts.add(r.extras),
  });
  if (result.status.state === 'failed') throw new VigieError('SOURCE_INVALID', result.status.reason);
  return { alerts, footageSeconds: result.footageMs / 1000, estimatedCount: counts.estimate() };
}
