/**
 * The eight event types by name, in French and English, for what the server writes itself (the
 * evaluation report, the public notice, the evidence export). The console has its own catalogue
 * (web/src/i18n/messages/events.ts) with the same names.
 */
import type { Lang } from './lang.ts';
import type { EventType } from './types.ts';

export const EVENT_NAMES: Readonly<Record<EventType, Readonly<Record<Lang, string>>>> = {
  abandoned_object: { fr: 'Objet abandonné', en: 'Abandoned object' },
  weapon: { fr: 'Arme', en: 'Weapon' },
  wrong_way: { fr: 'Contresens', en: 'Wrong way' },
  intrusion: { fr: 'Intrusion', en: 'Intrusion' },
  person_down: { fr: 'Personne au sol', en: 'Person down' },
  crowd_movement: { fr: 'Mouvement de foule', en: 'Crowd movement' },
  crowd_density: { fr: 'Densité excessive', en: 'Crowd density' },
  fire: { fr: 'Départ de feu', en: 'Fire' },
};

/** An event type's name, or the code itself when it is not one of the eight (a newer store). */
export function eventName(type: string, lang: Lang): string {
  return Object.hasOwn(EVENT_NAMES, type) ? EVENT_NAMES[type as EventType][lang] : type;
}
