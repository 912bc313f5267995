/** Axis helpers of the dashboard charts (components/charts.tsx), pure. */
import { LOCALE_TAGS, type Lang } from '../../../src/core/lang.ts';

/** A UTC day (`2026-12-03`) in the language: the axis shows day and month, the tooltip the whole date. */
export function dayFormats(lang: Lang): { short(day: string): string; long(day: string): string } {
  const tag = LOCALE_TAGS[lang];
  const short = new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const ms = (day: string): number => Date.parse(`${day}T00:00:00Z`);
  const safe = (f: Intl.DateTimeFormat) => (day: string): string => (Number.isFinite(ms(day)) ? f.format(ms(day)) : day);
  return { short: safe(short), long: safe(long) };
}

/** 0 and 3 to 5 round steps up to at least max. */
export function niceTicks(max: number): number[] {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const stepInt = Math.max(1, Math.round(step));
  const out: number[] = [];
  for (let v = 0; v < max + stepInt; v += stepInt) out.push(v);
  return out;
}
