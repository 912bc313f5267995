/** The crowd_movement event: what jumped and by how much, in words and measured details. */
import type { RuleEvent } from '../core/types.ts';
import { sigmasAbove } from './crowd-movement-baseline.ts';
import type { CrowdLook } from './crowd-movement-prior.ts';
import type { Smoothed, Stats } from './crowd-movement.ts';

const round = (v: number, digits: number): number => Number(v.toFixed(digits));

export function movementEvent(x: Smoothed, st: Stats, look: CrowdLook | undefined, prior: 'run' | 'crush' | undefined, tMs: number, sinceMs: number): RuleEvent {
  const speedRatio = x.speed !== undefined && st.speed.median > 0 ? x.speed / st.speed.median : 0;
  const energyRatio = st.energy.median > 0 ? x.energy / st.energy.median : 0;
  const seconds = (tMs - sinceMs) / 1000;
  const bodyDetails: Record<string, number> = look
    ? { runners: look.runners, bodyHeightsPerSecond: round(look.upperSpeed, 2), turbulence: round(look.turbulence ?? 0, 2), movingShare: round(look.movingShare, 2) }
    : {};
  if (prior === 'run' && look) {
    return {
      type: 'crowd_movement',
      tMs,
      score: Math.min(1, look.upperSpeed / 3),
      message: `sudden collective movement: ${look.runners} persons running (${look.upperSpeed.toFixed(1)} body heights/s) for ${seconds.toFixed(1)} s`,
      details: { ...bodyDetails, branch: 'run' },
    };
  }
  if (prior === 'crush' && look) {
    return {
      type: 'crowd_movement',
      tMs,
      score: Math.min(1, (look.turbulence ?? 0) * look.movingShare * 2),
      message: `crowd pressing and surging: ${Math.round(look.movingShare * 100)} % of the view moving, turbulence ${(look.turbulence ?? 0).toFixed(2)} for ${seconds.toFixed(1)} s`,
      details: { ...bodyDetails, branch: 'crush' },
    };
  }
  return {
    type: 'crowd_movement',
    tMs,
    score: Math.min(1, Math.max(speedRatio, energyRatio) / 8),
    message: `sudden collective movement: motion ${energyRatio.toFixed(1)}x, speed ${speedRatio.toFixed(1)}x the usual for ${seconds.toFixed(1)} s`,
    details: {
      branch: 'baseline',
      energyRatio: round(energyRatio, 2),
      speedRatio: round(speedRatio, 2),
      energySigmas: round(sigmasAbove(x.energy, st.energy), 1),
      divergencePerSecond: round(x.divergence ?? 0, 2),
      movingFraction: round(x.movingFraction, 4),
      coherence: round(x.coherence, 2),
    },
  };
}

