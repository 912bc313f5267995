/**
 * Login throttling against password guessing, in memory (a restart forgets it, as it should: it
 * protects the running service, it is no record). Failures are counted per key within a sliding
 * window; at maxFailures the key is locked for lockMs, doubled at each new lock of the same key up
 * to maxLockMs. The API keys each attempt twice: by account and address (a guesser cannot lock an
 * operator out from another desk) and by address alone with a higher limit (a guesser trying many
 * account names). A success clears the account-and-address key only.
 */

export interface ThrottleLimits {
  /** Failures within windowMs that lock the key. */
  readonly maxFailures: number;
  readonly windowMs: number;
  /** First lock; each new lock of the same key doubles it, up to maxLockMs. */
  readonly lockMs: number;
  readonly maxLockMs: number;
}

export interface LoginThrottleOptions {
  readonly perAccount: ThrottleLimits;
  readonly perAddress: ThrottleLimits;
  /** Keys held at most (the oldest are forgotten first), so memory stays bounded under a flood. */
  readonly maxKeys: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  perAccount: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 60_000, maxLockMs: 15 * 60_000 },
  perAddress: { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 5 * 60_000, maxLockMs: 60 * 60_000 },
  maxKeys: 10_000,
};

export interface LoginThrottle {
  /** Milliseconds before this account may be tried again from this address (0: now). */
  retryAfterMs(username: string, address: string, nowMs: number): number;
  failed(username: string, address: string, nowMs: number): void;
  succeeded(username: string, address: string): void;
}

export interface KeyState {
  readonly failures: readonly number[];
  readonly lockedUntilMs: number;
  readonly locks: number;
}

export const FRESH: KeyState = { failures: [], lockedUntilMs: 0, locks: 0 };

/** The key after one more failure at nowMs. Pure. */
export function afterFailure(s: KeyState, nowMs: number, limits: ThrottleLimits): KeyState {
  const failures = [...s.failures.filter((t) => nowMs - t < limits.windowMs), nowMs];
  if (failures.length < limits.maxFailures) return { ...s, failures };
  const lockMs = Math.min(limits.maxLockMs, limits.lockMs * 2 ** s.locks);
  return { failures: [], lockedUntilMs: nowMs + lockMs, locks: s.locks + 1 };
}

export function createLoginThrottle(opts: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE): LoginThrottle {
  const keys = new Map<string, KeyState>();
  const accountKey = (username: string, address: string): string => `account:${username.toLowerCase()}@${address}`;
  const addressKey = (address: string): string => `address:${address}`;
  const wait = (key: string, nowMs: number): number => Math.max(0, (keys.get(key)?.lockedUntilMs ?? 0) - nowMs);
  const fail = (key: string, nowMs: number, limits: ThrottleLimits): void => {
    const next = afterFailure(keys.get(key) ?? FRESH, nowMs, limits);
    keys.delete(key);
    keys.set(key, next);
    while (keys.size > opts.maxKeys) keys.delete(keys.keys().next().value!);
  };
  return {
    retryAfterMs: (username, address, nowMs) => Math.max(wait(accountKey(username, address), nowMs), wait(addressKey(address), nowMs)),
    failed(username, address, nowMs) {
      fail(accountKey(username, address), nowMs, opts.perAccount);
      fail(addressKey(address), nowMs, opts.perAddress);
    },
    succeeded: (username, address) => void keys.delete(accountKey(username, address)),
  };
}
