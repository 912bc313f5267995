/**
 * weapon: a person seen holding a weapon in weaponMinFrames of their last weaponWindowFrames
 * closer looks (analyzers/weapon). One alert per person track; an ID switch of an alerted person
 * (a new track where the alerted one was, within MARK_MS) inherits the alert (dedup.ts).
 * Per-track state is dropped as soon as the track is gone.
 */
import type { Detection, RuleEvent, Track } from '../core/types.ts';
import { unionBox } from '../core/geometry.ts';
import { WEAPON_LOOKS, type WeaponLook } from '../analyzers/weapon/weapon-analyzer.ts';
import { duplicateOf, markOf, pruneMarks, putMark, type AlertMark } from './dedup.ts';
import { getExtra } from './extras.ts';
import type { Observation, Rule, RuleContext, RuleExplanation, RuleStep, RuleSubject } from './rule.ts';

/** How long an alerted person's mark suppresses alerts of a new track at the same place. */
export const MARK_MS = 30_000;
const MARK_ZONE = 'weapon';

export interface PersonLooks {
  /** Latest looks, oldest first: the best held weapon, or null when none was seen. */
  readonly looks: readonly (Detection | null)[];
  readonly alerted: boolean;
}

export interface WeaponState {
  readonly persons: ReadonlyMap<number, PersonLooks>;
  readonly marks: readonly AlertMark[];
}

function event(track: Track, look: WeaponLook, seen: readonly Detection[], windowLooks: number): RuleEvent {
  const best = seen.reduce((a, b) => (b.score > a.score ? b : a));
  const name = best.label.replace('_', ' ');
  return {
    type: 'weapon',
    tMs: look.tMs,
    trackId: track.id,
    box: unionBox(look.personBox, best.box),
    score: best.score,
    message: `${name} held by a person (seen in ${seen.length} of the last ${windowLooks} looks)`,
    details: { weapon: best.label, seen: seen.length, looks: windowLooks },
  };
}

export function stepWeapon(state: WeaponState, obs: Observation, ctx: RuleContext): RuleStep<WeaponState> {
  const { tMs } = obs;
  const { weaponMinFrames, weaponWindowFrames } = ctx.params;
  const byId = new Map(obs.tracks.map((t) => [t.id, t]));
  const persons = new Map([...state.persons].filter(([id]) => byId.has(id)));
  let marks = pruneMarks(state.marks, tMs, MARK_MS);
  const events: RuleEvent[] = [];
  for (const look of getExtra(obs.extras, WEAPON_LOOKS)?.looks ?? []) {
    const track = byId.get(look.trackId);
    if (!track) continue;
    const prev = persons.get(look.trackId) ?? { looks: [], alerted: duplicateOf(marks, MARK_ZONE, track, tMs, MARK_MS) !== undefined };
    const looks = [...prev.looks, look.weapons[0] ?? null].slice(-weaponWindowFrames);
    const seen = looks.filter((d): d is Detection => d !== null);
    let alerted = prev.alerted;
    if (!alerted && seen.length >= weaponMinFrames) {
      events.push(event(track, look, seen, looks.length));
      alerted = true;
    }
    persons.set(look.trackId, { looks, alerted });
  }
  for (const [id, p] of persons) if (p.alerted) marks = putMark(marks, markOf(MARK_ZONE, byId.get(id)!, tMs));
  return { state: { persons, marks }, events };
}

function subjectOf(id: number, p: PersonLooks, ctx: RuleContext): RuleSubject & { readonly seen: number } {
  const seen = p.looks.filter((d): d is Detection => d !== null);
  const best = seen.reduce<Detection | undefined>((a, b) => (!a || b.score > a.score ? b : a), undefined);
  const what = best ? `, best ${best.label} ${best.score.toFixed(2)}` : '';
  const counted = `held weapon in ${seen.length} of the last ${p.looks.length} looks${what}`;
  if (p.alerted) return { id: `track:${id}`, phase: 'alerted', reason: `alerted (${counted})`, seen: -1 };
  const phase = seen.length > 0 ? 'armed' : 'looked';
  return { id: `track:${id}`, phase, reason: `${counted}, needs ${ctx.params.weaponMinFrames} of ${ctx.params.weaponWindowFrames}`, seen: seen.length };
}

/** Why the rule has or has not fired: the person with the most armed looks and what it lacks. */
export function explainWeapon(state: WeaponState, ctx: RuleContext): RuleExplanation {
  const all = [...state.persons].map(([id, p]) => subjectOf(id, p, ctx));
  const subjects = all.map(({ id, phase, reason }) => ({ id, phase, reason }));
  const best = all.reduce<(typeof all)[number] | undefined>((a, b) => (!a || b.seen > a.seen ? b : a), undefined);
  const reason = best
    ? `${best.id} ${best.reason}`
    : 'no person looked at yet (confirmed persons at least 40 px tall, one look a second; firearms need a weaponDetector model)';
  return { reason, subjects };
}

export const weaponRule: Rule<WeaponState> = {
  type: 'weapon',
  init: () => ({ persons: new Map(), marks: [] }),
  step: stepWeapon,
  explain: explainWeapon,
};
