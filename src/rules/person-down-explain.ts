/**
 * Why person_down has or has not fired: a pure function of the rule's state (the last look at each
 * person, kept as a few numbers), for `vigie analyze --trace` and `vigie eval --explain`.
 */
import type { RuleExplanation, RuleSubject } from './rule.ts';
import { FALL, type DownLack, type FallTuning } from './person-down-evidence.ts';
import type { FallLook, FallTrack, PersonDownState } from './person-down.ts';

const f2 = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : 'inf');
const s1 = (ms: number): string => (ms / 1000).toFixed(1);

function lackText(lack: DownLack, look: FallLook, k: FallTuning): string {
  switch (lack) {
    case 'low':
      return `top down ${f2(look.descent)} of standing height, needs ${k.downDescent}`;
    case 'place':
      return `lies away from where it stood (not under the upright box nor beside the fall's last box)`;
    case 'length':
      return `span ${f2(look.span)} of standing height, needs ${FALL.minSpan} (or a wide box cut by the frame edge, or an end-on pose)`;
    case 'flat':
      return `not flat: w/h ${f2(look.aspect)}, needs ${FALL.flatAspect} (or height <= ${FALL.flatShrink}, or a torso >= ${FALL.flatTorsoDeg} deg)`;
    case 'bent':
      return `hips high above the feet in the pose: bending over`;
  }
}

/** Reason and rank (higher is closer to firing) of one person. */
function judge(t: FallTrack, nowMs: number, downMs: number, k: FallTuning): { phase: string; reason: string; rank: number } {
  const look = t.look;
  if (t.phase === 'down') {
    const forMs = nowMs - (t.downSinceMs ?? nowMs);
    if (t.alerted) return { phase: 'down', reason: `down for ${s1(forMs)} s: alerted`, rank: 3 };
    const seen = t.lastBodyMs === undefined ? 'body not seen' : `body seen ${s1(nowMs - t.lastBodyMs)} s ago, in ${t.bodyFrames}/${t.downFrames} frames`;
    const up = t.upFrames > 0 ? `, getting up (${t.upFrames} frames)` : '';
    return { phase: 'down', reason: `down for ${s1(forMs)} s of ${s1(downMs)} s; ${seen}${up}`, rank: 2 + Math.min(0.99, forMs / Math.max(1, downMs)) };
  }
  if (t.phase === 'falling') {
    const left = FALL.fallMaxMs - (nowMs - (t.onsetMs ?? nowMs));
    const why = look?.lack ? `${look.via} box: ${lackText(look.lack, look, k)}` : 'body not seen';
    return { phase: 'falling', reason: `falling, ${s1(Math.max(0, left))} s left to reach the ground; ${why}`, rank: 1 + Math.min(0.99, Math.max(0, look?.descent ?? 0)) };
  }
  if (!look) return { phase: 'standing', reason: `no upright reference (not seen standing upright, sure and at least ${k.minRefHeight} of the frame high, in the last seconds)`, rank: 0 };
  return {
    phase: 'standing',
    reason: `top down ${f2(look.descent)} of standing height, a fall starts at ${FALL.fallStartDescent} with a shorter or wide box`,
    rank: Math.min(0.99, Math.max(0, look.descent)),
  };
}

export function explainPersonDown(state: PersonDownState, downMs: number, k: FallTuning): RuleExplanation {
  const nowMs = state.tMs ?? 0;
  const judged = [...state.tracks].map(([id, t]) => ({ id: `track:${id}`, ...judge(t, nowMs, downMs, k) }));
  const subjects: RuleSubject[] = judged.map(({ id, phase, reason }) => ({ id, phase, reason }));
  const best = judged.reduce<(typeof judged)[number] | undefined>((a, b) => (!a || b.rank > a.rank ? b : a), undefined);
  return { reason: best ? `${best.id}: ${best.phase}, ${best.reason}` : 'no person tracked', subjects };
}
