/** Events per second over a sliding window of wall-clock time (the measured analysis fps). */
export interface RateMeter {
  tick(nowMs: number): void;
  rate(nowMs: number): number;
}

export function createRateMeter(windowMs = 2000, maxSamples = 256): RateMeter {
  const times: number[] = [];
  const prune = (nowMs: number): void => {
    while (times.length > 0 && (times[0]! <= nowMs - windowMs || times.length > maxSamples)) times.shift();
  };
  return {
    tick(nowMs) {
      times.push(nowMs);
      prune(nowMs);
    },
    rate(nowMs) {
      prune(nowMs);
      if (times.length < 2) return 0;
      const spanMs = Math.max(nowMs - times[0]!, times[times.length - 1]! - times[0]!);
      return spanMs > 0 ? Math.round(((times.length - 1) * 1000 * 10) / spanMs) / 10 : 0;
    },
  };
}
