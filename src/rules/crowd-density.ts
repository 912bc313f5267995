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
import type { Observation, Rule, RuleContext, RuleExplanation, RuleStep, RuleSubject } from './rule.ts';

export interface ZoneDensityState {
  readonly armed: boolean;
  /** The latest measure and its time (for explain). */
  readonly last?: Measure & { readonly tMs: number };
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

/** The zone's next state, and whether it alerts now (see the file comment). */
function stepZone(prev: ZoneDensityState, measured: Measure, zone: Zone & { maxPersonsPerM2: number }, tMs: number, ctx: RuleContext): { next: ZoneDensityState; fire: boolean } {
  const holdMs = ctx.params.crowdDensityHoldSeconds * 1000;
  const rearmMs = ctx.params.crowdDensityRearmSeconds * 1000;
  const m = { ...measured, tMs };
  if (prev.armed) {
    if (m.density <= zone.maxPersonsPerM2) return { next: { armed: true, last: m }, fire: false };
    const aboveSinceMs = prev.aboveSinceMs ?? tMs;
    if (tMs - aboveSinceMs >= holdMs) return { next: { armed: false, last: m }, fire: true };
    return { next: { armed: true, aboveSinceMs, last: m }, fire: false };
  }
  if (m.density >= ctx.params.crowdDensityRearmRatio * zone.maxPersonsPerM2) return { next: { armed: false, last: m }, fire: false };
  const belowSinceMs = prev.belowSinceMs ?? tMs;
  return { next: tMs - belowSinceMs >= rearmMs ? { armed: true, last: m } : { armed: false, belowSinceMs, last: m }, fire: false };
}

export function stepCrowdDensity(state: CrowdDensityState, obs: Observation, ctx: RuleContext): RuleStep<CrowdDensityState> {
  const { tMs } = obs;
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
    const { next, fire } = stepZone(prev, m, zone, tMs, ctx);
    if (fire) events.push(event(zone, m, tMs - (prev.aboveSinceMs ?? tMs), tMs));
    zones.set(zone.id, next);
  }
  return { state: { zones }, events };
}

const f2 = (v: number): string => v.toFixed(2);

function explainZone(zone: Zone & { areaM2: number; maxPersonsPerM2: number }, z: ZoneDensityState | undefined, ctx: RuleContext): RuleSubject & { closeness: number } {
  const id = `zone:${zone.id}`;
  const limit = zone.maxPersonsPerM2;
  const m = z?.last;
  if (!z || !m) return { id, phase: 'waiting', reason: `zone ${zone.id}: no count yet`, closeness: 0 };
  const now = `about ${Math.round(m.count)} persons, ${f2(m.density)} per m²`;
  if (!z.armed) {
    const rearm = ctx.params.crowdDensityRearmRatio * limit;
    const under = z.belowSinceMs === undefined ? '' : `, under it for ${((m.tMs - z.belowSinceMs) / 1000).toFixed(1)} s of ${ctx.params.crowdDensityRearmSeconds} s`;
    return { id, phase: 'alerted', reason: `zone ${zone.id}: alerted, ${now}; re-arms under ${f2(rearm)} per m²${under}`, closeness: 0 };
  }
  if (z.aboveSinceMs !== undefined) {
    const held = (m.tMs - z.aboveSinceMs) / 1000;
    return { id, phase: 'above', reason: `zone ${zone.id}: ${now}, over the limit ${limit} for ${held.toFixed(1)} s of ${ctx.params.crowdDensityHoldSeconds} s`, closeness: 1 };
  }
  return { id, phase: 'under', reason: `zone ${zone.id}: ${now}, limit ${limit} (${Math.round((m.density / limit) * 100)} % of it)`, closeness: m.density / limit };
}

/** Why crowd_density has or has not fired: per watched zone, its density against its limit and hold. */
export function explainCrowdDensity(state: CrowdDensityState, ctx: RuleContext): RuleExplanation {
  const subjects = ctx.zones.filter(watched).map((zone) => explainZone(zone, state.zones.get(zone.id), ctx));
  if (subjects.length === 0) return { reason: 'no crowd zone with areaM2 and maxPersonsPerM2: nothing is judged', subjects: [] };
  const closest = subjects.reduce((a, b) => (b.closeness > a.closeness ? b : a));
  return { reason: closest.reason, subjects: subjects.map(({ id, phase, reason }) => ({ id, phase, reason })) };
}

export const crowdDensityRule: Rule<CrowdDensityState> = {
  type: 'crowd_density',
  init: () => ({ zones: new Map() }),
  step: stepCrowdDensity,
  explain: explainCrowdDensity,
};
