/** The eval report as a console table. Pure: returns the text. */
import type { EvalReport, TypeScore } from './score.ts';

const TYPE_COLUMNS = ['type', 'tp', 'fp', 'fn', 'dup', 'P', 'R', 'F1', 'latency s'] as const;

function num(x: number | null, digits = 3): string {
  return x === null ? '-' : x.toFixed(digits);
}

function typeRow(type: string, s: TypeScore): string[] {
  return [type, String(s.tp), String(s.fp), String(s.fn), String(s.duplicates), num(s.precision), num(s.recall), num(s.f1), num(s.meanLatencySeconds, 2)];
}

/** Left-aligns the first column, right-aligns the others. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd())
    .join('\n');
}

function totalsRow(report: EvalReport): string[] {
  const all = Object.values(report.byType);
  const sum = (k: 'tp' | 'fp' | 'fn' | 'duplicates'): string => String(all.reduce((s, t) => s + t[k], 0));
  return ['total', sum('tp'), sum('fp'), sum('fn'), sum('duplicates'), '', '', '', ''];
}

/** At most `max` items, then "+N more". */
function shortList(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} +${items.length - max} more` : shown;
}

export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  const minutes = (report.footageSeconds / 60).toFixed(1);
  lines.push(`${report.scenarios} scenarios (${report.failed} failed), ${report.footageSeconds} s of footage (${minutes} min)`, '');
  const rows = Object.entries(report.byType).map(([type, s]) => typeRow(type, s));
  lines.push(formatTable([[...TYPE_COLUMNS], ...rows, totalsRow(report)]), '');
  const c = report.counts;
  lines.push(
    c.scenarios === 0
      ? 'counts: no scenario with a person count and an estimate'
      : `counts: ${c.scenarios} scenario(s), mean absolute error ${num(c.meanAbsoluteError, 1)}, mean relative error ${num(c.meanRelativeError)}`,
  );
  lines.push(`false alarms per hour: ${num(report.falseAlarmsPerHour, 2)}`);
  const failed = report.perScenario.filter((p) => p.error !== undefined);
  if (failed.length > 0) {
    lines.push('', 'failed scenarios:');
    for (const p of failed) lines.push(`  ${p.name}: ${p.error}`);
  }
  const faulty = report.perScenario.filter((p) => p.error === undefined && (p.fp > 0 || p.fn > 0));
  if (faulty.length > 0) {
    lines.push('', 'scenarios with false positives or misses:');
    for (const p of faulty) {
      const fps = p.alerts.filter((a) => a.outcome === 'fp').map((a) => `${a.type}@${a.tSeconds}s`);
      const misses = p.missed.map((e) => `${e.type} ${e.start}-${e.end}s`);
      const parts = [fps.length > 0 ? `fp ${shortList(fps)}` : '', misses.length > 0 ? `missed ${shortList(misses)}` : ''];
      lines.push(`  ${p.name}: ${parts.filter((s) => s !== '').join('; ')}`);
    }
  }
  return lines.join('\n');
}
