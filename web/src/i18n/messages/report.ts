/**
 * Catalogue group "report" (see ../catalog.ts): the evaluation report screen and the declaration of
 * an event the system missed. French and English side by side.
 */
import type { Section } from '../translate.ts';

export const report = {
  title: { fr: "Rapport d'évaluation", en: 'Evaluation report' },
  navReport: { fr: 'Rapport', en: 'Report' },
  from: { fr: 'Du', en: 'From' },
  to: { fr: 'Au (exclu)', en: 'To (excluded)' },
  show: { fr: 'Afficher', en: 'Show' },
  downloadHtml: { fr: 'Télécharger (HTML imprimable)', en: 'Download (printable HTML)' },
  downloadCsv: { fr: 'Télécharger (CSV)', en: 'Download (CSV)' },
  periodHint: { fr: 'Jours en temps universel (UTC), du premier inclus au dernier exclu', en: 'Days in universal time (UTC), the first included, the last excluded' },
  camerasAnalysed: { fr: 'Caméras analysées : {count}, {hours} h analysées', en: 'Cameras analysed: {count}, {hours} h analysed' },
  colType: { fr: 'Type', en: 'Type' },
  colSignals: { fr: 'Signalements', en: 'Signals' },
  colConfirmed: { fr: 'Confirmés', en: 'Confirmed' },
  colFalse: { fr: 'Fausses alertes', en: 'False alarms' },
  colDuplicates: { fr: 'Doublons', en: 'Duplicates' },
  colPending: { fr: 'En attente', en: 'Pending' },
  colPrecision: { fr: 'Précision', en: 'Precision' },
  colMeanAck: { fr: 'Délai moyen', en: 'Mean time to acknowledge' },
  colP95Ack: { fr: 'Délai (95e centile)', en: 'Time to acknowledge (p95)' },
  colMissed: { fr: 'Manqués déclarés', en: 'Missed declared' },
  total: { fr: 'Total', en: 'Total' },
  outages: {
    fr: 'Pannes : {failed} ({failedTime}) ; reconnexions : {reconnecting} ({reconnectingTime})',
    en: 'Failures: {failed} ({failedTime}); reconnections: {reconnecting} ({reconnectingTime})',
  },
  people: {
    fr: 'Opérateurs et superviseurs : {accounts} ; habilitations en vigueur : {habilitated} ; retirées : {withdrawn} ; formations manquantes : {missing}',
    en: 'Operators and supervisors: {accounts}; habilitations in force: {habilitated}; withdrawn: {withdrawn}; trainings missing: {missing}',
  },
  authorisationsNotRecorded: { fr: 'Autorisations : non enregistrées', en: 'Authorisations: not recorded' },
  authorisations: { fr: 'Autorisations : {count} ; arrêts d’urgence : {kills}', en: 'Authorisations: {count}; kill switches: {kills}' },
  journalOk: { fr: 'Journal intègre ({count} entrées, signé jusqu’à l’entrée {seq})', en: 'Journal intact ({count} entries, signed through entry {seq})' },
  journalBroken: { fr: 'Journal rompu à l’entrée {seq} : {reason}', en: 'Journal broken at entry {seq}: {reason}' },
  badPeriod: { fr: 'La fin doit venir après le début', en: 'The end must come after the start' },
  declare: { fr: 'Déclarer un événement manqué', en: 'Declare a missed event' },
  declareHint: {
    fr: 'Un événement réel que Vigie n’a pas signalé : il est compté dans le rapport d’évaluation',
    en: 'A real event Vigie did not signal: the evaluation report counts it',
  },
  camera: { fr: 'Caméra', en: 'Camera' },
  type: { fr: 'Type d’événement', en: 'Event type' },
  at: { fr: 'Heure approximative', en: 'Approximate time' },
  note: { fr: 'Ce qui s’est passé', en: 'What happened' },
  submit: { fr: 'Déclarer', en: 'Declare' },
  cancel: { fr: 'Annuler', en: 'Cancel' },
  declared: { fr: 'Événement manqué déclaré', en: 'Missed event declared' },
  noCamera: { fr: 'Aucune caméra', en: 'No camera' },
} as const satisfies Section;
