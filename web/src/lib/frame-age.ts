/**
 * How old the frame on a live tile is (pure). The server stamps each frame with its wall-clock
 * time; when the browser's clock disagrees with the server's (transit negative or over a minute),
 * only the time since the frame arrived counts, so a skewed clock never paints every tile stale.
 */
import type { Lang } from '../../../src/core/lang.ts';
import { formatters } from '../i18n/format.ts';
import { translator } from '../i18n/translator.ts';

const MAX_TRANSIT_MS = 60_000;

export function frameAgeMs(frameWallMs: number, receivedMs: number, nowMs: number): number {
  const transit = receivedMs - frameWallMs;
  const sinceArrival = Math.max(0, nowMs - receivedMs);
  return transit >= 0 && transit <= MAX_TRANSIT_MS ? sinceArrival + transit : sinceArrival;
}

/** `0.4 s ago`, `12 s ago`, `3 min ago` (fr: `il y a 0,4 s`...). */
export function formatAge(ageMs: number, lang: Lang): string {
  const t = translator(lang);
  const s = Math.max(0, ageMs) / 1000;
  if (s < 10) return t('live.ageSeconds', { seconds: formatters(lang).number(s, 1) });
  if (s < 60) return t('live.ageSeconds', { seconds: Math.round(s) });
  return t('live.ageMinutes', { minutes: Math.floor(s / 60) });
}

/** `12:03:04 · 0.4 s ago` (local time of the frame). */
export function frameStamp(frameWallMs: number, ageMs: number, lang: Lang): string {
  return `${formatters(lang).time(frameWallMs)} · ${formatAge(ageMs, lang)}`;
}
