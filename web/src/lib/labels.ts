/** Display names of the decree 2023-828 event types, statuses, zone kinds. */
import type { AlertStatus, EventType } from '../api/types.ts';
import { EVENT_TYPES } from '../../../src/core/types.ts';

export { EVENT_TYPES };

export const EVENT_LABELS: Record<EventType, string> = {
  abandoned_object: 'Abandoned object',
  weapon: 'Weapon',
  wrong_way: 'Wrong way',
  intrusion: 'Intrusion',
  person_down: 'Person on the ground',
  crowd_movement: 'Crowd movement',
  crowd_density: 'Crowd density',
  fire: 'Fire start',
};

/** What the decree describes, shown as a hint in the camera form. */
export const EVENT_HINTS: Record<EventType, string> = {
  abandoned_object: 'Presence of abandoned objects',
  weapon: 'Presence or use of weapons',
  wrong_way: 'A person or vehicle not following the direction of traffic (needs a flow zone)',
  intrusion: 'Presence or intrusion in a forbidden or sensitive zone (needs a forbidden zone)',
  person_down: 'A person on the ground after a fall',
  crowd_movement: 'Crowd movement',
  crowd_density: 'Excessive density of persons (needs a crowd zone)',
  fire: 'Fire starts',
};

/**
 * The outcomes of the verification of an alert (the "levée de doute": looking at the images to
 * confirm or dismiss it). The API codes stay; only these words are shown.
 */
export const STATUS_LABELS: Record<AlertStatus, string> = {
  new: 'To qualify',
  confirmed: 'Confirmed',
  false_alarm: 'False alarm',
  duplicate: 'Duplicate',
};

/** The name of the verification step, kept in French as operators say it. */
export const VERIFICATION_LABEL = 'Levée de doute';

/** One colour per event type, shared by the queue, the overlays and the charts. */
export const EVENT_COLORS: Record<EventType, string> = {
  abandoned_object: '#e0a030',
  weapon: '#ef4f5f',
  wrong_way: '#b37feb',
  intrusion: '#ff7a45',
  person_down: '#ffd666',
  crowd_movement: '#36cfc9',
  crowd_density: '#5b8ff9',
  fire: '#ff4d4f',
};

export function eventLabel(type: string): string {
  return (EVENT_LABELS as Record<string, string>)[type] ?? type;
}
