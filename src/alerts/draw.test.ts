import { describe, expect, it } from 'vitest';
import {
  type RgbImage,
  createImage,
  drawArrow,
  drawLine,
  drawRect,
  fillPolygon,
  getPixel,
  setPixel,
  stamp,
  toPx,
} from './draw.ts';

const W: [number, number, number] = [255, 255, 255];

/** The image as rows of '#' (white) and '.' (black), for readable pixel assertions. */
function ascii(img: RgbImage): string[] {
  const rows: string[] = [];
  for (let y = 0; y < img.height; y++) {
    let row = '';
    for (let x = 0; x < img.width; x++) row += getPixel(img, x, y)[0] === 255 ? '#' : '.';
    rows.push(row);
  }
  return rows;
}

describe('toPx', () => {
  it.each([
    [0, 9, 0],
    [0.25, 9, 2],
    [0.5, 9, 4],
    [1, 9, 8],
    [-0.1, 9, 0],
    [1.2, 9, 8],
  ])('toPx(%s, %s) = %s', (v, size, px) => expect(toPx(v, size)).toBe(px));
});

describe('setPixel and stamp', () => {
  it('writes RGB at the right offset and ignores pixels outside', () => {
    const img = createImage(3, 2);
    setPixel(img, 2, 1, [10, 20, 30]);
    setPixel(img, 3, 0, W);
    setPixel(img, -1, 0, W);
    expect(Array.from(img.data.slice(15, 18))).toEqual([10, 20, 30]);
    expect(img.data.reduce((s, v) => s + v, 0)).toBe(60);
  });

  it.each([
    [1, ['.....', '.....', '..#..', '.....', '.....']],
    [2, ['.....', '.....', '..##.', '..##.', '.....']],
    [3, ['.....', '.###.', '.###.', '.###.', '.....']],
  ])('thickness %s', (t, rows) => {
    const img = createImage(5, 5);
    stamp(img, 2, 2, W, t);
    expect(ascii(img)).toEqual(rows);
  });
});

describe('drawLine', () => {
  it.each([
    ['horizontal', { x: 1, y: 2 }, { x: 4, y: 2 }, 1, ['......', '......', '.####.', '......']],
    ['vertical, thick', { x: 2, y: 0 }, { x: 2, y: 3 }, 3, ['.###..', '.###..', '.###..', '.###..']],
    ['diagonal', { x: 0, y: 0 }, { x: 3, y: 3 }, 1, ['#.....', '.#....', '..#...', '...#..']],
    ['shallow', { x: 0, y: 0 }, { x: 5, y: 2 }, 1, ['##....', '..##..', '....##', '......']],
    ['reversed equals forward', { x: 5, y: 2 }, { x: 0, y: 0 }, 1, ['##....', '..##..', '....##', '......']],
    ['clipped at the border', { x: -3, y: 1 }, { x: 2, y: 1 }, 1, ['......', '###...', '......', '......']],
  ])('%s', (_name, a, b, t, rows) => {
    const img = createImage(6, 4);
    drawLine(img, a, b, W, t);
    expect(ascii(img)).toEqual(rows);
  });
});

describe('drawRect', () => {
  it('draws the outline only, with the thickness centred on the edges', () => {
    const img = createImage(9, 8);
    drawRect(img, { x: 2, y: 1 }, { x: 6, y: 5 }, W, 1);
    expect(ascii(img)).toEqual([
      '.........',
      '..#####..',
      '..#...#..',
      '..#...#..',
      '..#...#..',
      '..#####..',
      '.........',
      '.........',
    ]);
    const thick = createImage(9, 8);
    drawRect(thick, { x: 2, y: 1 }, { x: 6, y: 5 }, W, 3);
    expect(ascii(thick)).toEqual([
      '.#######.',
      '.#######.',
      '.#######.',
      '.###.###.',
      '.#######.',
      '.#######.',
      '.#######.',
      '.........',
    ]);
  });
});

describe('fillPolygon', () => {
  it('blends the colour inside (top-left edges in, bottom-right edges out) and nowhere else', () => {
    const img = createImage(6, 5, [100, 100, 100]);
    fillPolygon(img, [{ x: 1, y: 1 }, { x: 4, y: 1 }, { x: 4, y: 3 }, { x: 1, y: 3 }], [200, 0, 100], 0.5);
    const inside = (x: number, y: number): boolean => x >= 1 && x < 4 && y >= 1 && y < 3;
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 6; x++) expect(getPixel(img, x, y)).toEqual(inside(x, y) ? [150, 50, 100] : [100, 100, 100]);
    }
  });

  it('fills a triangle row by row', () => {
    const img = createImage(7, 4);
    fillPolygon(img, [{ x: 3, y: 0 }, { x: 6, y: 3 }, { x: 0, y: 3 }], W, 1);
    expect(ascii(img)).toEqual(['.......', '..##...', '.####..', '.......']);
  });

  it('blends two polygons that share an edge without overlap', () => {
    const img = createImage(6, 2);
    fillPolygon(img, [{ x: 0, y: 0 }, { x: 3, y: 0 }, { x: 3, y: 2 }, { x: 0, y: 2 }], [100, 0, 0], 1);
    fillPolygon(img, [{ x: 3, y: 0 }, { x: 6, y: 0 }, { x: 6, y: 2 }, { x: 3, y: 2 }], [0, 100, 0], 1);
    expect([0, 1, 2, 3, 4, 5].map((x) => getPixel(img, x, 0))).toEqual([
      [100, 0, 0], [100, 0, 0], [100, 0, 0], [0, 100, 0], [0, 100, 0], [0, 100, 0],
    ]);
  });
});

describe('drawArrow', () => {
  it('draws the shaft and a head that points back from the tip on both sides', () => {
    const img = createImage(20, 11);
    drawArrow(img, { x: 2, y: 5 }, { x: 17, y: 5 }, W, 1);
    const rows = ascii(img);
    expect(rows[5]).toBe('..################..');
    // head strokes: above and below the shaft, behind the tip (x < 17)
    expect(getPixel(img, 14, 4)[0]).toBe(255);
    expect(getPixel(img, 14, 6)[0]).toBe(255);
    expect(getPixel(img, 18, 4)[0]).toBe(0);
    expect(rows.slice(0, 3).join('') + rows.slice(8).join('')).not.toContain('#');
  });
});
