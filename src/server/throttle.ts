/**
 * At most one call per key per interval: the first goes at once, later ones within the interval
 * collapse into one trailing call with the latest value. cancel() drops what is pending.
 */
export interface KeyedThrottle<T> {
  push(key: string, value: T): void;
  cancel(): void;
}

export function createKeyedThrottle<T>(intervalMs: number, emit: (key: string, value: T) => void): KeyedThrottle<T> {
  const lastAt = new Map<string, number>();
  const pending = new Map<string, { value: T; timer: NodeJS.Timeout }>();
  const fire = (key: string, value: T): void => {
    lastAt.set(key, Date.now());
    emit(key, value);
  };
  return {
    push(key, value) {
      const waiting = pending.get(key);
      if (waiting) {
        waiting.value = value;
        return;
      }
      const waitMs = (lastAt.get(key) ?? -Infinity) + intervalMs - Date.now();
      if (waitMs <= 0) return fire(key, value);
      const timer = setTimeout(() => {
        const p = pending.get(key);
        pending.delete(key);
        if (p) fire(key, p.value);
      }, waitMs);
      timer.unref();
      pending.set(key, { value, timer });
    },
    cancel() {
      for (const p of pending.values()) clearTimeout(p.timer);
      pending.clear();
    },
  };
}
