/**
 * Why crowd_movement has or has not fired: built from the gauge the rule keeps of its latest frame
 * (a few numbers: the smoothed measures and the bars they are judged against).
 */
import type { RuleExplanation, RuleSubject } from './rule.ts';
import { FULL_PRIOR, type CrowdLook } from './crowd-movement-prior.ts';

export interface Gauge {
  readonly tMs: number;
  /** Span of the speed baseline, and whether the baseline-relative tests are armed. */
  readonly baselineMs: number;
  readonly warmupMs: number;
  readonly ready: boolean;
  /** The movers' speed (1 s median) and the speed the rush test needs, frame widths per second. */
  readonly speed: number | undefined;
  readonly speedNeeded: number | undefined;
  /** Whether the prior judges this camera (it does not usually come near it). */
  readonly priorApplies: boolean;
  readonly look: CrowdLook | undefined;
}

/** The state fields explain reads. */
export interface ExplainedState {
  readonly gauge: Gauge | undefined;
  readonly excitedSinceMs: number | undefined;
  readonly alertedAtMs: number | undefined;
}

const f2 = (v: number): string => v.toFixed(2);

interface Line {
  readonly subject: RuleSubject;
  /** How close to its bar, 1 = at the bar. */
  readonly closeness: number;
}

function baselineLine(g: Gauge, phase: string): Line {
  if (!g.ready) {
    return {
      subject: { id: 'scene:baseline', phase, reason: `learning the usual motion: ${(g.baselineMs / 1000).toFixed(1)} of ${(g.warmupMs / 1000).toFixed(0)} s of movers` },
      closeness: 0,
    };
  }
  if (g.speed === undefined || g.speedNeeded === undefined) {
    return { subject: { id: 'scene:baseline', phase, reason: 'too few movers this second to measure a speed' }, closeness: 0 };
  }
  return {
    subject: { id: 'scene:baseline', phase, reason: `movers' speed ${g.speed.toFixed(3)} frame widths/s, a rush needs ${g.speedNeeded.toFixed(3)} (the usual x factor, sigmas and peaks)` },
    closeness: g.speed / g.speedNeeded,
  };
}

function priorLines(g: Gauge, phase: string): Line[] {
  const look = g.look;
  if (!look) return [{ subject: { id: 'scene:prior', phase, reason: 'no crowd motion measured (no person detections reach the rule)' }, closeness: 0 }];
  if (!g.priorApplies) {
    return [{ subject: { id: 'scene:prior', phase, reason: 'prior off: this camera usually comes near it (its baseline holds it)' }, closeness: 0 }];
  }
  const bar = FULL_PRIOR;
  const run: Line = {
    subject: {
      id: 'scene:run',
      phase,
      reason: `${look.runners} running, upper quarter at ${f2(look.upperSpeed)} body heights/s; needs ${bar.runners} at ${bar.runSpeed}`,
    },
    closeness: Math.min(look.runners / bar.runners, look.upperSpeed / bar.runSpeed),
  };
  const turbulence = look.turbulence ?? 0;
  const crush: Line = {
    subject: {
      id: 'scene:crush',
      phase,
      reason:
        `${look.persons} persons (needs ${bar.crushPersons}), ${f2(look.movingShare)} of the view moving (needs ${bar.movingShare}), ` +
        `${f2(look.personShare)} of it on persons (needs ${bar.personShare}), ` +
        `turbulence ${look.turbulence === undefined ? 'unmeasured' : f2(turbulence)} (needs ${bar.turbulence})`,
    },
    closeness: Math.min(look.persons / bar.crushPersons, look.movingShare / bar.movingShare, look.personShare / bar.personShare, turbulence / bar.turbulence),
  };
  return [run, crush];
}

export function explainCrowdMovement(state: ExplainedState): RuleExplanation {
  const g = state.gauge;
  if (!g) return { reason: 'no flow measured yet (first frame, a gap, or the camera moving)', subjects: [] };
  const phase = state.alertedAtMs !== undefined ? 'alerted' : state.excitedSinceMs !== undefined ? 'rising' : g.ready ? 'watching' : 'learning';
  const lines = [baselineLine(g, phase), ...priorLines(g, phase)];
  const closest = lines.reduce((a, b) => (b.closeness > a.closeness ? b : a));
  const head =
    phase === 'alerted'
      ? 'alerted; re-arms after 2 s under the half bars'
      : phase === 'rising'
        ? `jump under way for ${((g.tMs - state.excitedSinceMs!) / 1000).toFixed(1)} s`
        : `closest: ${closest.subject.id.replace('scene:', '')} at ${Math.round(closest.closeness * 100)} % of its bar`;
  return { reason: `${head}: ${closest.subject.reason}`, subjects: lines.map((l) => l.subject) };
}
