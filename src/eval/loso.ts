/**
 * Leave-one-source-out scoring. Input: the same scenarios run at each point of the calibration
 * lines. For each event type and each source holding scenarios of that type, the point is chosen on
 * the other sources only (best F1, then fewest false positives, then nearest the default) and the
 * held-out source is scored at that point. Summed over the sources, this says how the type does on
 * footage its calibration never saw; the default run's score beside it shows the gap, the
 * over-fitting still there. Pure.
 */
import type { EventType } from '../core/types.ts';
import type { RuleParams } from '../config/schema.ts';
import { defaultIndex, type CalibrationLine } from './calibration.ts';
import { round3, scoreRun, type ScenarioResult, type TypeScore } from './score.ts';
import { sourceOf } from './sources.ts';

export interface Counts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export interface Fold extends Counts {
  readonly source: string;
  /** The point chosen without this source. */
  readonly point: number;
}

export interface TypeLoso {
  /** At the default point, on every scenario. */
  readonly plain: TypeScore;
  /** Summed over the held-out sources. */
  readonly loso: Counts & { readonly precision: number | null; readonly recall: number | null; readonly f1: number | null };
  /** The default point's index on this type's line; null when the type has no line (nothing is fitted). */
  readonly defaultPoint: number | null;
  readonly folds: readonly Fold[];
  /** Every scenario of the type scored at each point: how sensitive the type is to its knobs. */
  readonly perPoint: readonly (Counts & { readonly f1: number | null })[];
}

export interface LosoReport {
  readonly points: number;
  readonly sources: readonly string[];
  readonly byType: Partial<Record<EventType, TypeLoso>>;
  readonly footageSeconds: number;
  readonly falseAlarmsPerHour: { readonly plain: number | null; readonly loso: number | null };
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
const r3 = (x: number | null): number | null => (x === null ? null : round3(x));

export function withRates(c: Counts): TypeLoso['loso'] {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision: r3(precision), recall: r3(recall), f1: r3(f1) };
}

function countsOf(type: EventType, results: readonly ScenarioResult[]): Counts {
  const s = scoreRun(results).byType[type];
  return { tp: s?.tp ?? 0, fp: s?.fp ?? 0, fn: s?.fn ?? 0 };
}

/** Best F1 (none counts as 0), then fewest false positives, then nearest the default point. */
export function choosePoint(perPoint: readonly Counts[], defaultPoint: number): number {
  const key = (c: Counts, i: number): [number, number, number] => [withRates(c).f1 ?? 0, -c.fp, -Math.abs(i - defaultPoint)];
  let best = defaultPoint;
  perPoint.forEach((c, i) => {
    const [a, b, d] = key(c, i);
    const [ba, bb, bd] = key(perPoint[best]!, best);
    if (a > ba + 1e-12 || (Math.abs(a - ba) <= 1e-12 && (b > bb || (b === bb && d > bd)))) best = i;
  });
  return best;
}

function involves(type: EventType, r: ScenarioResult): boolean {
  return r.scenario.scene.events.includes(type) || r.scenario.expected.some((e) => e.type === type);
}

export function scoreLoso(
  runs: readonly (readonly ScenarioResult[])[],
  lines: readonly CalibrationLine[],
  defaults: RuleParams,
  types: readonly EventType[],
): LosoReport {
  const points = runs.length;
  const base = runs[0] ?? [];
  const defaultOf = new Map(lines.map((l) => [l.type, defaultIndex(l, defaults)]));
  const byType: Partial<Record<EventType, TypeLoso>> = {};
  let plainFp = 0;
  let losoFp = 0;
  for (const type of types) {
    const line = defaultOf.get(type);
    const def = line === undefined || line < 0 ? 0 : line;
    const fitted = line !== undefined && line >= 0;
    const idx = base.map((r, i) => (involves(type, r) ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    const pick = (p: number, keep: (i: number) => boolean): ScenarioResult[] => idx.filter(keep).map((i) => runs[p]![i]!);
    const sources = [...new Set(idx.map((i) => sourceOf(base[i]!.scenario.name)))].sort();
    const folds: Fold[] = sources.map((source) => {
      const isHeld = (i: number): boolean => sourceOf(base[i]!.scenario.name) === source;
      const point = fitted ? choosePoint(runs.map((_, p) => countsOf(type, pick(p, (i) => !isHeld(i)))), def) : def;
      return { source, point, ...countsOf(type, pick(point, isHeld)) };
    });
    const sum = folds.reduce((a, f) => ({ tp: a.tp + f.tp, fp: a.fp + f.fp, fn: a.fn + f.fn }), { tp: 0, fp: 0, fn: 0 });
    const plain = scoreRun(pick(def, () => true)).byType[type];
    if (!plain) continue;
    plainFp += plain.fp;
    losoFp += sum.fp;
    const perPoint = runs.map((_, p) => {
      const c = countsOf(type, pick(p, () => true));
      return { ...c, f1: withRates(c).f1 };
    });
    byType[type] = { plain, loso: withRates(sum), defaultPoint: fitted ? def : null, folds, perPoint };
  }
  const footageSeconds = base.reduce((s, r) => s + Math.max(0, r.footageSeconds), 0);
  const hours = footageSeconds / 3600;
  return {
    points,
    sources: [...new Set(base.map((r) => sourceOf(r.scenario.name)))].sort(),
    byType,
    footageSeconds: round3(footageSeconds),
    falseAlarmsPerHour: { plain: r3(ratio(plainFp, hours)), loso: r3(ratio(losoFp, hours)) },
  };
}
