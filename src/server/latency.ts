/** Keeps the last N latency samples and gives percentiles (alert: analysed frame -> WebSocket send). */
import { percentile } from '../core/percentile.ts';

export interface LatencyRecorder {
  record(ms: number): void;
  summary(): LatencySummary;
}

export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly maxMs: number | null;
}

/** Nearest-rank percentile of sorted values (src/core/percentile.ts). */
export { percentile };

export function createLatencyRecorder(maxSamples = 1000): LatencyRecorder {
  const samples: number[] = [];
  return {
    record(ms) {
      samples.push(ms);
      if (samples.length > maxSamples) samples.shift();
    },
    summary() {
      const sorted = [...samples].sort((a, b) => a - b);
      return { count: sorted.length, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted.at(-1) ?? null };
    },
  };
}
