/**
 * Event type -> rule. Explicit on purpose: a type absent here raises nothing, whatever the config
 * enables, until its rule is written.
 */
import type { EventType } from '../core/types.ts';
import type { Rule } from './rule.ts';
import { intrusionRule } from './intrusion.ts';
import { wrongWayRule } from './wrong-way.ts';
import { fireRule } from './fire.ts';
import { weaponRule } from './weapon.ts';
import { personDownRule } from './person-down.ts';
import { crowdMovementRule } from './crowd-movement.ts';
import { abandonedObjectRule } from './abandoned-object.ts';
import { crowdDensityRule } from './crowd-density.ts';

export const RULES: Partial<Record<EventType, Rule<unknown>>> = {
  intrusion: intrusionRule,
  wrong_way: wrongWayRule,
  fire: fireRule,
  weapon: weaponRule,
  person_down: personDownRule,
  crowd_movement: crowdMovementRule,
  abandoned_object: abandonedObjectRule,
  crowd_density: crowdDensityRule,
};

/** The rules for a camera's enabled events, in the order given, each once; unknown types are skipped. */
export function rulesFor(events: readonly EventType[]): Rule<unknown>[] {
  return [...new Set(events)].flatMap((type) => {
    const rule = RULES[type];
    return rule ? [rule] : [];
  });
}
