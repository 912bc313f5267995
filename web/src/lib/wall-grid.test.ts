import { describe, expect, it } from 'vitest';
import { wallAspect, wallGrid } from './wall-grid.ts';

const FHD = { widthPx: 1880, heightPx: 960, gapPx: 8, chromePx: 32 }; // 1920x1080 less the console's frame
const UHD = { widthPx: 3800, heightPx: 2040, gapPx: 8, chromePx: 32 };
const TALL = { widthPx: 1000, heightPx: 1800, gapPx: 8, chromePx: 32 };

it.each<[number[], number]>([
  [[], 16 / 9],
  [[16 / 9, 4 / 3], 4 / 3],
  [[NaN, 0, -1], 16 / 9],
  [[2.4], 2.4],
])('wallAspect(%j) = %d', (aspects, aspect) => {
  expect(wallAspect(aspects)).toBe(aspect);
});

describe('wallGrid', () => {
  it.each<[string, number, typeof FHD, number, number]>([
    ['one camera fills the screen', 1, FHD, 1, 1],
    ['two side by side', 2, FHD, 2, 1],
    ['three as 2x2 on 1080p (larger than a row of three)', 3, FHD, 2, 2],
    ['three in a row on an ultra-wide screen', 3, { widthPx: 3400, heightPx: 1000, gapPx: 8, chromePx: 32 }, 3, 1],
    ['four as 2x2', 4, FHD, 2, 2],
    ['six as 3x2', 6, FHD, 3, 2],
    ['nine as 3x3', 9, FHD, 3, 3],
    ['twelve as 4x3', 12, FHD, 4, 3],
    ['sixteen as 4x4 on 4K', 16, UHD, 4, 4],
    ['a portrait window stacks', 3, TALL, 1, 3],
  ])('%s', (_name, n, area, cols, rows) => {
    const g = wallGrid(n, area);
    expect([g.cols, g.rows]).toEqual([cols, rows]);
  });

  it('keeps every tile inside the area', () => {
    for (const area of [FHD, UHD, TALL]) {
      for (let n = 1; n <= 25; n++) {
        const g = wallGrid(n, area);
        expect(g.cols * g.rows).toBeGreaterThanOrEqual(n);
        expect(g.cols * g.tileWidthPx + (g.cols - 1) * area.gapPx).toBeLessThanOrEqual(area.widthPx);
        expect(g.rows * (g.tileWidthPx / (16 / 9) + area.chromePx) + (g.rows - 1) * area.gapPx).toBeLessThanOrEqual(area.heightPx + 1);
      }
    }
  });

  it('uses most of a 1080p screen with four cameras (not thumbnails)', () => {
    const g = wallGrid(4, FHD);
    expect(g.tileWidthPx).toBeGreaterThan(750);
  });

  it.each<[number, number, number]>([
    [0, 1, 0],
    [-1, 1, 0],
  ])('no tile: wallGrid(%i) has %i column and %i row', (n, cols, rows) => {
    expect(wallGrid(n, FHD)).toMatchObject({ cols, rows, tileWidthPx: 0 });
  });

  it('follows the pictures aspect: 4:3 cameras fit more per row height', () => {
    expect(wallGrid(2, { widthPx: 1200, heightPx: 1000, gapPx: 8, chromePx: 0 }, 4 / 3).cols).toBe(1);
    expect(wallGrid(2, { widthPx: 1200, heightPx: 500, gapPx: 8, chromePx: 0 }, 4 / 3).cols).toBe(2);
  });
});
