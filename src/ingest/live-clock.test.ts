import { describe, expect, it } from 'vitest';
import { createLiveClock } from './live-clock.ts';

describe('createLiveClock (fps 5, resync 10 s)', () => {
  it.each([
    {
      name: 'steady stream: tMs follows the frame period',
      frames: [[0, true], [200, false], [401, false], [599, false]] as const,
      tMs: [0, 200, 400, 600],
    },
    {
      name: 'burst after the probe: frames keep their stream spacing',
      frames: [[0, true], [3, false], [6, false], [9, false], [800, false]] as const,
      tMs: [0, 200, 400, 600, 800],
    },
    {
      name: 'reconnection: re-anchored on the wall clock',
      frames: [[0, true], [200, false], [9000, true], [9200, false]] as const,
      tMs: [0, 200, 9000, 9200],
    },
    {
      name: 'reconnection sooner than one period: still strictly increasing',
      frames: [[0, true], [200, false], [250, true]] as const,
      tMs: [0, 200, 400],
    },
    {
      name: 'stream time lagging wall time by more than 10 s: resync',
      frames: [[0, true], [200, false], [20_000, false], [20_150, false]] as const,
      tMs: [0, 200, 20_000, 20_200],
    },
  ])('$name', ({ frames, tMs }) => {
    const clock = createLiveClock(5);
    expect(frames.map(([elapsed, fresh]) => clock(elapsed, fresh))).toEqual(tMs);
  });
});
