/** The median of the recent crowd estimates, per zone and for the whole analysed region. */
import type { BlobScaleSource, CrowdEstimate, ZoneCount } from './estimate.ts';
import type { ScaleModel } from './scale.ts';
import { median } from './stats.ts';

export interface CrowdCount {
  /** Media time of the latest estimate behind this value. */
  readonly tMs: number;
  /** Median count over the union of the crowd zones, or the whole frame when there is none. */
  readonly frameCount: number;
  /** Median of the detector's share of it. */
  readonly detected: number;
  /** Median count per crowd zone, with its density where the zone has an areaM2. */
  readonly zones: readonly ZoneCount[];
  /** Estimates in the window. */
  readonly samples: number;
  /** Where the head-blob scale of the latest estimate came from. */
  readonly scaleFrom: BlobScaleSource;
  /** Person width (fraction of the frame width) of the highest and lowest detected people; absent before the scale is known. */
  readonly personWidth?: { readonly top: number; readonly bottom: number };
}


export function smoothEstimates(history: readonly { readonly tMs: number; readonly estimate: CrowdEstimate }[], scale: ScaleModel | null): CrowdCount | undefined {
  const last = history.at(-1);
  if (!last) return undefined;
  const zones = last.estimate.zones.map((z): ZoneCount => {
    const count = median(history.map((h) => h.estimate.zones.find((q) => q.zoneId === z.zoneId)?.count ?? 0));
    return z.areaM2 ? { zoneId: z.zoneId, count, density: count / z.areaM2, areaM2: z.areaM2 } : { zoneId: z.zoneId, count };
  });
  return {
    tMs: last.tMs,
    frameCount: median(history.map((h) => h.estimate.frameCount)),
    detected: median(history.map((h) => h.estimate.detected)),
    zones,
    samples: history.length,
    scaleFrom: last.estimate.scaleFrom,
    ...(scale ? { personWidth: { top: scale.knots[0]!.w, bottom: scale.knots.at(-1)!.w } } : {}),
  };
}
