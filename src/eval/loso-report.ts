/** The leave-one-source-out report as a console table. Pure. */
import type { CalibrationLine } from './calibration.ts';
import type { LosoReport } from './loso.ts';
import { formatTable } from './report.ts';

const num = (x: number | null): string => (x === null ? '-' : x.toFixed(3));

function describePoint(line: CalibrationLine | undefined, point: number): string {
  const p = line?.points[point];
  return p ? Object.entries(p).map(([k, v]) => `${k}=${v}`).join(' ') : 'defaults';
}

export function formatLoso(report: LosoReport, lines: readonly CalibrationLine[]): string {
  const out: string[] = [];
  const minutes = (report.footageSeconds / 60).toFixed(1);
  out.push(`leave-one-source-out over ${report.sources.length} sources, ${report.points} calibration points, ${minutes} min of footage`, '');
  const rows = [['type', 'plain tp/fp/fn', 'plain F1', 'LOSO tp/fp/fn', 'LOSO F1', 'gap', 'fitted']];
  for (const [type, t] of Object.entries(report.byType)) {
    const gap = t.plain.f1 !== null && t.loso.f1 !== null ? (t.plain.f1 - t.loso.f1).toFixed(3) : '-';
    rows.push([
      type,
      `${t.plain.tp}/${t.plain.fp}/${t.plain.fn}`,
      num(t.plain.f1),
      `${t.loso.tp}/${t.loso.fp}/${t.loso.fn}`,
      num(t.loso.f1),
      gap,
      t.defaultPoint === null ? 'no knob' : 'yes',
    ]);
  }
  out.push(formatTable(rows), '');
  out.push(`false alarms per hour: plain ${num(report.falseAlarmsPerHour.plain)}, leave-one-source-out ${num(report.falseAlarmsPerHour.loso)}`, '');
  out.push('each type at each point of its line, every scenario (tp/fp/fn F1; * the default):');
  for (const [type, t] of Object.entries(report.byType)) {
    if (t.defaultPoint === null) continue;
    const cells = t.perPoint.map((c, i) => `${i === t.defaultPoint ? '*' : ''}${c.tp}/${c.fp}/${c.fn} ${num(c.f1)}`);
    out.push(`  ${type}: ${cells.join(' | ')}`);
  }
  out.push('', 'points chosen without each source (the default unless shown):');
  for (const [type, t] of Object.entries(report.byType)) {
    if (t.defaultPoint === null) continue;
    const line = lines.find((l) => l.type === type);
    const moved = t.folds.filter((f) => f.point !== t.defaultPoint);
    const held = t.folds.map((f) => `${f.source} ${f.tp}/${f.fp}/${f.fn}`).join(', ');
    out.push(`  ${type} (default ${describePoint(line, t.defaultPoint)}): held out ${held}`);
    for (const f of moved) out.push(`    without ${f.source}: ${describePoint(line, f.point)}`);
  }
  return out.join('\n');
}
