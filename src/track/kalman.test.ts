import { describe, expect, it } from 'vitest';
import { axisPredict, axisUpdate, filterBox, filterInit, filterPredict, filterUpdate, filterVelocity } from './kalman.ts';

describe('axis filter', () => {
  it('predict moves by v dt and grows the variance', () => {
    const a = axisPredict({ p: 1, v: 2, pp: 0.1, pv: 0, vv: 0.5 }, 0.5, 1);
    expect(a.p).toBeCloseTo(2);
    expect(a.pp).toBeGreaterThan(0.1);
    expect(a.vv).toBeCloseTo(1);
  });

  it('update pulls towards the measurement by the gain pp / (pp + r)', () => {
    const a = axisUpdate({ p: 0, v: 0, pp: 1, pv: 0, vv: 1 }, 1, 1);
    expect(a.p).toBeCloseTo(0.5);
    expect(a.pp).toBeCloseTo(0.5);
  });
});

describe('box filter', () => {
  it('learns a constant velocity at 5 fps and predicts the next box', () => {
    let f = filterInit({ x1: 0.1, y1: 0.2, x2: 0.2, y2: 0.4 });
    for (let k = 1; k <= 8; k++) {
      f = filterPredict(f, 0.2);
      const x = 0.1 + 0.03 * k;
      f = filterUpdate(f, { x1: x, y1: 0.2, x2: x + 0.1, y2: 0.4 });
    }
    expect(filterVelocity(f).x).toBeCloseTo(0.15, 3);
    const next = filterBox(filterPredict(f, 0.2));
    expect(next.x1).toBeCloseTo(0.1 + 0.03 * 9, 3);
    expect(next.y2 - next.y1).toBeCloseTo(0.2, 3);
  });

  it('zero elapsed time predicts nothing', () => {
    const f = filterInit({ x1: 0.1, y1: 0.2, x2: 0.2, y2: 0.4 });
    expect(filterPredict(f, 0)).toBe(f);
  });
});
