import { describe, expect, it } from 'vitest';
import { globalShift } from './global-motion.ts';
import { shiftTolerantChange } from './mask-window.ts';
import { mulberry32 } from '../../core/random.ts';


const W = 60;
const H = 40;
const next = mulberry32(5);
const base = Uint8Array.from({ length: W * H }, () => Math.floor(next() * 200));
/** base moved by (dx, dy): out(x, y) = base(x - dx, y - dy), edges repeated. */
const moved = (dx: number, dy: number): Uint8Array =>
  Uint8Array.from({ length: W * H }, (_, i) => {
    const x = Math.min(W - 1, Math.max(0, (i % W) - dx));
    const y = Math.min(H - 1, Math.max(0, Math.floor(i / W) - dy));
    return base[y * W + x]!;
  });

describe('globalShift', () => {
  it.each([[0, 0], [2, -1], [-3, 3], [4, 0]])('finds a whole-frame shift of (%i, %i)', (dx, dy) => {
    const g = globalShift(base, moved(dx, dy), W, H);
    expect([g.dx, g.dy]).toEqual([dx, dy]);
    expect(g.residual).toBe(0);
  });
});

describe('shiftTolerantChange', () => {
  it('ignores a one-pixel shift, and the camera shift it is given', () => {
    const sum = (a: Uint8Array): number => a.reduce((s, v) => s + v, 0);
    const inner = (a: Uint8Array): Uint8Array => a.filter((_, i) => i % W > 4 && i % W < W - 5 && i / W > 4 && i / W < H - 5);
    expect(sum(inner(shiftTolerantChange(base, moved(1, 1), W, H)))).toBe(0);
    expect(sum(inner(shiftTolerantChange(base, moved(3, -2), W, H, 3, -2)))).toBe(0);
    expect(sum(inner(shiftTolerantChange(base, moved(3, -2), W, H)))).toBeGreaterThan(1000);
  });

  it('ignores a half-pixel shift of a high-contrast edge (the value lies between its two sides), not a wider radius of motion', () => {
    // A dark/bright edge at x = 30; shifted by half a pixel the edge column takes the mean of both sides.
    const edge = Uint8Array.from({ length: W * H }, (_, i) => (i % W < 30 ? 20 : 220));
    const half = Uint8Array.from({ length: W * H }, (_, i) => (i % W < 30 ? 20 : i % W === 30 ? 120 : 220));
    expect(shiftTolerantChange(edge, half, W, H).every((v) => v === 0)).toBe(true);
    const far = Uint8Array.from({ length: W * H }, (_, i) => (i % W < 27 ? 20 : 220));
    expect(Math.max(...shiftTolerantChange(edge, far, W, H))).toBe(200);
    expect(Math.max(...shiftTolerantChange(edge, far, W, H, 0, 0, 3))).toBe(0);
  });

  it('sees a brightness change in place', () => {
    const flat = new Uint8Array(W * H).fill(100);
    const change = shiftTolerantChange(flat, flat.map((v) => v + 40), W, H);
    expect(change.every((v) => v === 40)).toBe(true);
  });
});
