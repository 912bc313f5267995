import { describe, expect, it } from 'vitest';
import type { Box } from '../core/types.ts';
import type { GateDecision } from '../pipeline/motion-gate.ts';
import { createChangeWatch } from './change-watch.ts';

const LEFT: Box = { x1: 0, y1: 0, x2: 0.5, y2: 1 };
const still: GateDecision = { detect: false, reason: 'still', motion: { boxes: [], changedShare: 0 } };
const refresh: GateDecision = { detect: true, reason: 'refresh', motion: { boxes: [], changedShare: 0.001 } };
const moved = (box: Box): GateDecision => ({ detect: true, reason: 'motion', motion: { boxes: [box], changedShare: 0.05 } });
const warmup: GateDecision = { detect: true, reason: 'warmup' };

describe('change watch', () => {
  it.each<[string, (GateDecision | undefined)[], boolean]>([
    ['still frames: reused', [still, still, still], false],
    ['a refresh under the threshold: reused', [still, refresh, still], false],
    ['motion elsewhere: reused', [moved({ x1: 0.6, y1: 0.2, x2: 0.9, y2: 0.5 })], false],
    ['motion in the area: recomputed', [still, moved({ x1: 0.4, y1: 0.4, x2: 0.6, y2: 0.6 }), still], true],
    ['motion in the area, then still frames: still recomputed', [moved({ x1: 0.1, y1: 0.1, x2: 0.2, y2: 0.2 }), still, still], true],
    ['gate warm-up without motion measured (first frame): recomputed', [warmup], true],
    ['gate warm-up, nothing moved: reused', [{ ...warmup, motion: { boxes: [], changedShare: 0 } }], false],
    ['no gating: recomputed', [undefined], true],
  ])('%s', (_, decisions, changed) => {
    const w = createChangeWatch();
    w.see(still, 0);
    w.mark('a', LEFT);
    decisions.forEach((d, i) => w.see(d, 200 * (i + 1)));
    expect(w.changed('a')).toBe(changed);
  });

  it('an area never measured, a forgotten one, or one measured too long ago counts as changed', () => {
    const w = createChangeWatch(10_000);
    w.see(still, 0);
    expect(w.changed('a')).toBe(true);
    w.mark('a', LEFT);
    w.see(still, 9_800);
    expect(w.changed('a')).toBe(false);
    w.see(still, 10_000);
    expect(w.changed('a')).toBe(true);
    w.mark('a', LEFT);
    w.clear();
    expect(w.changed('a')).toBe(true);
  });

  it('a new mark starts clean', () => {
    const w = createChangeWatch();
    w.see(still, 0);
    w.mark('a', LEFT);
    w.see(moved(LEFT), 200);
    w.mark('a', LEFT);
    w.see(still, 400);
    expect(w.changed('a')).toBe(false);
  });
});
