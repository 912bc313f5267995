/**
 * A camera's state and health in words, pure. The server grades the health (`stats.health.level`,
 * src/server/camera-health.ts) and explains it in English; the console builds its own sentence
 * from the structured figures (state, fps, drop rate, last frame, level) with the same thresholds,
 * in the console's language. What the source itself reported when it failed (the decoder's
 * message, `status.reason`) is shown as it comes: it is the source's diagnostic.
 */
import type { Lang } from '../../../src/core/lang.ts';
import { DROP_BAD, DROP_WARN, SLOW_SHARE } from '../../../src/server/camera-health.ts';
import type { CameraView } from '../api/types.ts';
import { translator } from '../i18n/translator.ts';
import { formatters } from '../i18n/format.ts';

/** "Running", "Reconnecting (attempt 2)", "Disabled"... */
export function healthLabel(camera: CameraView, lang: Lang): string {
  const t = translator(lang);
  if (!camera.enabled) return t('health.disabled');
  const s = camera.status;
  return t(`health.state_${s.state}`, s.state === 'reconnecting' ? { attempt: s.attempt } : undefined);
}

/** "12.0 fps analysed · 3 % dropped". */
export function healthStats(camera: CameraView, lang: Lang): string {
  return translator(lang)('health.stats', { fps: formatters(lang).number(camera.stats.fps, 1), dropped: Math.round(camera.stats.dropRate * 100) });
}

/** Why the health is not green, undefined when it is (or when the camera is disabled). */
export function healthReason(camera: CameraView, nowMs: number, lang: Lang): string | undefined {
  const level = camera.stats.health.level;
  if (!camera.enabled || level === 'ok') return undefined;
  const t = translator(lang);
  const fmt = formatters(lang);
  const s = camera.status;
  const { fps, dropRate, lastFrameMs } = camera.stats;
  const since = new Date(lastFrameMs).toDateString() === new Date(nowMs).toDateString() ? fmt.time(lastFrameMs) : fmt.dateTime(lastFrameMs);
  const dropped = (): string => t('health.reasonDropped', { dropped: Math.round(dropRate * 100) });
  switch (s.state) {
    case 'failed':
      return t('health.reasonNoFrameDetail', { since, detail: s.reason });
    case 'reconnecting':
      // Red: reconnecting for too long, the camera counts as lost.
      return level === 'bad' ? t('health.reasonNoFrameDetail', { since, detail: s.reason }) : s.reason;
    case 'connecting':
      return level === 'bad' ? t('health.reasonNoFrame', { since }) : t('health.reasonConnecting');
    case 'running':
      if (level === 'bad') return fps >= 0.05 && dropRate >= DROP_BAD ? dropped() : t('health.reasonNoFrame', { since });
      if (dropRate >= DROP_WARN) return dropped();
      return t('health.reasonSlow', { fps: fmt.number(fps, 1), share: Math.round(SLOW_SHARE * 100) });
    case 'ended':
      return undefined;
  }
}
