import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, paramsSchema } from '../config/schema.ts';
import { CALIBRATION, CALIBRATION_POINTS, defaultIndex, pointParams, type CalibrationLine } from './calibration.ts';
import { choosePoint, scoreLoso } from './loso.ts';
import type { ScenarioResult } from './score.ts';
import { sourceOf } from './sources.ts';

describe('sourceOf', () => {
  it.each([
    ['fallset_Subject_1_Fall_13', 'fallset'],
    ['demo_car-detection', 'demo'],
    ['crowdset_7399-1_70', 'crowdset'],
    ['IMG_0051', 'img'],
    ['plainname', 'plainname'],
  ])('%s -> %s', (name, source) => expect(sourceOf(name)).toBe(source));
});

describe('calibration lines', () => {
  const scene = new Set(['minDwellSeconds', 'downSeconds', 'unattendedSeconds']);
  it.each(CALIBRATION.map((l) => [l.type, l] as const))('%s: %i points, valid params, the default among them, no scene parameter', (_t, line) => {
    expect(line.points).toHaveLength(CALIBRATION_POINTS);
    for (const p of line.points) {
      expect(paramsSchema.safeParse({ ...DEFAULT_PARAMS, ...p }).success).toBe(true);
      for (const k of Object.keys(p)) expect(scene.has(k)).toBe(false);
    }
    expect(defaultIndex(line, DEFAULT_PARAMS)).toBeGreaterThanOrEqual(0);
  });

  it('no two lines set the same parameter', () => {
    const keys = CALIBRATION.flatMap((l) => [...new Set(l.points.flatMap((p) => Object.keys(p)))]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(pointParams(0)).length).toBe(keys.length);
  });
});

describe('choosePoint', () => {
  it.each([
    ['the best F1', [{ tp: 1, fp: 0, fn: 2 }, { tp: 3, fp: 0, fn: 0 }, { tp: 2, fp: 0, fn: 1 }], 2, 1],
    ['equal F1: fewer false positives', [{ tp: 2, fp: 2, fn: 0 }, { tp: 1, fp: 0, fn: 1 }, { tp: 2, fp: 2, fn: 0 }], 0, 1],
    ['all equal: the default', [{ tp: 1, fp: 0, fn: 0 }, { tp: 1, fp: 0, fn: 0 }, { tp: 1, fp: 0, fn: 0 }], 1, 1],
    ['no positives to find: fewest false positives, then nearest the default', [{ tp: 0, fp: 3, fn: 0 }, { tp: 0, fp: 0, fn: 0 }, { tp: 0, fp: 0, fn: 0 }], 2, 2],
  ])('%s', (_what, perPoint, def, expected) => expect(choosePoint(perPoint, def)).toBe(expected));
});

describe('scoreLoso', () => {
  // One knob: a sensitive point (0) finds both events of source "a" but gives a false alert on "b";
  // the default (1) misses the faint event of "a". Held out, "a" is scored at the point "b" chose.
  const line: CalibrationLine = { type: 'fire', points: [{ fireConfirmSeconds: 0.5 }, { fireConfirmSeconds: 1.5 }] };
  const scenario = (name: string, expected: { start: number; end: number }[]) => ({
    name,
    scene: { events: ['fire' as const] },
    expected: expected.map((e) => ({ type: 'fire' as const, ...e })),
  });
  const a1 = scenario('a_clear', [{ start: 0, end: 10 }]);
  const a2 = scenario('a_faint', [{ start: 0, end: 10 }]);
  const b1 = scenario('b_negative', []);
  const b2 = scenario('b_fire', [{ start: 0, end: 10 }]);
  const r = (s: ReturnType<typeof scenario>, times: number[]): ScenarioResult => ({
    scenario: s,
    alerts: times.map((t) => ({ type: 'fire', tSeconds: t })),
    footageSeconds: 1800,
  });
  const runs = [
    [r(a1, [1]), r(a2, [2]), r(b1, [3]), r(b2, [1])],
    [r(a1, [1]), r(a2, []), r(b1, []), r(b2, [1])],
  ];
  const report = scoreLoso(runs, [line], { ...DEFAULT_PARAMS, fireConfirmSeconds: 1.5 }, ['fire']);

  it('fits each fold on the other sources and scores the held-out one', () => {
    const fire = report.byType.fire!;
    expect(fire.defaultPoint).toBe(1);
    expect(fire.folds).toEqual([
      { source: 'a', point: 1, tp: 1, fp: 0, fn: 1 },
      { source: 'b', point: 0, tp: 1, fp: 1, fn: 0 },
    ]);
    expect(fire.plain).toMatchObject({ tp: 2, fp: 0, fn: 1 });
    expect(fire.loso).toMatchObject({ tp: 2, fp: 1, fn: 1, f1: 0.667 });
    expect(report.falseAlarmsPerHour).toEqual({ plain: 0, loso: 0.5 });
    expect(fire.perPoint.map((c) => [c.tp, c.fp, c.fn])).toEqual([[3, 1, 0], [2, 0, 1]]);
  });

  it('a type without a calibration line is scored at the defaults, marked as not fitted', () => {
    const other = scoreLoso(runs, [], DEFAULT_PARAMS, ['fire']).byType.fire!;
    expect(other.defaultPoint).toBeNull();
    expect(other.loso).toMatchObject({ tp: 3, fp: 1, fn: 0 });
  });
});
