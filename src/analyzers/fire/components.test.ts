import { describe, expect, it } from 'vitest';
import { components, dilate } from './components.ts';

/** Rows of '#' (set) and '.' (clear). */
const grid = (rows: string[]): Uint8Array => Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0));

describe('components', () => {
  const mask = grid(['##....', '#..#..', '...##.', '......', '.....#']);
  it('finds 8-connected components with their boxes, largest first', () => {
    const cs = components(mask, 6, 5);
    expect(cs.map((c) => [c.x1, c.y1, c.x2, c.y2, c.area])).toEqual([
      [0, 0, 1, 1, 3],
      [3, 1, 4, 2, 3],
      [5, 4, 5, 4, 1],
    ]);
  });
  it('drops components under minArea', () => {
    expect(components(mask, 6, 5, 2)).toHaveLength(2);
  });
  it('dilation merges neighbours one pixel apart', () => {
    expect(components(dilate(grid(['#.#', '...', '...']), 3, 3, 1), 3, 3)).toHaveLength(1);
  });
});
