/**
 * The share of decoded frames dropped before analysis over a sliding window of wall-clock time
 * (a lifetime counter such as "4727 dropped" says nothing about now).
 */
export interface DropMeter {
  /** One analysed frame; `decoded` and `analysed` are the lifetime counts after it. */
  sample(nowMs: number, decoded: number, analysed: number): void;
  /** 0..1 over the window; 0 when the window holds fewer than two samples. */
  rate(nowMs: number): number;
}

interface Sample {
  readonly atMs: number;
  readonly decoded: number;
  readonly analysed: number;
}

export function createDropMeter(windowMs = 10_000, maxSamples = 512): DropMeter {
  const samples: Sample[] = [];
  const prune = (nowMs: number): void => {
    while (samples.length > 0 && (samples[0]!.atMs <= nowMs - windowMs || samples.length > maxSamples)) samples.shift();
  };
  return {
    sample(nowMs, decoded, analysed) {
      samples.push({ atMs: nowMs, decoded, analysed });
      prune(nowMs);
    },
    rate(nowMs) {
      prune(nowMs);
      const first = samples[0];
      const last = samples.at(-1);
      if (!first || !last || last === first) return 0;
      const decoded = last.decoded - first.decoded;
      const dropped = decoded - (last.analysed - first.analysed);
      return decoded > 0 ? Math.min(1, Math.max(0, dropped / decoded)) : 0;
    },
  };
}
