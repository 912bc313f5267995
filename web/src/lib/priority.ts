/**
 * Priority of an alert by its type: what an operator must look at first. The documented order
 * (docs/console.md): 1 critical (a life at stake: weapon, fire, person on the ground), 2 high
 * (someone where they must not be, a crowd moving or too dense), 3 normal (abandoned object, wrong
 * way). Within a level, the order of PRIORITY_ORDER. Pure.
 */
import type { EventType } from '../api/types.ts';
import type { Translate } from '../i18n/translator.ts';

export type Priority = 1 | 2 | 3;

/** Every event type, most urgent first. */
export const PRIORITY_ORDER: readonly EventType[] = [
  'weapon',
  'fire',
  'person_down',
  'intrusion',
  'crowd_movement',
  'crowd_density',
  'abandoned_object',
  'wrong_way',
];

export const PRIORITY: Readonly<Record<EventType, Priority>> = {
  weapon: 1,
  fire: 1,
  person_down: 1,
  intrusion: 2,
  crowd_movement: 2,
  crowd_density: 2,
  abandoned_object: 3,
  wrong_way: 3,
};

/** The level in words (catalogue group "queue"). */
export function priorityLabel(priority: Priority, t: Translate): string {
  return t(`queue.priority_${priority}`);
}

/** Sort key of a type: lower is more urgent (the level first, then the order above). */
export function typeRank(type: EventType): number {
  return PRIORITY[type] * 100 + PRIORITY_ORDER.indexOf(type);
}
