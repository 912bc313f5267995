/**
 * Dates, times, durations and numbers in the console's language (pure: the language is a parameter).
 * Dates follow the locale (fr: 03/12/2026 14:03:22, en: 03/12/2026, 14:03:22), in local time.
 */
import { LOCALE_TAGS, type Lang } from '../../../src/core/lang.ts';
import { entryOf } from './catalog.ts';
import { translate } from './translate.ts';

export interface Formatters {
  /** Date and time to the second. */
  dateTime(ms: number): string;
  date(ms: number): string;
  /** Day, month and time to the second, without the year (a narrow column). */
  dayTime(ms: number): string;
  /** Time of day to the second. */
  time(ms: number): string;
  /** How long ago, coarse: "just now", "12 s ago" / "à l'instant", "il y a 12 s". */
  ago(ms: number, nowMs: number): string;
  /** `42 s`, `3 min 12 s`, `2 h 05 min` (same units in both languages). */
  duration(seconds: number): string;
  /** A ratio as a percentage, `–` when unknown. */
  percent(ratio: number | null | undefined, digits?: number): string;
  number(value: number, digits?: number): string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const min = Math.floor(seconds / 60);
  if (min < 60) return `${min} min ${pad(Math.round(seconds % 60))} s`;
  return `${Math.floor(min / 60)} h ${pad(min % 60)} min`;
}

const cache = new Map<Lang, Formatters>();

export function formatters(lang: Lang): Formatters {
  const hit = cache.get(lang);
  if (hit) return hit;
  const tag = LOCALE_TAGS[lang];
  const dateTime = new Intl.DateTimeFormat(tag, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const date = new Intl.DateTimeFormat(tag, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const dayTime = new Intl.DateTimeFormat(tag, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const time = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const say = (key: 'common.agoNow' | 'common.agoSeconds' | 'common.agoMinutes' | 'common.agoHours' | 'common.agoDays', count: number): string =>
    translate(entryOf(key), lang, { count });
  const made: Formatters = {
    dateTime: (ms) => dateTime.format(ms),
    date: (ms) => date.format(ms),
    dayTime: (ms) => dayTime.format(ms),
    time: (ms) => time.format(ms),
    ago: (ms, nowMs) => {
      const s = Math.max(0, (nowMs - ms) / 1000);
      if (s < 5) return say('common.agoNow', 0);
      if (s < 60) return say('common.agoSeconds', Math.round(s));
      if (s < 3600) return say('common.agoMinutes', Math.floor(s / 60));
      if (s < 86_400) return say('common.agoHours', Math.floor(s / 3600));
      return say('common.agoDays', Math.floor(s / 86_400));
    },
    duration: formatDuration,
    percent: (ratio, digits = 0) =>
      ratio === null || ratio === undefined || !Number.isFinite(ratio)
        ? '–'
        : `${new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ratio * 100)} %`,
    number: (value, digits = 0) => new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value),
  };
  cache.set(lang, made);
  return made;
}
