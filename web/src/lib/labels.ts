/**
 * Display names of the decree 2023-828 event types and of the alert statuses, from the catalogue
 * (i18n/messages/events.ts), and one colour per event type. The API codes stay; only words change.
 */
import type { AlertStatus, EventType } from '../api/types.ts';
import { EVENT_TYPES } from '../../../src/core/types.ts';
import type { Translate } from '../i18n/translator.ts';

export { EVENT_TYPES };

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

const isEventType = (type: string): type is EventType => (EVENT_TYPES as readonly string[]).includes(type);

/** The event's name; an unknown code (a newer server) shows as itself. */
export function eventLabel(type: string, t: Translate): string {
  return isEventType(type) ? t(`events.${type}`) : type;
}

/** What the decree describes, shown as a hint in the camera form. */
export function eventHint(type: EventType, t: Translate): string {
  return t(`events.hint_${type}`);
}

/** The outcome of the verification ("levée de doute") in words. */
export function statusLabel(status: AlertStatus, t: Translate): string {
  return t(`events.status_${status}`);
}
