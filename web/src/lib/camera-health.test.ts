import { describe, expect, it } from 'vitest';
import type { CameraStatus, CameraView } from '../api/types.ts';
import { healthLabel, healthReason, healthStats } from './camera-health.ts';

const NOW = new Date(2026, 2, 3, 14, 5, 0).getTime();
const LAST = new Date(2026, 2, 3, 14, 3, 22).getTime();

function camera(status: CameraStatus, level: 'ok' | 'warn' | 'bad', stats: { fps?: number; dropRate?: number; lastFrameMs?: number } = {}, enabled = true): CameraView {
  return {
    id: 'gate',
    url: '/clips/a.avi',
    enabled,
    loop: false,
    events: [],
    zones: [],
    privacyMasks: [],
    params: {} as CameraView['params'],
    status,
    stats: { fps: stats.fps ?? 10, dropped: 0, decoded: 0, restarts: 0, dropRate: stats.dropRate ?? 0, lastFrameMs: stats.lastFrameMs ?? LAST, health: { level } },
  };
}
const since = NOW - 60_000;

describe('healthLabel', () => {
  it.each<[string, CameraView, string, string]>([
    ['running', camera({ state: 'running', sinceMs: since }, 'ok'), 'Running', 'En service'],
    ['connecting', camera({ state: 'connecting', sinceMs: since }, 'warn'), 'Connecting', 'Connexion'],
    ['reconnecting', camera({ state: 'reconnecting', sinceMs: since, reason: 'x', attempt: 2 }, 'warn'), 'Reconnecting (attempt 2)', 'Reconnexion (tentative 2)'],
    ['failed', camera({ state: 'failed', sinceMs: since, reason: 'x' }, 'bad'), 'Failed', 'En échec'],
    ['ended', camera({ state: 'ended', sinceMs: since }, 'ok'), 'Ended', 'Flux terminé'],
    ['disabled', camera({ state: 'running', sinceMs: since }, 'ok', {}, false), 'Disabled', 'Désactivée'],
  ])('%s', (_name, cam, en, fr) => {
    expect(healthLabel(cam, 'en')).toBe(en);
    expect(healthLabel(cam, 'fr')).toBe(fr);
  });
});

it('healthStats: analysed fps and drop rate in the locale', () => {
  const cam = camera({ state: 'running', sinceMs: since }, 'ok', { fps: 12, dropRate: 0.034 });
  expect(healthStats(cam, 'en')).toBe('12.0 fps analysed · 3 % dropped');
  expect(healthStats(cam, 'fr')).toBe('12,0 images/s analysées · 3 % sautées');
});

describe('healthReason: built from the figures, never the server’s English', () => {
  const ffmpeg = 'ffmpeg: Connection refused';
  it.each<[string, CameraView, string | undefined, string | undefined]>([
    ['healthy', camera({ state: 'running', sinceMs: since }, 'ok'), undefined, undefined],
    ['disabled', camera({ state: 'failed', sinceMs: since, reason: ffmpeg }, 'bad', {}, false), undefined, undefined],
    ['connecting', camera({ state: 'connecting', sinceMs: since }, 'warn'), 'connecting', 'connexion en cours'],
    ['connecting for too long', camera({ state: 'connecting', sinceMs: since }, 'bad'), 'no frame analysed since 14:03:22', 'aucune image analysée depuis 14:03:22'],
    ['reconnecting: the source says why', camera({ state: 'reconnecting', sinceMs: since, reason: ffmpeg, attempt: 1 }, 'warn'), ffmpeg, ffmpeg],
    [
      'reconnecting for too long',
      camera({ state: 'reconnecting', sinceMs: since, reason: ffmpeg, attempt: 5 }, 'bad'),
      `no frame analysed since 14:03:22 (${ffmpeg})`,
      `aucune image analysée depuis 14:03:22 (${ffmpeg})`,
    ],
    ['failed', camera({ state: 'failed', sinceMs: since, reason: ffmpeg }, 'bad'), `no frame analysed since 14:03:22 (${ffmpeg})`, `aucune image analysée depuis 14:03:22 (${ffmpeg})`],
    [
      'failed days ago: the date too',
      camera({ state: 'failed', sinceMs: since, reason: ffmpeg }, 'bad', { lastFrameMs: new Date(2026, 2, 1, 9, 0, 0).getTime() }),
      `no frame analysed since 01/03/2026, 09:00:00 (${ffmpeg})`,
      `aucune image analysée depuis 01/03/2026 09:00:00 (${ffmpeg})`,
    ],
    ['running, dropping most frames', camera({ state: 'running', sinceMs: since }, 'bad', { fps: 4, dropRate: 0.72 }), '72 % of frames dropped', '72 % des images sautées'],
    ['running, analysing nothing', camera({ state: 'running', sinceMs: since }, 'bad', { fps: 0 }), 'no frame analysed since 14:03:22', 'aucune image analysée depuis 14:03:22'],
    ['running, stalled', camera({ state: 'running', sinceMs: since }, 'bad', { fps: 3 }), 'no frame analysed since 14:03:22', 'aucune image analysée depuis 14:03:22'],
    ['running, dropping some', camera({ state: 'running', sinceMs: since }, 'warn', { fps: 8, dropRate: 0.3 }), '30 % of frames dropped', '30 % des images sautées'],
    [
      'running, slow',
      camera({ state: 'running', sinceMs: since }, 'warn', { fps: 3.14, dropRate: 0.05 }),
      'analysing 3.1 fps, under 50 % of the configured rate',
      'seulement 3,1 images/s analysées, moins de 50 % de la cadence configurée',
    ],
  ])('%s', (_name, cam, en, fr) => {
    expect(healthReason(cam, NOW, 'en')).toBe(en);
    expect(healthReason(cam, NOW, 'fr')).toBe(fr);
  });
});
