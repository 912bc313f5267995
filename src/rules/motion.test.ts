import { describe, expect, it } from 'vitest';
import { displacement, pruneHistory, type Sample } from './motion.ts';

const s = (tMs: number, x: number, y = 0): Sample => ({ tMs, p: { x, y } });

describe('pruneHistory', () => {
  it.each([
    { name: 'keeps the newest sample at or before the window start', ts: [0, 200, 400, 600, 800, 1000, 1200], now: 1200, win: 1000, want: [200, 400, 600, 800, 1000, 1200] },
    { name: 'keeps one older sample when frames are sparse', ts: [0, 700, 1500], now: 1500, win: 1000, want: [0, 700, 1500] },
    { name: 'short history stays whole', ts: [0, 200], now: 200, win: 1000, want: [0, 200] },
  ])('$name', ({ ts, now, win, want }) => {
    expect(pruneHistory(ts.map((t) => s(t, 0)), now, win).map((x) => x.tMs)).toEqual(want);
  });
});

describe('displacement', () => {
  it('is the fitted velocity times the span, so jitter averages out', () => {
    const xs = [0.0, 0.03, 0.02, 0.07, 0.08, 0.1];
    const d = displacement(xs.map((x, i) => s(i * 200, x)))!;
    expect(d.spanMs).toBe(1000);
    expect(d.dx).toBeCloseTo(0.1, 1);
    expect(d.dy).toBe(0);
  });

  it('needs enough samples and a positive span', () => {
    expect(displacement([s(0, 0), s(200, 1)])).toBeUndefined();
    expect(displacement([s(0, 0), s(200, 1)], 2)!.dx).toBeCloseTo(1);
    expect(displacement([s(0, 0), s(0, 1), s(0, 2)])).toBeUndefined();
  });
});
