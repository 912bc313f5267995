/** `vigie eval <scenario file or folder> [--json] [--explain] [--concurrency N] [--sources] [--only REGEX] [--types a,b] [--config F]` */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { VigieError } from '../core/errors.ts';
import { loadScenarios, selectScenarios, type Scenario } from '../eval/scenario.ts';
import { runEval } from '../eval/run.ts';
import { formatReport } from '../eval/report.ts';
import type { AnalysisOutput } from '../eval/run.ts';
import { openDetector, siteDefaults } from './shared.ts';
import { createExplainLog, findingsOf, formatFindings, type ExplainLog } from '../eval/explain.ts';
import { analyzeScenario, ffmpegInfo, progressLine } from './analyze-scenario.ts';
import { evalSources } from './eval-sources.ts';

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
      sources: { type: 'boolean', default: false },
    },
  });
  const target = positionals[0];
  if (!target || positionals.length > 1) throw new VigieError('USAGE', 'usage: vigie eval <scenario file or folder> [--json] [--explain] [--concurrency N] [--sources] [--only REGEX] [--types a,b] [--config F]');
  const concurrency = values.concurrency ? Number(values.concurrency) : os.availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new VigieError('USAGE', `--concurrency: expected a positive integer, got "${values.concurrency}"`);

  const scenarios = selectScenarios(loadScenarios(target), { only: values.only, types: values.types });
  if (scenarios.length === 0) throw new VigieError('USAGE', 'no scenario left after --only / --types');
  const site = siteDefaults(values.config);
  const opened = await openDetector(site.detector, { workers: Math.min(concurrency, scenarios.length) });
  try {
    if (values.sources) {
      if (values.explain) throw new VigieError('USAGE', '--sources and --explain do not go together');
      process.stdout.write(`${await evalSources({ scenarios, opened, analysis: site.analysis, concurrency, json: values.json })}\n`);
      return 0;
    }
    const logs = new Map<string, ExplainLog>();
    const explainLog = (s: Scenario): ExplainLog | undefined => {
      if (!values.explain) return undefined;
      const log = createExplainLog();
      logs.set(s.name, log);
      return log;
    };
    const analyze = (s: Scenario): Promise<AnalysisOutput> => analyzeScenario(s, { opened, analysis: site.analysis, log: explainLog(s) });
    const report = await runEval(scenarios, analyze, {
      concurrency,
      onResult: (r, done, total) => progressLine(r.scenario.name, r.error, r.alerts.length, done, total),
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
