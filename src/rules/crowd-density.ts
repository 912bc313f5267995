/**
 * crowd_density: the estimated persons per m² of a 'crowd' zone (with areaM2 and maxPersonsPerM2)
 * stays above maxPersonsPerM2 for crowdDensityHoldSeconds.
 *
 * The count comes from the crowd analyzer ('crowd.count' extra: tiled detection plus head blobs,
 * median-smoothed; src/analyzers/crowd). Without it (replays, or before its first count), the
 * frame's person detections whose box centre lies in the zone are counted instead. Per zone, one
 * alert per episode: after alerting, the zone re-arms only once the density has stayed under
 * crowdDensityRearmRatio x maxPersonsPerM2 for crowdDensityRearmSeconds.
 */
import type { Box, RuleEvent, Zone } from '../core/types.ts';
import { boxCenter, pointInPolygon } from '../core/geometry.ts';
import { CROWD_COUNT } from '../analyzers/crowd/crowd-analyzer.ts';
import { getExtra } from './extras.ts';
import type { Observation, Rule, RuleContext, RuleStep } from './rule.ts';

export interface ZoneDensityState {
  readonly armed: boolean;
  /** Since when the density has been above the limit (armed zones). */
  readonly aboveSinceMs?: number;
  /** Since when it has been under the re-arm level (alerted zones). */
  readonly belowSinceMs?: number;
}

export interface CrowdDensityState {
  readonly zones: ReadonlyMap<string, ZoneDensityState>;
}

interface Measure {
  readonly count: number;
  readonly density: number;
}

/** Zones this rule watches: crowd zones with both an area and a limit. */
function watched(zone: Zone): zone is Zone & { areaM2: number; maxPersonsPerM2: number } {
  return zone.kind === 'crowd' && zone.areaM2 !== undefined && zone.maxPersonsPerM2 !== undefined;
}

function measure(obs: Observation, zone: Zone & { areaM2: number }): Measure | undefined {
  const counted = getExtra(obs.extras, CROWD_COUNT);
  if (counted) {
    const z = counted.zones.find((q) => q.zoneId === zone.id);
    return z ? { count: z.count, density: z.count / zone.areaM2 } : undefined;
  }
  const count = (obs.detections ?? []).filter((d) => d.label === 'person' && pointInPolygon(boxCenter(d.box), zone.polygon)).length;
  return { count, density: count / zone.areaM2 };
}

function boundsOf(zone: Zone): Box {
  const xs = zone.polygon.map((p) => p.x);
  const ys = zone.polygon.map((p) => p.y);
  return { x1: Math.min(...xs), y1: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys) };
}

function event(zone: Zone & { areaM2: number; maxPersonsPerM2: number }, m: Measure, heldMs: number, tMs: number): RuleEvent {
  const count = Math.round(m.count);
  const density = Math.round(m.density * 100) / 100;
  return {
    type: 'crowd_density',
    tMs,
    zoneId: zone.id,
    box: boundsOf(zone),
    score: Math.min(1, 0.5 + (m.density / zone.maxPersonsPerM2 - 1)),
    message:
      `about ${count} persons in zone ${zone.id}: ${density.toFixed(2)} per m² ` +
      `(limit ${zone.maxPersonsPerM2}) for ${(heldMs / 1000).toFixed(1)} s`,
    details: { count, density, areaM2: zone.areaM2 },
  };
}

export function stepCrowdDensity(state: CrowdDensityState, obs: Observation, ctx: RuleContext): RuleStep<CrowdDensityState> {
  const { tMs } = obs;
  const holdMs = ctx.params.crowdDensityHoldSeconds * 1000;
  const rearmMs = ctx.params.crowdDensityRearmSeconds * 1000;
  const zones = new Map<string, ZoneDensityState>();
  const events: RuleEvent[] = [];
  for (const zone of ctx.zones) {
    if (!watched(zone)) continue;
    const prev = state.zones.get(zone.id) ?? { armed: true };
    const m = measure(obs, zone);
    if (!m) {
      zones.set(zone.id, prev);
      continue;
    }
    if (prev.armed) {
      if (m.density <= zone.maxPersonsPerM2) {
        zones.set(zone.id, { armed: true });
        continue;
      }
      const aboveSinceMs = prev.aboveSinceMs ?? tMs;
      if (tMs - aboveSinceMs >= holdMs) {
        events.push(event(zone, m, tMs - aboveSinceMs, tMs));
        zones.set(zone.id, { armed: false });
      } else zones.set(zone.id, { armed: true, aboveSinceMs });
      continue;
    }
    if (m.density >= ctx.params.crowdDensityRearmRatio * zone.maxPersonsPerM2) {
      zones.set(zone.id, { armed: false });
      continue;
    }
    const belowSinceMs = prev.belowSinceMs ?? tMs;
    zones.set(zone.id, tMs - belowSinceMs >= rearmMs ? { armed: true } : { armed: false, belowSinceMs });
  }
  return { state: { zones }, events };
}

export const crowdDensityRule: Rule<CrowdDensityState> = {
  type: 'crowd_density',
  init: () => ({ zones: new Map() }),
  step: stepCrowdDensity,
};
