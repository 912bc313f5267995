import { describe, expect, it } from 'vitest';
import { mergePersons } from './merge.ts';

const p = (x1: number, y1: number, x2: number, y2: number, score = 0.5) => ({ box: { x1, y1, x2, y2 }, score });

describe('mergePersons', () => {
  const cases: { name: string; items: ReturnType<typeof p>[]; want: number }[] = [
    { name: 'two distinct people stay two', items: [p(0.1, 0.1, 0.2, 0.4), p(0.3, 0.1, 0.4, 0.4)], want: 2 },
    { name: 'the same box from two tiles is one', items: [p(0.1, 0.1, 0.2, 0.4, 0.6), p(0.105, 0.1, 0.205, 0.41, 0.5)], want: 1 },
    { name: 'a half cut by a side tile edge (same height) joins the whole', items: [p(0.1, 0.1, 0.2, 0.4, 0.6), p(0.15, 0.1, 0.2, 0.4, 0.4)], want: 1 },
    { name: 'a top part cut by a lower tile edge (same width) joins the whole', items: [p(0.1, 0.1, 0.2, 0.4, 0.6), p(0.1, 0.1, 0.2, 0.2, 0.4)], want: 1 },
    { name: 'a head box inside a person’s box is that person (a part)', items: [p(0.1, 0.1, 0.3, 0.6, 0.7), p(0.18, 0.12, 0.22, 0.2, 0.4)], want: 1 },
    { name: 'a legs box inside a person’s box is that person', items: [p(0.1, 0.1, 0.3, 0.6, 0.5), p(0.12, 0.4, 0.28, 0.6, 0.6)], want: 1 },
    { name: 'a lower box two thirds inside (legs and their shadow) is that person', items: [p(0.1, 0.1, 0.3, 0.6, 0.5), p(0.12, 0.45, 0.28, 0.68, 0.4)], want: 1 },
    {
      name: 'a person behind, their head above the nearer one’s box, is kept (almost three quarters inside)',
      items: [p(0.1, 0.2, 0.3, 0.6, 0.7), p(0.16, 0.15, 0.24, 0.33, 0.4)],
      want: 2,
    },
    { name: 'nothing in, nothing out', items: [], want: 0 },
  ];
  it.each(cases)('$name', (c) => expect(mergePersons(c.items)).toHaveLength(c.want));

  it('keeps the higher score of a merged pair', () => {
    expect(mergePersons([p(0.1, 0.1, 0.2, 0.4, 0.4), p(0.1, 0.1, 0.2, 0.4, 0.9)])[0]!.score).toBe(0.9);
  });
});
