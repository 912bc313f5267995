import { describe, expect, it } from 'vitest';
import { dayFormats, niceTicks } from './chart-scale.ts';

describe('dayFormats', () => {
  it.each([
    ['fr', '03/12', '03/12/2026'],
    ['en', '03/12', '03/12/2026'],
  ] as const)('%s: a UTC day on the axis and in the tooltip', (lang, short, long) => {
    expect(dayFormats(lang).short('2026-12-03')).toBe(short);
    expect(dayFormats(lang).long('2026-12-03')).toBe(long);
  });

  it('leaves what is not a day as it is', () => {
    expect(dayFormats('fr').short('someday')).toBe('someday');
  });
});

describe('niceTicks', () => {
  it.each([
    [1, [0, 1]],
    [7, [0, 2, 4, 6, 8]],
    [40, [0, 10, 20, 30, 40]],
  ])('up to %d: %j', (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });
});
