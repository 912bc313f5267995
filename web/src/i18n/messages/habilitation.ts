/**
 * Catalogue group "habilitation" (see ../catalog.ts): who may view alerts and live video (decree
 * 2023-828: a habilitation by an authority and two trainings), the refusal a screen shows and the
 * panel where an admin records them. French and English side by side.
 */
import type { Section } from '../translate.ts';

export const habilitation = {
  // The refusal on the alert queue, an alert and the live view
  refusedLead: {
    fr: 'Vous ne pouvez pas voir les alertes, leurs images ni la vidéo en direct :',
    en: 'You cannot view alerts, their images or live video:',
  },
  refused_not_habilitated: { fr: 'votre compte n’a pas d’habilitation enregistrée.', en: 'your account has no habilitation recorded.' },
  refused_habilitation_withdrawn: {
    fr: 'votre habilitation a été retirée le {at} par {by} (motif : {why}).',
    en: 'your habilitation was withdrawn on {at} by {by} (reason: {why}).',
  },
  refused_habilitation_expired: { fr: 'votre habilitation a expiré le {at}.', en: 'your habilitation expired on {at}.' },
  refused_training_missing: { fr: 'formation manquante : {trainings}.', en: 'training missing: {trainings}.' },
  refusedWhy: {
    fr: 'La loi (décret 2023-828) réserve ces images aux agents habilités individuellement et formés à la protection des données et à l’utilisation de l’outil.',
    en: 'The law (decree 2023-828) keeps these images for agents individually habilitated and trained in data protection and in the use of the tool.',
  },
  refusedAskAdmin: {
    fr: 'Un administrateur enregistre votre habilitation et vos formations dans l’écran Comptes.',
    en: 'An administrator records your habilitation and trainings in the Accounts screen.',
  },
  refusedSelfAdmin: { fr: 'Enregistrer votre habilitation et vos formations (écran Comptes)', en: 'Record your habilitation and trainings (Accounts screen)' },
  checking: { fr: 'Vérification de votre habilitation…', en: 'Checking your habilitation…' },

  // Trainings
  kind_data_protection: { fr: 'protection des données', en: 'data protection' },
  kind_tool_use: { fr: 'utilisation de l’outil', en: 'use of the tool' },

  // Status in the accounts list
  column: { fr: 'Habilitation', en: 'Habilitation' },
  statusOk: { fr: 'habilité', en: 'habilitated' },
  status_not_habilitated: { fr: 'non habilité', en: 'not habilitated' },
  status_habilitation_withdrawn: { fr: 'retirée', en: 'withdrawn' },
  status_habilitation_expired: { fr: 'expirée', en: 'expired' },
  status_training_missing: { fr: 'formation manquante', en: 'training missing' },
  manage: { fr: 'Habilitation', en: 'Habilitation' },
  manageOf: { fr: 'Habilitation et formations de {username}', en: 'Habilitation and trainings of {username}' },

  // The panel
  current: { fr: 'Habilitation accordée par {authority}, réf. {reference}, le {date}', en: 'Habilitation granted by {authority}, ref. {reference}, on {date}' },
  expires: { fr: 'expire le {date}', en: 'expires on {date}' },
  recorded: { fr: 'enregistrée par {by} le {at}', en: 'recorded by {by} on {at}' },
  withdrawnOn: { fr: 'Retirée le {at} par {by} : {why}', en: 'Withdrawn on {at} by {by}: {why}' },
  none: { fr: 'Aucune habilitation enregistrée.', en: 'No habilitation recorded.' },
  grantTitle: { fr: 'Enregistrer l’habilitation', en: 'Record the habilitation' },
  authority: { fr: 'Autorité qui habilite', en: 'Habilitating authority' },
  reference: { fr: 'Référence de la décision', en: 'Decision reference' },
  grantedOn: { fr: 'Date de la décision', en: 'Date of the decision' },
  expiresOn: { fr: 'Expire le (facultatif)', en: 'Expires on (optional)' },
  grant: { fr: 'Enregistrer l’habilitation', en: 'Record habilitation' },
  granted: { fr: 'Habilitation de {username} enregistrée.', en: 'Habilitation of {username} recorded.' },
  withdrawTitle: { fr: 'Retirer l’habilitation', en: 'Withdraw the habilitation' },
  why: { fr: 'Motif du retrait', en: 'Reason for withdrawal' },
  withdraw: { fr: 'Retirer l’habilitation', en: 'Withdraw habilitation' },
  withdrawnNotice: { fr: 'Habilitation de {username} retirée : son accès aux images est coupé.', en: 'Habilitation of {username} withdrawn: their access to images is cut.' },
  trainingsTitle: { fr: 'Formations suivies', en: 'Trainings followed' },
  noTraining: { fr: 'Aucune formation enregistrée.', en: 'No training recorded.' },
  training: { fr: '{kind} le {date}, par {trainer}', en: '{kind} on {date}, by {trainer}' },
  trainingRef: { fr: 'réf. {reference}', en: 'ref. {reference}' },
  kind: { fr: 'Formation', en: 'Training' },
  trainedOn: { fr: 'Date de la formation', en: 'Training date' },
  trainer: { fr: 'Formateur ou organisme', en: 'Trainer or organisation' },
  trainingReference: { fr: 'Référence (facultatif)', en: 'Reference (optional)' },
  addTraining: { fr: 'Enregistrer la formation', en: 'Record training' },
  removeTraining: { fr: 'Supprimer', en: 'Remove' },
  confirmRemoveTraining: { fr: 'Supprimer cette formation enregistrée par erreur ?', en: 'Remove this training recorded by mistake?' },
  viewingOk: { fr: 'Peut voir les alertes et la vidéo en direct.', en: 'May view alerts and live video.' },
  viewingRefused: { fr: 'Ne peut pas voir les alertes ni la vidéo en direct : {why}', en: 'Cannot view alerts or live video: {why}' },
  journaled: { fr: 'Chaque changement est inscrit au journal.', en: 'Each change is written to the journal.' },
  close: { fr: 'Fermer', en: 'Close' },
} as const satisfies Section;
