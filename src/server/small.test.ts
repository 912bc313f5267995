import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLatencyRecorder, percentile } from './latency.ts';
import { createRateMeter } from './rate.ts';
import { createKeyedThrottle } from './throttle.ts';
import { createActiveAlerts } from './live.ts';
import { cookieValue, sameOrigin } from './ws-hub.ts';
import { staticFile } from './static.ts';

describe('percentile (nearest rank)', () => {
  it.each<[number[], number, number | null]>([
    [[], 50, null],
    [[7], 95, 7],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
  ])('%j p%s = %s', (sorted, p, expected) => expect(percentile(sorted, p)).toBe(expected));

  it('summarises the latest samples only', () => {
    const r = createLatencyRecorder(3);
    for (const ms of [100, 1, 2, 3]) r.record(ms);
    expect(r.summary()).toEqual({ count: 3, p50Ms: 2, p95Ms: 3, maxMs: 3 });
  });
});

describe('rate meter', () => {
  it.each<[number[], number, number]>([
    [[], 1000, 0],
    [[0], 0, 0],
    [[0, 200, 400, 600, 800], 800, 5],
    [[0, 200, 400, 600, 800], 1000, 4],
    [[0, 100, 3000, 3500], 3500, 2],
  ])('ticks %j read at %s ms: %s fps', (ticks, at, fps) => {
    const m = createRateMeter(2000);
    for (const t of ticks) m.tick(t);
    expect(m.rate(at)).toBe(fps);
  });
});

describe('keyed throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first at once and the latest of a burst after the interval, per key', () => {
    const sent: string[] = [];
    const t = createKeyedThrottle<number>(1000, (k, v) => void sent.push(`${k}${v}`));
    t.push('a', 1);
    t.push('a', 2);
    t.push('a', 3);
    t.push('b', 1);
    expect(sent).toEqual(['a1', 'b1']);
    vi.advanceTimersByTime(999);
    expect(sent).toEqual(['a1', 'b1']);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['a1', 'b1', 'a3']);
    t.push('a', 4);
    t.cancel();
    vi.advanceTimersByTime(5000);
    expect(sent).toEqual(['a1', 'b1', 'a3']);
  });
});

describe('active alerts', () => {
  it('keeps a camera\'s alerts for the window', () => {
    const a = createActiveAlerts(10_000);
    a.add({ id: 'x', cameraId: 'c' }, 0);
    a.add({ id: 'y', cameraId: 'c' }, 5000);
    a.add({ id: 'z', cameraId: 'd' }, 5000);
    expect(a.ids('c', 9000)).toEqual(['x', 'y']);
    expect(a.ids('c', 12_000)).toEqual(['y']);
    expect(a.ids('c', 20_000)).toEqual([]);
  });
});

describe('websocket handshake helpers', () => {
  it.each<[string | undefined, string | undefined]>([
    [undefined, undefined],
    ['a=1; vigie_session=tok%3D; b=2', 'tok='],
    ['vigie_session_x=1', undefined],
    ['vigie_session=abc', 'abc'],
  ])('cookie %j -> %j', (header, value) => expect(cookieValue(header, 'vigie_session')).toBe(value));

  it.each<[string | undefined, string, boolean]>([
    [undefined, 'localhost:8080', true],
    ['http://localhost:8080', 'localhost:8080', true],
    ['http://evil.example', 'localhost:8080', false],
    ['not a url', 'localhost:8080', false],
  ])('origin %j for host %s: %s', (origin, host, ok) => expect(sameOrigin(origin, host)).toBe(ok));
});

describe('staticFile', () => {
  it.each<[string, string | undefined]>([
    ['/../package.json', undefined],
    ['/%2e%2e/package.json', undefined],
    ['/%E0%A4%A', undefined],
    ['/', undefined],
    ['/package.json', 'package.json'],
  ])('%s', (url, rel) => {
    const root = process.cwd();
    expect(staticFile(root, url)).toBe(rel === undefined ? undefined : `${root}/${rel}`);
  });
});
