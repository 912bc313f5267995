import { describe, expect, it } from 'vitest';
import { workerView } from './console-workers.ts';
import { LEASE_TTL_MS } from './protocol.ts';

const beat = { workerId: 'w1', host: 'box', pid: 7, startedAtMs: 100, atMs: 900, cameras: ['cam2', 'cam1'] };

describe('a worker as the console sees it', () => {
  it.each([
    ['heard just now', 10_000, 10_000, true, 0],
    ['heard just under a lease life ago', 10_000, 10_000 + LEASE_TTL_MS - 1, true, LEASE_TTL_MS - 1],
    ['silent for a lease life', 10_000, 10_000 + LEASE_TTL_MS, false, LEASE_TTL_MS],
    ["the console's clock stepped back: never negative", 10_000, 9000, true, 0],
  ])('%s', (_name, seenMs, nowMs, alive, silentForMs) => {
    expect(workerView(beat, seenMs, nowMs)).toEqual({ workerId: 'w1', host: 'box', pid: 7, startedAtMs: 100, cameras: ['cam1', 'cam2'], alive, silentForMs });
  });
});
