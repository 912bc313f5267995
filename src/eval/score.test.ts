import { describe, expect, it } from 'vitest';
import type { EventType } from '../core/types.ts';
import { round3, scoreRun, type ScenarioResult, type ScoredScenario } from './score.ts';

function scenario(
  name: string,
  events: EventType[],
  expected: { type: EventType; start: number; end: number }[],
  persons?: number,
): ScoredScenario {
  return { name, scene: { events }, expected, ...(persons !== undefined ? { counts: { persons } } : {}) };
}

function result(s: ScoredScenario, alerts: [EventType, number][], footageSeconds: number, extra: Partial<ScenarioResult> = {}): ScenarioResult {
  return { scenario: s, alerts: alerts.map(([type, tSeconds]) => ({ type, tSeconds })), footageSeconds, ...extra };
}

const fallA = scenario('fallA', ['person_down'], [{ type: 'person_down', start: 3.5, end: 5.7 }]);
const fallB = scenario('fallB', ['person_down'], [{ type: 'person_down', start: 4.9, end: 6.52 }]);
const negative = scenario('quiet', ['person_down', 'fire', 'abandoned_object'], []);
const twoCars = scenario('cars', ['wrong_way'], [
  { type: 'wrong_way', start: 15.5, end: 18.2 },
  { type: 'wrong_way', start: 26.3, end: 27.8 },
]);

describe('scoreRun per type', () => {
  const report = scoreRun([
    result(fallA, [['person_down', 4], ['person_down', 4.5]], 5.7),
    result(fallB, [['person_down', 7.5]], 6.52),
    result(negative, [['fire', 10], ['person_down', 20]], 79.5),
    result(twoCars, [['wrong_way', 16]], 30),
  ]);

  it('counts tp, fp, fn and duplicates', () => {
    expect(report.byType.person_down).toMatchObject({ tp: 2, fp: 1, fn: 0, duplicates: 1 });
    expect(report.byType.fire).toMatchObject({ tp: 0, fp: 1, fn: 0, duplicates: 0 });
    expect(report.byType.wrong_way).toMatchObject({ tp: 1, fp: 0, fn: 1, duplicates: 0 });
  });

  it('computes precision, recall and f1 (duplicates count in neither)', () => {
    expect(report.byType.person_down).toMatchObject({ precision: 0.667, recall: 1, f1: 0.8 });
    expect(report.byType.wrong_way).toMatchObject({ precision: 1, recall: 0.5, f1: 0.667 });
  });

  it('averages the latency of the first matching alert over matched events', () => {
    // fallA: 4 - 3.5 = 0.5; fallB: 7.5 - 4.9 = 2.6 -> mean 1.55
    expect(report.byType.person_down?.meanLatencySeconds).toBe(1.55);
    expect(report.byType.wrong_way?.meanLatencySeconds).toBe(0.5);
  });

  it('uses null for 0/0: no alert -> precision null, nothing expected -> recall null', () => {
    expect(report.byType.abandoned_object).toEqual({
      tp: 0, fp: 0, fn: 0, duplicates: 0, precision: null, recall: null, f1: null, meanLatencySeconds: null,
    });
    expect(report.byType.fire).toMatchObject({ precision: 0, recall: null, f1: null, meanLatencySeconds: null });
  });

  it('lists enabled and expected types in EVENT_TYPES order, and no other', () => {
    expect(Object.keys(report.byType)).toEqual(['abandoned_object', 'wrong_way', 'person_down', 'fire']);
  });

  it('computes false alarms per hour over all footage', () => {
    expect(report.footageSeconds).toBe(121.72);
    expect(report.falseAlarmsPerHour).toBe(round3(2 / (121.72 / 3600)));
  });

  it('keeps per-scenario details', () => {
    expect(report.scenarios).toBe(4);
    expect(report.perScenario.map((p) => [p.name, p.tp, p.fp, p.fn, p.duplicates])).toEqual([
      ['fallA', 1, 0, 0, 1],
      ['fallB', 1, 0, 0, 0],
      ['quiet', 0, 2, 0, 0],
      ['cars', 1, 0, 1, 0],
    ]);
    expect(report.perScenario[3]?.missed).toEqual([{ type: 'wrong_way', start: 26.3, end: 27.8 }]);
  });
});

describe('scoreRun edge cases', () => {
  it('shows the misses of a type that raised nothing (recall 0, precision null)', () => {
    const report = scoreRun([result(scenario('gun', ['weapon'], [{ type: 'weapon', start: 0, end: 5 }]), [], 5)]);
    expect(report.byType.weapon).toMatchObject({ tp: 0, fp: 0, fn: 1, precision: null, recall: 0, f1: null });
  });

  it('gives f1 = 0 when precision and recall are both 0', () => {
    const report = scoreRun([result(scenario('gun', ['weapon'], [{ type: 'weapon', start: 0, end: 5 }]), [['weapon', 30]], 40)]);
    expect(report.byType.weapon).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('counts an alert of a type not enabled as a false positive, and reports its type', () => {
    const report = scoreRun([result(scenario('s', ['fire'], []), [['weapon', 1]], 3600)]);
    expect(report.byType.weapon).toMatchObject({ fp: 1 });
    expect(report.falseAlarmsPerHour).toBe(1);
    expect(report.perScenario[0]?.alerts[0]).toMatchObject({ outcome: 'fp', reason: 'not_enabled' });
  });

  it('scores a failed scenario as misses, ignoring any alerts, and keeps its error', () => {
    const report = scoreRun([result(fallA, [['person_down', 4]], 0, { error: 'decoder crashed' })]);
    expect(report.byType.person_down).toMatchObject({ tp: 0, fn: 1 });
    expect(report.failed).toBe(1);
    expect(report.perScenario[0]).toMatchObject({ error: 'decoder crashed', fn: 1 });
  });

  it('reports false alarms per hour as null without footage', () => {
    expect(scoreRun([]).falseAlarmsPerHour).toBeNull();
    expect(scoreRun([]).byType).toEqual({});
  });
});

describe('scoreRun counts', () => {
  const crowd = (name: string, persons: number): ScoredScenario => scenario(name, ['crowd_density'], [], persons);

  it.each([
    { name: 'no estimate at all', rows: [[1546, undefined]], n: 0, mae: null, mre: null },
    { name: 'one exact', rows: [[413, 413]], n: 1, mae: 0, mre: 0 },
    { name: 'over and under', rows: [[1000, 1200], [500, 400]], n: 2, mae: 150, mre: 0.2 },
    { name: 'persons 0 counts in absolute only', rows: [[0, 3], [100, 110]], n: 2, mae: 6.5, mre: 0.1 },
  ] as { name: string; rows: [number, number | undefined][]; n: number; mae: number | null; mre: number | null }[])(
    '$name',
    ({ rows, n, mae, mre }) => {
      const report = scoreRun(rows.map(([persons, est], i) => result(crowd(`c${i}`, persons), [], 5, { estimatedCount: est })));
      expect(report.counts).toEqual({ scenarios: n, meanAbsoluteError: mae, meanRelativeError: mre });
    },
  );

  it('ignores estimates for scenarios without counts and for failed runs', () => {
    const report = scoreRun([
      result(fallA, [], 5, { estimatedCount: 1 }),
      result(crowd('c', 100), [], 0, { estimatedCount: 50, error: 'boom' }),
    ]);
    expect(report.counts.scenarios).toBe(0);
  });
});
