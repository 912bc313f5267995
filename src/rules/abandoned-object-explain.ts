/**
 * abandoned_object, why it has or has not fired: per held object what it lacks (time in place, shown
 * often enough, not a person or a vehicle, nobody near for unattendedSeconds), and the static blob
 * that came closest to being taken for an object, with its cues against the evidence needed.
 */
import type { Box } from '../core/types.ts';
import { evidenceSum } from './abandoned-object-cues.ts';
import type { NearMiss } from './abandoned-object-evidence.ts';
import { isPersonLike, isVehicleLike, MIN_SHOWN, MIN_STILL_MS, type HeldObject } from './abandoned-object-held.ts';
import type { AbandonedObjectState } from './abandoned-object.ts';
import type { RuleContext, RuleExplanation, RuleSubject } from './rule.ts';

const s1 = (ms: number): string => (ms / 1000).toFixed(1);
const at = (b: Box): string => `[${[b.x1, b.y1, b.x2, b.y2].map((v) => v.toFixed(2)).join(', ')}]`;

function subjectOf(o: HeldObject, tMs: number, unattendedMs: number): RuleSubject & { readonly closeness: number } {
  const id = `object:${o.id}`;
  const what = `${o.bagScore > 0 ? 'bag' : 'object'} at ${at(o.box)}`;
  const aloneMs = tMs - Math.max(o.firstMs, o.lastAttendedMs ?? o.firstMs);
  const ev = `evidence bag ${o.evidence.bag.toFixed(1)}, person ${o.evidence.person.toFixed(1)}, vehicle ${o.evidence.vehicle.toFixed(1)}`;
  if (o.alerted) return { id, phase: 'alerted', reason: `${what}: alerted`, closeness: 0 };
  if (isPersonLike(o)) return { id, phase: 'person', reason: `${what}: a person (${ev})`, closeness: 0 };
  if (isVehicleLike(o)) return { id, phase: 'vehicle', reason: `${what}: a vehicle that drove in (${ev})`, closeness: 0 };
  const stillMs = tMs - o.firstMs;
  if (stillMs < MIN_STILL_MS) return { id, phase: 'settling', reason: `${what}: in place ${s1(stillMs)} s, needs ${s1(MIN_STILL_MS)} s`, closeness: 0.1 };
  if (o.matches < MIN_SHOWN * o.frames)
    return { id, phase: 'flickering', reason: `${what}: shown in ${o.matches} of ${o.frames} frames, needs ${MIN_SHOWN * 100} %`, closeness: 0.1 };
  const phase = aloneMs < 0.5 * unattendedMs && o.lastAttendedMs !== undefined && tMs - o.lastAttendedMs < 400 ? 'attended' : 'unattended';
  const reason = `${what}: nobody near for ${s1(aloneMs)} s, needs ${s1(unattendedMs)} s`;
  return { id, phase, reason, closeness: 0.2 + 0.8 * Math.min(1, aloneMs / Math.max(1, unattendedMs)) };
}

function nearMissLine(m: NearMiss, minEvidence: number): string {
  const c = m.cues;
  const parts = `outline ${c.outline.toFixed(2)} + stand-out ${c.stand.toFixed(2)} + texture ${c.texture.toFixed(2)} + bag ${c.bag.toFixed(2)}`;
  return `static blob at ${at(m.box)} not taken for an object: ${parts} = ${evidenceSum(c).toFixed(2)}, needs ${minEvidence}`;
}

export function explainAbandonedObject(state: AbandonedObjectState, ctx: RuleContext): RuleExplanation {
  const tMs = state.tMs ?? 0;
  const all = state.objects.map((o) => subjectOf(o, tMs, ctx.params.unattendedSeconds * 1000));
  const subjects: RuleSubject[] = all.map(({ id, phase, reason }) => ({ id, phase, reason }));
  if (state.nearMiss) subjects.push({ id: 'blob', phase: 'weak', reason: nearMissLine(state.nearMiss, ctx.params.abandonedMinEvidence) });
  const best = all.reduce<(typeof all)[number] | undefined>((a, b) => (!a || b.closeness > a.closeness ? b : a), undefined);
  const reason = best
    ? `${best.id} ${best.reason}`
    : state.nearMiss
      ? nearMissLine(state.nearMiss, ctx.params.abandonedMinEvidence)
      : 'no new static object (no bag detection where the scene changed, no static blob shaped like a carried thing)';
  return { reason, subjects };
}
