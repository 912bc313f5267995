import { describe, expect, it } from 'vitest';
import { fitScale, MIN_SCALE_SAMPLES, widthAt, type ScaleSample } from './scale.ts';

const line = (n: number, f: (y: number) => number): ScaleSample[] =>
  Array.from({ length: n }, (_, i) => {
    const y = 0.3 + (0.6 * i) / (n - 1);
    return { y, w: f(y) };
  });

describe('fitScale', () => {
  it('needs a few samples', () => {
    expect(fitScale(line(MIN_SCALE_SAMPLES - 1, () => 0.05))).toBeNull();
    expect(fitScale(line(MIN_SCALE_SAMPLES, () => 0.05))).not.toBeNull();
  });

  it('follows a perspective ramp and interpolates between knots', () => {
    const m = fitScale(line(64, (y) => 0.1 * y))!;
    expect(widthAt(m, 0.6, 0)).toBeCloseTo(0.06, 2);
    expect(widthAt(m, 0.45, 0)).toBeCloseTo(0.045, 2);
  });

  it('stays constant beyond the first and last knots (never smaller than the smallest seen)', () => {
    const m = fitScale(line(64, (y) => 0.1 * y))!;
    expect(widthAt(m, 0.05, 0)).toBeCloseTo(widthAt(m, m.knots[0]!.y, 0));
    expect(widthAt(m, 1, 0)).toBeCloseTo(widthAt(m, m.knots.at(-1)!.y, 0));
    expect(widthAt(m, 0.05, 0.2)).toBe(0.2);
  });

  it('is made non-decreasing downwards (a top-down view gives a constant width)', () => {
    const m = fitScale(line(64, (y) => 0.1 - 0.05 * y))!;
    const ws = m.knots.map((k) => k.w);
    expect(ws.every((w, i) => i === 0 || w >= ws[i - 1]!)).toBe(true);
    expect(new Set(ws.map((w) => w.toFixed(6))).size).toBe(1);
  });

  it('is robust to a few wild boxes (group boxes, partial heads)', () => {
    const clean = line(64, (y) => 0.1 * y);
    const noisy = clean.map((s, i) => (i % 8 === 3 ? { ...s, w: s.w * 4 } : i % 8 === 5 ? { ...s, w: s.w / 4 } : s));
    const m = fitScale(noisy)!;
    expect(widthAt(m, 0.6, 0)).toBeCloseTo(0.06, 2);
  });
});
