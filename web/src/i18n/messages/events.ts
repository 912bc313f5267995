/**
 * Catalogue group "events" (see ../catalog.ts): the decree 2023-828 event types, what the decree
 * says of each, and the outcomes of the verification. French and English side by side.
 */
import type { Section } from '../translate.ts';

export const events = {
  abandoned_object: { fr: 'Objet abandonné', en: 'Abandoned object' },
  weapon: { fr: 'Arme', en: 'Weapon' },
  wrong_way: { fr: 'Contresens', en: 'Wrong way' },
  intrusion: { fr: 'Intrusion', en: 'Intrusion' },
  person_down: { fr: 'Personne au sol', en: 'Person on the ground' },
  crowd_movement: { fr: 'Mouvement de foule', en: 'Crowd movement' },
  crowd_density: { fr: 'Densité excessive', en: 'Crowd density' },
  fire: { fr: 'Départ de feu', en: 'Fire start' },
  hint_abandoned_object: { fr: "Présence d'objets abandonnés", en: 'Presence of abandoned objects' },
  hint_weapon: { fr: "Présence ou utilisation d'armes", en: 'Presence or use of weapons' },
  hint_wrong_way: {
    fr: "Personne ou véhicule ne respectant pas le sens de circulation (il faut une zone de sens)",
    en: 'A person or vehicle not following the direction of traffic (needs a flow zone)',
  },
  hint_intrusion: {
    fr: 'Présence ou intrusion dans une zone interdite ou sensible (il faut une zone interdite)',
    en: 'Presence or intrusion in a forbidden or sensitive zone (needs a forbidden zone)',
  },
  hint_person_down: { fr: 'Personne au sol à la suite d’une chute', en: 'A person on the ground after a fall' },
  hint_crowd_movement: { fr: 'Mouvement de foule', en: 'Crowd movement' },
  hint_crowd_density: { fr: 'Densité trop importante de personnes (il faut une zone de foule)', en: 'Excessive density of persons (needs a crowd zone)' },
  hint_fire: { fr: 'Départs de feux', en: 'Fire starts' },
  status_new: { fr: 'À qualifier', en: 'To qualify' },
  status_confirmed: { fr: 'Confirmé', en: 'Confirmed' },
  status_false_alarm: { fr: 'Fausse alerte', en: 'False alarm' },
  status_duplicate: { fr: 'Doublon', en: 'Duplicate' },
  /** The verification step: looking at the images to confirm or dismiss an alert. */
  verification: { fr: 'Levée de doute', en: 'Verification (levée de doute)' },
} as const satisfies Section;
