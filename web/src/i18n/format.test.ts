import { describe, expect, it } from 'vitest';
import { formatters } from './format.ts';
import { fromLocalInput, toLocalInput } from '../lib/format.ts';

describe('durations (same units in both languages)', () => {
  it.each<[number, string]>([
    [4.25, '4.3 s'],
    [42, '42 s'],
    [192, '3 min 12 s'],
    [7500, '2 h 05 min'],
    [-1, '–'],
  ])('%f s -> %s', (s, text) => {
    expect(formatters('fr').duration(s)).toBe(text);
    expect(formatters('en').duration(s)).toBe(text);
  });
});

describe('how long ago', () => {
  const now = 1_700_000_000_000;
  it.each<[number, string, string]>([
    [2_000, "à l'instant", 'just now'],
    [30_000, 'il y a 30 s', '30 s ago'],
    [5 * 60_000, 'il y a 5 min', '5 min ago'],
    [3 * 3_600_000, 'il y a 3 h', '3 h ago'],
    [2 * 86_400_000, 'il y a 2 j', '2 d ago'],
  ])('%d ms ago -> %s / %s', (ago, fr, en) => {
    expect(formatters('fr').ago(now - ago, now)).toBe(fr);
    expect(formatters('en').ago(now - ago, now)).toBe(en);
  });
});

describe('percentages', () => {
  it.each<[number | null, string, string]>([
    [0.5, '50 %', '50 %'],
    [null, '–', '–'],
    [Number.NaN, '–', '–'],
  ])('%s', (r, fr, en) => {
    expect(formatters('fr').percent(r)).toBe(fr);
    expect(formatters('en').percent(r)).toBe(en);
  });
});

describe('datetime-local inputs', () => {
  it('round-trip to the minute, empty or invalid is undefined', () => {
    const ms = new Date(2026, 11, 3, 14, 3).getTime();
    expect(toLocalInput(ms)).toBe('2026-12-03T14:03');
    expect(fromLocalInput(toLocalInput(ms))).toBe(ms);
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('nonsense')).toBeUndefined();
  });
});
