import { describe, expect, it } from 'vitest';
import { alertIdTimeMs } from '../alerts/id.ts';
import { busAlertId, deterministicAlertId, isReplayedOnce } from './alert-id.ts';

const event = { type: 'intrusion' as const, tMs: 1500, zoneId: 'yard', trackId: 3 };
const PUT = 1_700_000_000_000;

describe('bus alert ids', () => {
  it.each([
    { url: '/data/clip.mp4', loop: false, once: true },
    { url: 'file:///data/clip.mp4', loop: false, once: true },
    { url: '/data/clip.mp4', loop: true, once: false },
    { url: 'rtsp://cam/stream', loop: false, once: false },
    { url: 'rtsps://cam/stream', loop: false, once: false },
    { url: 'http://cam/mjpeg', loop: false, once: false },
    { url: 'HTTPS://cam/hls.m3u8', loop: false, once: false },
  ])('$url loop=$loop: replayed once = $once', ({ url, loop, once }) => {
    expect(isReplayedOnce({ url, loop })).toBe(once);
  });

  it('a file camera played once: the same event gives the same id, its time is putAtMs + tMs', () => {
    const a = busAlertId({ id: 'cam1', url: '/x.mp4', loop: false }, PUT, event, 1);
    const b = busAlertId({ id: 'cam1', url: '/x.mp4', loop: false }, PUT, event, 999_999);
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(alertIdTimeMs(a)).toBe(PUT + 1500);
  });

  it.each([
    ['camera', () => deterministicAlertId('cam2', PUT, event)],
    ['putAtMs', () => deterministicAlertId('cam1', PUT + 1, event)],
    ['type', () => deterministicAlertId('cam1', PUT, { ...event, type: 'wrong_way' })],
    ['tMs', () => deterministicAlertId('cam1', PUT, { ...event, tMs: 1501 })],
    ['zone', () => deterministicAlertId('cam1', PUT, { ...event, zoneId: 'gate' })],
    ['no zone', () => deterministicAlertId('cam1', PUT, { type: event.type, tMs: event.tMs, trackId: 3 })],
    ['track', () => deterministicAlertId('cam1', PUT, { ...event, trackId: 4 })],
  ])('another %s gives another id', (_what, other) => {
    expect(other()).not.toBe(deterministicAlertId('cam1', PUT, event));
  });

  it('live and looped cameras get a fresh random id each time', () => {
    for (const camera of [{ id: 'c', url: 'rtsp://h/s', loop: false }, { id: 'c', url: '/x.mp4', loop: true }]) {
      const a = busAlertId(camera, PUT, event, PUT + 10);
      expect(a).not.toBe(busAlertId(camera, PUT, event, PUT + 10));
      expect(alertIdTimeMs(a)).toBe(PUT + 10);
    }
  });
});
