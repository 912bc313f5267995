import { describe, expect, it } from 'vitest';
import type { CameraStatus } from '../core/types.ts';
import { cameraHealth, lostReason, type HealthInput } from './camera-health.ts';
import { createDropMeter } from './drop-meter.ts';

const NOW = 100_000;
const limits = { expectedFps: 5, lossAfterMs: 30_000 };
const running = (sinceMs: number): CameraStatus => ({ state: 'running', sinceMs });

// [case, input, expected level, reason pattern]
const rows: [string, HealthInput, 'ok' | 'warn' | 'bad', RegExp | undefined][] = [
  ['running at the configured rate', { status: running(0), fps: 5, dropRate: 0, lastFrameMs: NOW - 200 }, 'ok', undefined],
  ['"Running 0.0 fps, 4727 dropped": running but nothing analysed', { status: running(0), fps: 0, dropRate: 0.99, lastFrameMs: NOW - 2000 }, 'bad', /dropped/],
  ['running, fps ~0, no drop measured', { status: running(0), fps: 0, dropRate: 0, lastFrameMs: NOW - 3000 }, 'bad', /no frame analysed/],
  ['running, a third of frames dropped', { status: running(0), fps: 4, dropRate: 0.33, lastFrameMs: NOW - 200 }, 'warn', /33 % of frames dropped/],
  ['running at half the rate', { status: running(0), fps: 1.5, dropRate: 0, lastFrameMs: NOW - 200 }, 'warn', /analysing 1.5 of 5 fps/],
  ['just started: fps not measured yet', { status: running(NOW - 1000), fps: 0, dropRate: 0, lastFrameMs: NOW - 1000 }, 'ok', undefined],
  ['stalled: running, last frame 40 s ago', { status: running(0), fps: 0, dropRate: 0, lastFrameMs: NOW - 40_000 }, 'bad', /stalled: no frame analysed for 40 s/],
  ['reconnecting, last frame 5 s ago', { status: { state: 'reconnecting', sinceMs: NOW - 1000, reason: 'refused', attempt: 2 }, fps: 0, dropRate: 0, lastFrameMs: NOW - 5000 }, 'warn', /refused/],
  ['reconnecting (attempt just restarted), last frame 31 s ago', { status: { state: 'reconnecting', sinceMs: NOW - 1000, reason: 'refused', attempt: 5 }, fps: 0, dropRate: 0, lastFrameMs: NOW - 31_000 }, 'bad', /reconnecting: no frame analysed for 31 s \(refused\)/],
  ['failed just now', { status: { state: 'failed', sinceMs: NOW, reason: 'bad file' }, fps: 0, dropRate: 0, lastFrameMs: NOW - 1000 }, 'bad', /bad file/],
  ['connecting', { status: { state: 'connecting', sinceMs: NOW - 1000 }, fps: 0, dropRate: 0, lastFrameMs: NOW - 1000 }, 'warn', /connecting/],
  ['ended (a file played once)', { status: { state: 'ended', sinceMs: 0 }, fps: 0, dropRate: 0, lastFrameMs: 0 }, 'ok', undefined],
];

describe('cameraHealth', () => {
  it.each(rows)('%s', (_case, input, level, reason) => {
    const h = cameraHealth(input, NOW, limits);
    expect(h.level).toBe(level);
    if (reason) expect(h.reason).toMatch(reason);
    else expect(h.reason).toBeUndefined();
  });

  it.each<[string, HealthInput, boolean]>([
    ['failed, no frame for 29 s', { status: { state: 'failed', sinceMs: NOW, reason: 'x' }, fps: 0, dropRate: 0, lastFrameMs: NOW - 29_000 }, false],
    ['failed, no frame for 30 s', { status: { state: 'failed', sinceMs: NOW, reason: 'x' }, fps: 0, dropRate: 0, lastFrameMs: NOW - 30_000 }, true],
    ['connecting since start 30 s ago', { status: { state: 'connecting', sinceMs: NOW - 30_000 }, fps: 0, dropRate: 0, lastFrameMs: NOW - 30_000 }, true],
    ['running, recent frame', { status: running(0), fps: 5, dropRate: 0, lastFrameMs: NOW - 100 }, false],
    ['ended long ago', { status: { state: 'ended', sinceMs: 0 }, fps: 0, dropRate: 0, lastFrameMs: 0 }, false],
  ])('lostReason: %s -> lost %s', (_case, input, lost) => {
    expect(lostReason(input, NOW, limits.lossAfterMs) !== undefined).toBe(lost);
  });
});

describe('drop meter', () => {
  it('measures drops over the recent window only', () => {
    const m = createDropMeter(10_000);
    expect(m.rate(0)).toBe(0);
    // the first minute: 4727 frames dropped
    m.sample(0, 5000, 273);
    m.sample(1000, 5010, 275);
    expect(m.rate(1000)).toBeCloseTo(0.8);
    // then analysis keeps up: the old drops leave the window
    for (let t = 20_000; t <= 25_000; t += 1000) m.sample(t, 5010 + (t - 19_000) / 200, 275 + (t - 19_000) / 200);
    expect(m.rate(25_000)).toBe(0);
  });
});
