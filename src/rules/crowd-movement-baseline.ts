/**
 * Robust running statistics for crowd_movement: a time window of samples, and its median and
 * robust sigma (1.4826 x the median absolute deviation: the standard deviation for Gaussian data,
 * unmoved by the occasional outlier frame). Pure: every update returns a new window.
 */

export interface TimedValue {
  readonly tMs: number;
  readonly value: number;
}

export interface RobustStats {
  readonly median: number;
  /** The PEAK_QUANTILE quantile of the window: how high the signal ordinarily goes. */
  readonly peak: number;
  /** 1.4826 x MAD, floored (see robustStats). */
  readonly sigma: number;
  readonly count: number;
  /** Time between the oldest and the newest sample. */
  readonly spanMs: number;
}

/** The window with `sample` appended and samples older than `windowMs` before it dropped. */
export function pushWindow(window: readonly TimedValue[], sample: TimedValue, windowMs: number): TimedValue[] {
  const start = sample.tMs - windowMs;
  let first = 0;
  while (first < window.length && window[first]!.tMs < start) first++;
  return [...window.slice(first), sample];
}

/** Quantile of the window reported as RobustStats.peak. */
export const PEAK_QUANTILE = 0.95;

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The q-quantile (0..1) by the nearest rank; 0 for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/**
 * Median and robust sigma of the window. Sigma is floored at `relFloor` x |median| and `absFloor`:
 * a perfectly steady signal (MAD 0) must not make every small wobble "many sigmas".
 */
export function robustStats(window: readonly TimedValue[], relFloor: number, absFloor: number): RobustStats {
  const values = window.map((s) => s.value);
  const med = median(values);
  const mad = median(values.map((v) => Math.abs(v - med)));
  const spanMs = window.length > 1 ? window[window.length - 1]!.tMs - window[0]!.tMs : 0;
  return {
    median: med,
    peak: quantile(values, PEAK_QUANTILE),
    sigma: Math.max(1.4826 * mad, relFloor * Math.abs(med), absFloor),
    count: values.length,
    spanMs,
  };
}

/** How many robust sigmas `value` lies above the median. */
export function sigmasAbove(value: number, stats: RobustStats): number {
  return (value - stats.median) / stats.sigma;
}
