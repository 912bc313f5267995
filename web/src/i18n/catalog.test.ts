/** The catalogue is complete and consistent, and its mechanics (placeholders, plurals, dates) hold in both languages. */
import { describe, expect, it } from 'vitest';
import { CATALOG } from './catalog.ts';
import { formatters } from './format.ts';
import { interpolate, placeholders, translate, type Entry, type Section } from './translate.ts';

const entries = Object.entries(CATALOG as Record<string, Section>).flatMap(([group, section]) =>
  Object.entries(section).map(([name, entry]): [string, Entry] => [`${group}.${name}`, entry]),
);

describe('the catalogue', () => {
  it('has entries in every group it declares', () => {
    expect(entries.length).toBeGreaterThan(0);
  });

  it.each(entries)('%s: both languages written, same placeholders, same plural shape', (_key, entry) => {
    for (const text of [entry.fr, entry.en]) {
      const forms = typeof text === 'string' ? [text] : [text.one, text.other];
      for (const form of forms) expect(form.trim()).not.toBe('');
    }
    expect(typeof entry.fr).toBe(typeof entry.en);
    expect(placeholders(entry.fr)).toEqual(placeholders(entry.en));
  });
});

describe('translate', () => {
  const plural: Entry = { fr: { one: '{count} alerte', other: '{count} alertes' }, en: { one: '{count} alert', other: '{count} alerts' } };
  it.each([
    ['fr', 0, '0 alerte'],
    ['fr', 1, '1 alerte'],
    ['fr', 2, '2 alertes'],
    ['en', 0, '0 alerts'],
    ['en', 1, '1 alert'],
    ['en', 3, '3 alerts'],
  ] as const)('%s with count %d gives "%s"', (lang, count, expected) => {
    expect(translate(plural, lang, { count })).toBe(expected);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{who} a qualifié {what}', { who: 'ana' })).toBe('ana a qualifié {what}');
  });
});

describe('formatters', () => {
  const ms = new Date(2026, 11, 3, 14, 3, 22).getTime();
  it.each([
    ['fr', '03/12/2026 14:03:22', '14:03:22', 'il y a 12 s', '12,5 %'],
    ['en', '03/12/2026, 14:03:22', '14:03:22', '12 s ago', '12.5 %'],
  ] as const)('%s: dates, times, ages and percentages in the locale', (lang, dateTime, time, ago, percent) => {
    const f = formatters(lang);
    expect(f.dateTime(ms)).toBe(dateTime);
    expect(f.time(ms)).toBe(time);
    expect(f.ago(ms - 12_000, ms)).toBe(ago);
    expect(f.percent(0.125, 1)).toBe(percent);
  });
});
