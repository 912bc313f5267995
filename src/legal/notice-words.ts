/** The words of the public notice (src/legal/notice.ts), French and English side by side. */
import type { Lang } from '../core/lang.ts';
import { say } from '../core/alert-facts-words.ts';

const WORDS = {
  title: { fr: 'Vidéoprotection : traitement algorithmique des images', en: 'Video protection: algorithmic processing of images' },
  lead: {
    fr: 'Les images des caméras de vidéoprotection de ce périmètre sont analysées par un logiciel pour signaler certains événements à des agents, qui décident des suites à donner. Le logiciel ne décide de rien.',
    en: 'The images of the video-protection cameras of this area are analysed by software that signals some events to agents, who decide what follows. The software decides nothing.',
  },
  who: { fr: 'Responsable du traitement', en: 'Controller' },
  contact: { fr: 'Contact', en: 'Contact' },
  dpo: { fr: 'Délégué à la protection des données', en: 'Data protection officer' },
  missing: { fr: 'à compléter (configuration legal.operator)', en: 'to be completed (configuration legal.operator)' },
  basis: { fr: 'Base légale', en: 'Legal basis' },
  basisText: {
    fr: 'Article 10 de la loi n° 2023-380 du 19 mai 2023 ; décret n° 2023-828 du 28 août 2023 ; arrêté {reference} pris par {authority}.',
    en: 'Article 10 of law no. 2023-380 of 19 May 2023; decree no. 2023-828 of 28 August 2023; order {reference} issued by {authority}.',
  },
  period: { fr: 'Période autorisée', en: 'Authorised period' },
  periodText: { fr: 'du {from} au {to}', en: 'from {from} to {to}' },
  revoked: { fr: 'Autorisation révoquée le {at}', en: 'Authorisation revoked on {at}' },
  demo: { fr: 'DÉMONSTRATION : cette autorisation n’a aucune valeur légale.', en: 'DEMONSTRATION: this authorisation has no legal value.' },
  area: { fr: 'Zone concernée', en: 'Area covered' },
  cameras: { fr: 'Caméras', en: 'Cameras' },
  events: { fr: 'Événements signalés', en: 'Events signalled' },
  never: { fr: 'Ce qui n’est jamais fait', en: 'What is never done' },
  neverText: {
    fr: 'Aucune reconnaissance faciale, aucune donnée biométrique, aucun rapprochement avec d’autres fichiers, aucun suivi d’une personne d’une caméra à l’autre. Un signalement indique quoi, où et quand, jamais qui.',
    en: 'No facial recognition, no biometric data, no link with other files, no following of a person from one camera to another. A signal says what, where and when, never who.',
  },
  retention: { fr: 'Conservation', en: 'Retention' },
  retentionText: {
    fr: 'Images liées à un signalement : {media} jours au plus. Signalements : {signals} jours au plus. Journal des accès : {journal} jours.',
    en: 'Images attached to a signal: {media} days at most. Signals: {signals} days at most. Access journal: {journal} days.',
  },
  rights: { fr: 'Vos droits', en: 'Your rights' },
  rightsText: {
    fr: 'Vous pouvez demander l’accès aux images vous concernant, dans la limite de leur durée de conservation, et exercer vos droits auprès du responsable du traitement (contact ci-dessus). Vous pouvez adresser une réclamation à la CNIL (www.cnil.fr).',
    en: 'You may ask for access to the images concerning you, within their retention period, and exercise your rights with the controller (contact above). You may lodge a complaint with the CNIL (www.cnil.fr).',
  },
  printed: { fr: 'Avis édité le {at}', en: 'Notice printed on {at}' },
} as const satisfies Record<string, Readonly<Record<Lang, string>>>;

export type NoticeWord = keyof typeof WORDS;

/** The word in the language, its `{name}` placeholders filled. */
export function noticeWords(lang: Lang): (w: NoticeWord, params?: Readonly<Record<string, string | number>>) => string {
  return (w, params = {}) => say(WORDS[w], lang, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])));
}
