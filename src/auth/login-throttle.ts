/**
 * Login throttling against password guessing, in memory (a restart forgets it, as it should: it
 * protects the running service, it is no record). Failures are counted per key within a sliding
 * window; at maxFailures the key is locked for lockMs, doubled at each new lock of the same key up
 * to maxLockMs. The API keys each attempt twice: by account and address (a guesser cannot lock an
 * operator out from another desk) and by address alone with a higher limit (a guesser trying many
 * account names). A success clears the account-and-address key only.
 * An attempt counts from the moment it begins (begin()), before its password is checked: the check
 * takes a while (scrypt), and attempts sent in parallel must not all pass the limit while none of
 * them has failed yet. An attempt in progress counts as a failure until it ends.
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

/** A sign-in attempt under way: tell the throttle how it ended, once. */
export interface LoginAttempt {
  failed(nowMs: number): void;
  succeeded(): void;
}

/** While attempts in progress fill the limit, the next one is told to retry in this much. */
export const BUSY_RETRY_MS = 1000;

export interface LoginThrottle {
  /** Starts an attempt, counted at once; or the milliseconds to wait when the limit is reached. */
  begin(username: string, address: string, nowMs: number): { readonly attempt: LoginAttempt } | { readonly waitMs: number };
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

/** Failures of the key still inside the window at nowMs. Pure. */
export const liveFailures = (s: KeyState, nowMs: number, limits: ThrottleLimits): number => s.failures.filter((t) => nowMs - t < limits.windowMs).length;

export function createLoginThrottle(opts: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE): LoginThrottle {
  const keys = new Map<string, KeyState>();
  const accountKey = (username: string, address: string): string => `account:${username.toLowerCase()}@${address}`;
  const addressKey = (address: string): string => `address:${address}`;
  const pending = new Map<string, number>();
  const wait = (key: string, nowMs: number): number => Math.max(0, (keys.get(key)?.lockedUntilMs ?? 0) - nowMs);
  const addPending = (key: string, delta: number): void => {
    const n = (pending.get(key) ?? 0) + delta;
    if (n > 0) pending.set(key, n);
    else pending.delete(key);
  };
  /** The wait of a key, counting the attempts in progress as failures. */
  const waitWithPending = (key: string, nowMs: number, limits: ThrottleLimits): number => {
    const full = liveFailures(keys.get(key) ?? FRESH, nowMs, limits) + (pending.get(key) ?? 0) >= limits.maxFailures;
    return Math.max(wait(key, nowMs), full ? BUSY_RETRY_MS : 0);
  };
  const fail = (key: string, nowMs: number, limits: ThrottleLimits): void => {
    const next = afterFailure(keys.get(key) ?? FRESH, nowMs, limits);
    keys.delete(key);
    keys.set(key, next);
    while (keys.size > opts.maxKeys) keys.delete(keys.keys().next().value!);
  };
  const fails = (username: string, address: string, nowMs: number): void => {
    fail(accountKey(username, address), nowMs, opts.perAccount);
    fail(addressKey(address), nowMs, opts.perAddress);
  };
  return {
    begin(username, address, nowMs) {
      const [account, addr] = [accountKey(username, address), addressKey(address)];
      const waitMs = Math.max(waitWithPending(account, nowMs, opts.perAccount), waitWithPending(addr, nowMs, opts.perAddress));
      if (waitMs > 0) return { waitMs };
      addPending(account, 1);
      addPending(addr, 1);
      let open = true;
      const end = (): boolean => {
        if (!open) return false;
        open = false;
        addPending(account, -1);
        addPending(addr, -1);
        return true;
      };
      return {
        attempt: {
          failed: (t) => void (end() && fails(username, address, t)),
          succeeded: () => void (end() && keys.delete(account)),
        },
      };
    },
    retryAfterMs: (username, address, nowMs) => Math.max(wait(accountKey(username, address), nowMs), wait(addressKey(address), nowMs)),
    failed: fails,
    succeeded: (username, address) => void keys.delete(accountKey(username, address)),
  };
}
