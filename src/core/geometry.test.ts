import { describe, expect, it } from 'vitest';
import type { Box } from './types.ts';
import { boxesOverlap, growBox } from './geometry.ts';

const b = (x1: number, y1: number, x2: number, y2: number): Box => ({ x1, y1, x2, y2 });

describe('boxesOverlap', () => {
  const cases: [string, Box, Box, boolean][] = [
    ['crossing', b(0, 0, 0.5, 0.5), b(0.4, 0.4, 1, 1), true],
    ['one within the other', b(0, 0, 1, 1), b(0.2, 0.2, 0.3, 0.3), true],
    ['touching edges only', b(0, 0, 0.5, 0.5), b(0.5, 0, 1, 0.5), false],
    ['apart on x', b(0, 0, 0.2, 1), b(0.3, 0, 0.5, 1), false],
    ['apart on y', b(0, 0, 1, 0.2), b(0, 0.3, 1, 0.5), false],
  ];
  it.each(cases)('%s', (_name, a, c, expected) => {
    expect(boxesOverlap(a, c)).toBe(expected);
    expect(boxesOverlap(c, a)).toBe(expected);
  });
});

describe('growBox', () => {
  it('widens by a share of the width and height on each side', () => {
    const g = growBox(b(0.2, 0.4, 0.4, 0.8), 0.25);
    expect([g.x1, g.y1, g.x2, g.y2].map((v) => Number(v.toFixed(6)))).toEqual([0.15, 0.3, 0.45, 0.9]);
    expect(growBox(b(0.2, 0.4, 0.4, 0.8), 0)).toEqual(b(0.2, 0.4, 0.4, 0.8));
  });
});
