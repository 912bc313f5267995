import { describe, expect, it } from 'vitest';
import { formatAgo, formatDuration, formatPercent } from './format.ts';

describe('formatDuration', () => {
  it.each<[number, string]>([
    [4.25, '4.3 s'],
    [42, '42 s'],
    [192, '3 min 12 s'],
    [7500, '2 h 05 min'],
    [-1, '–'],
  ])('%f s -> %s', (s, text) => expect(formatDuration(s)).toBe(text));
});

describe('formatAgo', () => {
  const now = 1_700_000_000_000;
  it.each<[number, string]>([
    [2_000, 'just now'],
    [30_000, '30 s ago'],
    [5 * 60_000, '5 min ago'],
    [3 * 3_600_000, '3 h ago'],
    [2 * 86_400_000, '2 d ago'],
  ])('%d ms ago -> %s', (ago, text) => expect(formatAgo(now - ago, now)).toBe(text));
});

describe('formatPercent', () => {
  it.each<[number | null, string]>([[0.5, '50 %'], [null, '–'], [Number.NaN, '–']])('%s', (r, text) => expect(formatPercent(r)).toBe(text));
});
