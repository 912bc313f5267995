/**
 * The report's words in the deployment's language (config console.language). The server cannot
 * import the console's catalogue (web/src/i18n), so the report keeps its own small table.
 */
import { eventName } from '../core/event-names.ts';
import type { Lang } from '../core/lang.ts';

const WORDS = {
  title: { fr: "Rapport d'évaluation", en: 'Evaluation report' },
  period: { fr: 'Période', en: 'Period' },
  generated: { fr: 'Généré le', en: 'Generated' },
  journal: { fr: 'Journal', en: 'Journal' },
  journalOk: { fr: 'intègre', en: 'ok' },
  journalBroken: { fr: 'rompu', en: 'broken' },
  signedThrough: { fr: "signé jusqu'à l'entrée", en: 'signed through entry' },
  entries: { fr: 'entrées', en: 'entries' },
  cameras: { fr: 'Caméras et heures analysées', en: 'Cameras and hours analysed' },
  camera: { fr: 'Caméra', en: 'Camera' },
  camerasAnalysed: { fr: 'Caméras analysées', en: 'Cameras analysed' },
  hours: { fr: 'Heures analysées', en: 'Hours analysed' },
  events: { fr: "Signalements par type d'événement", en: 'Signals per event type' },
  type: { fr: 'Type', en: 'Type' },
  signals: { fr: 'Signalements', en: 'Signals' },
  confirmed: { fr: 'Confirmés', en: 'Confirmed' },
  falseAlarms: { fr: 'Fausses alertes', en: 'False alarms' },
  duplicates: { fr: 'Doublons', en: 'Duplicates' },
  pending: { fr: 'En attente', en: 'Pending' },
  precision: { fr: 'Précision', en: 'Precision' },
  meanAck: { fr: 'Délai moyen de prise en compte', en: 'Mean time to acknowledge' },
  p95Ack: { fr: 'Délai de prise en compte (95e centile)', en: 'Time to acknowledge (p95)' },
  missed: { fr: 'Événements manqués déclarés', en: 'Missed events declared' },
  total: { fr: 'Total', en: 'Total' },
  outages: { fr: 'Arrêts et pannes', en: 'Stops and outages' },
  failed: { fr: 'Caméra en panne', en: 'Camera failed' },
  reconnecting: { fr: 'Caméra en reconnexion', en: 'Camera reconnecting' },
  count: { fr: 'Nombre', en: 'Count' },
  duration: { fr: 'Durée totale', en: 'Total duration' },
  systemAlerts: { fr: 'Alertes système', en: 'System alerts' },
  camera_lost: { fr: 'Caméra perdue', en: 'Camera lost' },
  disk_low: { fr: 'Disque presque plein', en: 'Disk nearly full' },
  store_failed: { fr: 'Écriture impossible', en: 'Store failed' },
  people: { fr: 'Personnes habilitées et formées', en: 'Habilitated and trained users' },
  accounts: { fr: 'Opérateurs et superviseurs', en: 'Operators and supervisors' },
  habilitated: { fr: 'Habilitations en vigueur', en: 'Habilitations in force' },
  withdrawn: { fr: 'Habilitations retirées', en: 'Habilitations withdrawn' },
  trainingMissing: { fr: 'Formations manquantes', en: 'Trainings missing' },
  authorisations: { fr: 'Autorisations et arrêts d’urgence', en: 'Authorisations and kill switches' },
  notRecorded: { fr: 'non enregistré', en: 'not recorded' },
  reference: { fr: 'Référence', en: 'Reference' },
  authority: { fr: 'Autorité', en: 'Authority' },
  start: { fr: 'Début', en: 'Start' },
  end: { fr: 'Fin', en: 'End' },
  revoked: { fr: 'Abrogée', en: 'Revoked' },
  killSwitches: { fr: "Arrêts d'urgence", en: 'Kill switches' },
  scope: { fr: 'Portée', en: 'Scope' },
  engaged: { fr: 'Enclenché', en: 'Engaged' },
  by: { fr: 'Par', en: 'By' },
  why: { fr: 'Motif', en: 'Why' },
  released: { fr: 'Relâché', en: 'Released' },
  yes: { fr: 'oui', en: 'yes' },
  no: { fr: 'non', en: 'no' },
  none: { fr: 'aucun', en: 'none' },
  chart: { fr: 'Signalements, confirmés et fausses alertes', en: 'Signals, confirmed and false alarms' },
} as const satisfies Record<string, Readonly<Record<Lang, string>>>;

export type ReportWord = keyof typeof WORDS;

export function reportWords(lang: Lang): (w: ReportWord) => string {
  return (w) => WORDS[w][lang];
}

/** An event type's name, or the type itself when it is not one of the eight. */
export function typeName(lang: Lang, type: string): string {
  return eventName(type, lang);
}
