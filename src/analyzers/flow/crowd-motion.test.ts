import { describe, expect, it } from 'vitest';
import type { Detection } from '../../core/types.ts';
import type { FlowField } from './lucas-kanade.ts';
import { BODY_ASPECT, bodySpeed, CELL_PX, cellField, measureCrowdMotion, MIN_TURBULENCE_CELLS, turbulenceOf } from './crowd-motion.ts';

const W = 160;
const H = 120;

/** A flow field from a function of the grid pixel (all pixels textured unless `valid` says no). */
function field(f: (x: number, y: number) => readonly [number, number], valid: (x: number, y: number) => boolean = () => true): FlowField {
  const u = new Float32Array(W * H);
  const v = new Float32Array(W * H);
  const ok = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const [a, b] = f(x, y);
      u[y * W + x] = a;
      v[y * W + x] = b;
      ok[y * W + x] = valid(x, y) ? 1 : 0;
    }
  }
  return { width: W, height: H, u, v, valid: ok };
}

const person = (x1: number, y1: number, x2: number, y2: number): Detection => ({ box: { x1, y1, x2, y2 }, label: 'person', score: 0.8 });

describe('cellField', () => {
  it('a cell moves when half of its textured pixels do; untextured cells and masked cells do not', () => {
    const cells = cellField(field((x) => (x < W / 2 ? [2, 0] : [0, 0]), (_, y) => y >= 16), 0.5);
    expect(cells.cols).toBe(W / CELL_PX);
    const movingCols = (row: number) => [...cells.moving.slice(row * cells.cols, (row + 1) * cells.cols)].reduce((a, b) => a + b, 0);
    expect(movingCols(0)).toBe(0);
    expect(movingCols(5)).toBe(cells.cols / 2);
    expect(cells.u[5 * cells.cols]).toBeCloseTo(2);
    const mask = new Uint8Array(W * H).map((_, i) => (i % W < 40 ? 1 : 0));
    const masked = cellField(field(() => [2, 0]), 0.5, mask);
    expect([...masked.inView].reduce((a, b) => a + b, 0)).toBe((40 / CELL_PX) * cells.rows);
  });
});

describe('turbulenceOf', () => {
  const steady = cellField(field(() => [2, 1]), 0.5);
  const cases: [string, (x: number, y: number) => readonly [number, number], number][] = [
    ['a steady flow keeps its velocity: 0', () => [2, 1], 0],
    ['a reversed flow: 2', () => [-2, -1], 2],
    ['a quarter turn: √2', () => [-1, 2], Math.SQRT2],
    ['half the speed: 2/3', () => [1, 0.5], 2 / 3],
  ];
  it.each(cases)('%s', (_, f, want) => expect(turbulenceOf(cellField(field(f), 0.5), steady)).toBeCloseTo(want, 5));

  it('needs MIN_TURBULENCE_CELLS cells moving on both frames, and a field of the same grid', () => {
    const few = (n: number) => cellField(field((x, y) => (y < CELL_PX && x < n * CELL_PX ? [2, 1] : [0, 0])), 0.5);
    expect(turbulenceOf(few(MIN_TURBULENCE_CELLS - 1), steady)).toBeUndefined();
    expect(turbulenceOf(few(MIN_TURBULENCE_CELLS), steady)).toBe(0);
    expect(turbulenceOf(steady, undefined)).toBeUndefined();
  });
});

describe('bodySpeed', () => {
  const moving = field(() => [3, 0]);
  it('the box moves its own height x: body heights per second, whatever its size on the grid', () => {
    // 3 px per 200 ms over a box 0.25 of 120 = 30 px tall: 0.5 body heights/s.
    expect(bodySpeed(moving, { x1: 0.4, y1: 0.5, x2: 0.46, y2: 0.75 }, 200, 0.5)).toBeCloseTo(0.5, 5);
    expect(bodySpeed(moving, { x1: 0.4, y1: 0.5, x2: 0.43, y2: 0.625 }, 200, 0.5)).toBeCloseTo(1, 5);
  });

  it('a box cut short (wider than BODY_ASPECT of its height) counts its body from its width', () => {
    const box = { x1: 0.2, y1: 0.8, x2: 0.4, y2: 1 };
    const bodyPx = (0.2 * W) / BODY_ASPECT;
    expect(bodySpeed(moving, box, 200, 0.5)).toBeCloseTo((3 / bodyPx) * 5, 5);
  });

  it('still, when under a quarter of its pixels move; unmeasured without texture', () => {
    expect(bodySpeed(field((x) => (x % 5 === 0 ? [3, 0] : [0, 0])), { x1: 0.4, y1: 0.5, x2: 0.46, y2: 0.75 }, 200, 0.5)).toBe(0);
    expect(bodySpeed(field(() => [3, 0], () => false), { x1: 0.4, y1: 0.5, x2: 0.46, y2: 0.75 }, 200, 0.5)).toBeUndefined();
  });
});

describe('measureCrowdMotion', () => {
  it('shares of the view moving and of the moving area on persons, one speed per person', () => {
    const f = field((x) => (x < W / 2 ? [2, 0] : [0, 0]));
    const cells = cellField(f, 0.5);
    const m = measureCrowdMotion({ field: f, cells, previousCells: cells, persons: [person(0, 0, 0.25, 1), person(0.6, 0.2, 0.7, 0.5)], dtMs: 200, minMovePx: 0.5 });
    expect(m.movingCellShare).toBeCloseTo(0.5, 5);
    expect(m.personCellShare).toBeCloseTo(0.5, 5);
    expect(m.bodySpeeds).toHaveLength(2);
    expect(m.bodySpeeds[1]).toBe(0);
    expect(m.turbulence).toBe(0);
  });
});
