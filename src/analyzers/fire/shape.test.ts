import { describe, expect, it } from 'vitest';
import { alignedResidual, coreMask, type Rect } from './shape.ts';

const W = 20;
const H = 20;
const R: Rect = { x1: 2, y1: 2, x2: 17, y2: 17 };

/** A luma frame: dark, with a bright blob whose brightness falls off from (cx, cy), scaled by gain. */
function blob(cx: number, cy: number, gain: number, radius = 5): Uint8Array {
  return Uint8Array.from({ length: W * H }, (_, i) => {
    const d = Math.hypot((i % W) - cx, Math.floor(i / W) - cy);
    return Math.round(20 + gain * Math.max(0, radius - d) * 30);
  });
}

const residual = (a: Uint8Array, b: Uint8Array): number => alignedResidual(coreMask(a, W, H, R, 0.25), coreMask(b, W, H, R, 0.25), W, H, R, [[0, 0]]).residual;

describe('coreMask', () => {
  it('keeps the brightest share of the box', () => {
    const core = coreMask(blob(10, 10, 1), W, H, R, 0.25);
    expect(core.reduce((s, v) => s + v, 0)).toBeGreaterThanOrEqual(0.25 * 16 * 16 - 1);
    expect(core[10 * W + 10]).toBe(1);
    expect(core[3 * W + 3]).toBe(0);
  });

  it('a light that only dims keeps its core; a core that changes shape does not', () => {
    expect(residual(blob(10, 10, 1), blob(10, 10, 0.6))).toBe(0);
    expect(residual(blob(10, 10, 1), blob(10, 10, 1, 2.5))).toBeGreaterThan(0.25);
  });
});
