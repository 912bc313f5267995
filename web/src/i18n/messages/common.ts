/** Catalogue group "common" (see ../catalog.ts): words shared by several screens. French and English side by side. */
import type { Section } from '../translate.ts';

export const common = {
  agoNow: { fr: "à l'instant", en: 'just now' },
  agoSeconds: { fr: 'il y a {count} s', en: '{count} s ago' },
  agoMinutes: { fr: 'il y a {count} min', en: '{count} min ago' },
  agoHours: { fr: 'il y a {count} h', en: '{count} h ago' },
  agoDays: { fr: 'il y a {count} j', en: '{count} d ago' },
  language: { fr: 'Langue', en: 'Language' },
  languageName: { fr: 'Français', en: 'English' },
  switchLanguage: { fr: 'English', en: 'Français' },
  switchLanguageHint: { fr: 'Show the console in English', en: 'Afficher la console en français' },
  save: { fr: 'Enregistrer', en: 'Save' },
  cancel: { fr: 'Annuler', en: 'Cancel' },
  delete: { fr: 'Supprimer', en: 'Delete' },
  retry: { fr: 'Réessayer', en: 'Retry' },
  loading: { fr: 'Chargement…', en: 'Loading…' },
  close: { fr: 'Fermer', en: 'Close' },
  yes: { fr: 'Oui', en: 'Yes' },
  no: { fr: 'Non', en: 'No' },
} as const satisfies Section;
