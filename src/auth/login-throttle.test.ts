import { describe, expect, it } from 'vitest';
import { afterFailure, BUSY_RETRY_MS, createLoginThrottle, DEFAULT_LOGIN_THROTTLE, FRESH, type KeyState, type LoginAttempt, type ThrottleLimits } from './login-throttle.ts';

const LIMITS: ThrottleLimits = { maxFailures: 3, windowMs: 10_000, lockMs: 1000, maxLockMs: 3000 };

describe('afterFailure', () => {
  // [what, failure times, locked until (0: not locked)]
  const cases: [string, number[], number][] = [
    ['under the limit: counted, not locked', [0, 1000], 0],
    ['the limit within the window: locked lockMs from the last failure', [0, 1000, 2000], 3000],
    ['failures older than the window do not count', [0, 11_000, 12_000], 0],
  ];
  it.each(cases)('%s', (_what, times, lockedUntil) => {
    const s = times.reduce((k: KeyState, t) => afterFailure(k, t, LIMITS), FRESH);
    expect(s.lockedUntilMs).toBe(lockedUntil);
  });

  it('each new lock of a key doubles, up to maxLockMs', () => {
    let s = FRESH;
    const lengths: number[] = [];
    for (let round = 0; round < 4; round++) {
      const t0 = round * 100_000;
      for (let i = 0; i < 3; i++) s = afterFailure(s, t0 + i, LIMITS);
      lengths.push(s.lockedUntilMs - (t0 + 2));
    }
    expect(lengths).toEqual([1000, 2000, 3000, 3000]);
  });
});

describe('login throttle', () => {
  const { perAccount, perAddress } = DEFAULT_LOGIN_THROTTLE;

  it('locks an account from one address after 5 failures, not from another address', () => {
    const t = createLoginThrottle();
    for (let i = 0; i < perAccount.maxFailures; i++) {
      expect(t.retryAfterMs('ana', '10.0.0.9', i)).toBe(0);
      t.failed('ana', '10.0.0.9', i);
    }
    expect(t.retryAfterMs('ana', '10.0.0.9', 10)).toBe(perAccount.lockMs - 10 + perAccount.maxFailures - 1);
    expect(t.retryAfterMs('Ana', '10.0.0.9', 10)).toBeGreaterThan(0);
    expect(t.retryAfterMs('ana', '10.0.0.7', 10)).toBe(0);
    expect(t.retryAfterMs('ana', '10.0.0.9', perAccount.lockMs + 10)).toBe(0);
  });

  it('locks an address that tries many accounts', () => {
    const t = createLoginThrottle();
    for (let i = 0; i < perAddress.maxFailures; i++) t.failed(`user${i}`, '10.0.0.9', i);
    expect(t.retryAfterMs('someone-else', '10.0.0.9', 100)).toBeGreaterThan(0);
    expect(t.retryAfterMs('someone-else', '10.0.0.8', 100)).toBe(0);
  });

  it('a success clears the account count: earlier failures do not add up to a lock', () => {
    const t = createLoginThrottle();
    for (let i = 0; i < perAccount.maxFailures - 1; i++) t.failed('ana', 'a', i);
    t.succeeded('ana', 'a');
    t.failed('ana', 'a', 10);
    expect(t.retryAfterMs('ana', 'a', 11)).toBe(0);
  });

  it('holds at most maxKeys keys: under a flood of new keys the oldest are forgotten', () => {
    const t = createLoginThrottle({ ...DEFAULT_LOGIN_THROTTLE, maxKeys: 6 });
    for (let i = 0; i < perAccount.maxFailures; i++) t.failed('ana', 'a', i);
    expect(t.retryAfterMs('ana', 'a', 10)).toBeGreaterThan(0);
    for (let k = 0; k < 3; k++) t.failed('bo', `other${k}`, 10);
    expect(t.retryAfterMs('ana', 'a', 11)).toBe(0);
  });
});

describe('login attempts in progress', () => {
  const { perAccount } = DEFAULT_LOGIN_THROTTLE;
  const started = (r: ReturnType<ReturnType<typeof createLoginThrottle>['begin']>): LoginAttempt => {
    if (!('attempt' in r)) throw new Error(`refused, wait ${r.waitMs} ms`);
    return r.attempt;
  };

  it('count from their start: parallel attempts beyond the limit are refused before any has failed', () => {
    const t = createLoginThrottle();
    const attempts = Array.from({ length: perAccount.maxFailures }, () => started(t.begin('ana', 'a', 0)));
    expect(t.begin('ana', 'a', 0)).toEqual({ waitMs: BUSY_RETRY_MS });
    attempts.forEach((a) => a.failed(1));
    expect(t.retryAfterMs('ana', 'a', 2)).toBe(perAccount.lockMs - 1);
  });

  it('a success frees its place and clears the account; ending twice counts once', () => {
    const t = createLoginThrottle();
    const first = Array.from({ length: perAccount.maxFailures - 1 }, () => started(t.begin('ana', 'a', 0)));
    const last = started(t.begin('ana', 'a', 0));
    last.succeeded();
    last.failed(1);
    first.forEach((a) => a.failed(1));
    expect('attempt' in t.begin('ana', 'a', 2)).toBe(true);
  });
});
