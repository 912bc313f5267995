import { describe, expect, it } from 'vitest';
import { fitScale, groundSlope, MIN_SCALE_SAMPLES, widthAt, type ScaleSample } from './scale.ts';

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

  it('beyond the knots, follows the ground-plane line, down to half the smallest detected width', () => {
    const m = fitScale(line(64, (y) => 0.1 * y), 4 / 3)!;
    expect(m.slope).toBeCloseTo(0.1, 3);
    expect(widthAt(m, 1, 0)).toBeCloseTo(0.1, 2);
    expect(widthAt(m, 0.2, 0)).toBeCloseTo(0.02, 2);
    // 0.03 is the smallest width seen: the line stops at 0.015.
    expect(widthAt(m, 0.05, 0)).toBeCloseTo(0.5 * m.smallest, 4);
    expect(widthAt(m, 0.05, 0.2)).toBe(0.2);
  });

  it('a handful of persons gives the perspective, not one constant width', () => {
    const few = line(MIN_SCALE_SAMPLES, (y) => 0.1 * y);
    const m = fitScale(few, 4 / 3)!;
    expect(m.knots).toHaveLength(1);
    expect(widthAt(m, 0.3, 0) / widthAt(m, 0.9, 0)).toBeCloseTo(1 / 3, 1);
  });

  it('pairs closer in rows than a person width do not set the slope', () => {
    // Two groups of people, each on one row, widths scattered: only pairs across the groups count.
    const rows = [0.3, 0.3, 0.3, 0.6, 0.6, 0.6].map((y, i) => ({ y, w: 0.1 * y * (i % 3 === 0 ? 1.2 : i % 3 === 1 ? 1 : 0.8) }));
    expect(groundSlope(rows, 4 / 3)).toBeCloseTo(0.1, 2);
    expect(groundSlope(rows.slice(0, 3), 4 / 3)).toBe(0);
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
