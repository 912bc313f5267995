import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.ts';

describe('backoffDelayMs', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [5, 16000],
    [6, 30000],
    [50, 30000],
  ])('attempt %i waits %i ms', (attempt, ms) => {
    expect(backoffDelayMs(attempt)).toBe(ms);
  });
});
