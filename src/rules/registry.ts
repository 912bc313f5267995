/**
 * Event type -> rule. Explicit on purpose: a type absent here raises nothing, whatever the config
 * enables, until its rule is written.
 */
import type { EventType } from '../core/types.ts';
import type { Rule } from './rule.ts';
import { intrusionRule } from './intrusion.ts';
import { wrongWayRule } from './wrong-way.ts';

export const RULES: Partial<Record<EventType, Rule<unknown>>> = {
  intrusion: intrusionRule,
  wrong_way: wrongWayRule,
};

/** The rules for a camera's enabled events, in the order given, each once; unknown types are skipped. */
export function rulesFor(events: readonly EventType[]): Rule<unknown>[] {
  return [...new Set(events)].flatMap((type) => {
    const rule = RULES[type];
    return rule ? [rule] : [];
  });
}
