/**
 * The person count of a whole run (the eval's estimatedCount): the median, over the analysed
 * frames that carry a 'crowd.count' extra, of its frameCount (persons in the union of the crowd
 * zones, or in the whole frame for a camera without one).
 */
import { getExtra, type Extras } from '../../rules/extras.ts';
import { CROWD_COUNT, type CrowdCount } from './crowd-analyzer.ts';
import { median } from './stats.ts';

/** Undefined when no frame had a count (crowd_density not enabled, or no frame analysed). */
export function scenarioCountEstimate(counts: readonly (CrowdCount | undefined)[]): number | undefined {
  const values = counts.flatMap((c) => (c ? [c.frameCount] : []));
  return values.length === 0 ? undefined : median(values);
}

export interface CountCollector {
  /** Call with each analysed frame's extras. */
  add(extras: Extras | undefined): void;
  estimate(): number | undefined;
}

export function createCountCollector(): CountCollector {
  const counts: CrowdCount[] = [];
  return {
    add(extras) {
      const c = getExtra(extras, CROWD_COUNT);
      if (c) counts.push(c);
    },
    estimate: () => scenarioCountEstimate(counts),
  };
}
