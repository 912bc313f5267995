/**
 * Catalogue group "detail" (see ../catalog.ts): one alert's screen, its levée de doute (the
 * qualification panel), the decision history with a supervisor's correction, the evidence clip
 * and export. French and English side by side.
 */
import type { Section } from '../translate.ts';

export const detail = {
  back: { fr: 'Alertes', en: 'Queue' },
  backHint: { fr: 'Retour aux alertes (Échap)', en: 'Back to the queue (Esc)' },
  snapshotAlt: { fr: 'Image de l’alerte {type}, cadre de détection et zone dessinés', en: 'Snapshot of the {type} alert, detection box and zone drawn' },
  snapshotCaption: { fr: 'Image analysée (cadre et zone dessinés)', en: 'Snapshot of the analysed frame (box and zone drawn)' },
  imagePurged: { fr: 'Image supprimée : durée de conservation des images dépassée (l’alerte est conservée).', en: 'Image purged: past the retention period of images (the alert is kept).' },
  facts: { fr: 'Constatations', en: 'Facts' },
  ruleParams: { fr: 'Paramètres de la règle', en: 'Rule parameters' },
  ruleDefaults: { fr: 'Valeurs par défaut.', en: 'Defaults.' },

  // The evidence clip and the export.
  clip: { fr: 'Vidéo de preuve', en: 'Evidence clip' },
  clipChecking: { fr: 'Recherche de la vidéo de preuve…', en: 'Looking for the evidence clip…' },
  clipEncoding: { fr: 'Encodage de la vidéo de preuve (environ 5 s après l’alerte)…', en: 'Encoding the evidence clip (about 5 s after the alert)…' },
  clipNone: { fr: 'Pas de vidéo de preuve pour cette alerte.', en: 'No evidence clip for this alert.' },
  clipPurged: { fr: 'Vidéo de preuve supprimée : durée de conservation des images dépassée.', en: 'Evidence clip purged: past the retention period of images.' },
  clipUnavailable: { fr: 'Vidéo indisponible : {reason}', en: 'Clip unavailable: {reason}' },
  clipTimeout: { fr: 'la vidéo n’est toujours pas encodée après 3 min', en: 'the clip is still not encoded after 3 min' },
  clipUnknownError: { fr: 'erreur inconnue', en: 'unknown error' },
  clipCaption: {
    fr: 'Vidéo de preuve, environ 5 s avant et après l’alerte : cadre, bordure rouge au moment de l’alerte, heure de chaque image',
    en: 'Evidence clip, about 5 s before and after the alert: box, red border at the alert moment, time of each frame',
  },
  export: { fr: 'Exporter les preuves (.zip)', en: 'Export evidence (.zip)' },
  exportWaiting: { fr: 'La vidéo est encore en cours d’encodage', en: 'The clip is still being encoded' },
  exportHint: { fr: 'Image, vidéo, constatations et un manifeste avec l’empreinte SHA-256 de chaque fichier', en: 'Snapshot, clip, facts and a manifest with the SHA-256 of each file' },

  // The levée de doute (its name is events.verification).
  qualification: { fr: 'Qualification', en: 'Qualification' },
  qualifyHeading: { fr: '{step} : qualifier cette alerte', en: '{step}: qualify this alert' },
  notQualifiedReadOnly: { fr: 'Pas encore qualifiée (accès en lecture seule).', en: 'Not qualified yet (read-only access).' },
  qualifiedAt: { fr: 'Qualifiée le', en: 'Qualified at' },
  qualifiedBy: { fr: 'Par', en: 'By' },
  ackTime: { fr: 'Délai de prise en compte', en: 'Time to acknowledge' },
  note: { fr: 'Note de suivi', en: 'Follow-up note' },
  optional: { fr: '(facultative)', en: '(optional)' },
  notePlaceholder: { fr: 'Mesure prise, patrouille envoyée, contexte…', en: 'Action taken, patrol sent, context…' },
  nextPending: { fr: 'Suivante à qualifier : {label}', en: 'Next pending: {label}' },
  nextLabel: { fr: '{event}, {camera}', en: '{event}, {camera}' },
  nextLabelRepeats: { fr: '{event}, {camera} (×{count})', en: '{event}, {camera} (×{count})' },
  noOtherPending: { fr: 'Aucune autre alerte à qualifier.', en: 'No other alert to qualify.' },

  // The decision history and a supervisor's correction.
  history: { fr: 'Historique des décisions', en: 'Decision history' },
  correctedFrom: { fr: '(corrigé, auparavant : {status})', en: '(corrected from {status})' },
  decidedAtBy: { fr: '{at}, par {by}', en: '{at}, by {by}' },
  correctTitle: { fr: 'Corriger la décision', en: 'Correct the decision' },
  correctWho: { fr: '(superviseur)', en: '(supervisor)' },
  correctStatus: { fr: 'Nouveau statut', en: 'New status' },
  correctWhy: { fr: 'Motif', en: 'Why' },
  correctWhyHint: { fr: '(obligatoire, conservé dans l’historique)', en: '(required, kept in the history)' },
  correct: { fr: 'Corriger', en: 'Correct' },
} as const satisfies Section;
