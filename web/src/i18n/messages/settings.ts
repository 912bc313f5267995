/** Catalogue group "settings" (see ../catalog.ts): the webhooks and their delivery log. French and English side by side. */
import type { Section } from '../translate.ts';

export const settings = {
  title: { fr: 'Paramètres', en: 'Settings' },
  webhooks: { fr: 'Webhooks', en: 'Webhooks' },
  /** {signature} and {delivery} are the header names, shown as code. */
  intro: {
    fr: 'Chaque alerte est envoyée (POST, en JSON) à chaque webhook qui en suit le type, signée par {signature} et identifiée par {delivery} (le même à chaque nouvelle tentative et à chaque renvoi). Une livraison en échec est retentée pendant environ deux heures (10 s, 30 s, 1 min, 5 min, 15 min, 30 min, 1 h).',
    en: 'Each alert is POSTed as JSON to every webhook that wants its type, signed with {signature} and identified by {delivery} (the same at every retry and re-send). Failed deliveries are retried for about two hours (10 s, 30 s, 1 min, 5 min, 15 min, 30 min, 1 h).',
  },
  confirmDelete: { fr: 'Supprimer le webhook vers {url} et son journal des livraisons ?', en: 'Delete the webhook to {url} and its delivery log?' },
  newWebhook: { fr: 'Nouveau webhook', en: 'New webhook' },
  /** {url} and {secret} are shown as code. */
  created: {
    fr: 'Webhook vers {url} ajouté. Son secret, affiché uniquement maintenant : {secret}',
    en: 'Webhook to {url} added. Its secret, shown only now: {secret}',
  },
  warning: { fr: 'Attention : {warning}', en: 'Warning: {warning}' },
  done: { fr: 'Terminé', en: 'Done' },
  noWebhook: { fr: 'Aucun webhook pour le moment.', en: 'No webhook yet.' },
  url: { fr: 'URL', en: 'URL' },
  events: { fr: 'Événements', en: 'Events' },
  added: { fr: 'Ajouté le', en: 'Added' },
  actions: { fr: 'Actions', en: 'Actions' },
  allEvents: { fr: 'tous', en: 'all' },
  sendTest: { fr: 'Envoyer un test', en: 'Send test' },
  deliveryLog: { fr: 'Journal des livraisons', en: 'Delivery log' },
  refresh: { fr: 'Actualiser', en: 'Refresh' },
  noDelivery: { fr: 'Aucune livraison pour le moment.', en: 'No delivery yet.' },
  queuedAt: { fr: 'Mise en file', en: 'Queued' },
  what: { fr: 'Objet', en: 'What' },
  state: { fr: 'État', en: 'State' },
  lastAnswer: { fr: 'Dernière réponse', en: 'Last answer' },
  deliveryId: { fr: 'Identifiant de livraison', en: 'Delivery id' },
  deliveryTest: { fr: 'test', en: 'test' },
  deliveryAlert: { fr: 'alerte', en: 'alert' },
  resend: { fr: 'Renvoyer', en: 'Re-send' },
  addTitle: { fr: 'Ajouter un webhook', en: 'Add a webhook' },
  urlHint: { fr: '(http:// ou https://)', en: '(http:// or https://)' },
  urlExample: { fr: 'https://exemple.fr/vigie', en: 'https://example.org/vigie' },
  eventsDelivered: { fr: 'Événements livrés', en: 'Events delivered' },
  eventsDeliveredHint: { fr: '(aucun coché : tous)', en: '(none ticked: all)' },
  add: { fr: 'Ajouter le webhook', en: 'Add webhook' },
  // The state of one delivery (lib/deliveries.ts).
  attempts: { fr: { one: '{count} tentative', other: '{count} tentatives' }, en: { one: '{count} attempt', other: '{count} attempts' } },
  stateDelivered: { fr: 'Livrée {ago} ({attempts})', en: 'Delivered {ago} ({attempts})' },
  stateFailed: { fr: 'Échec après {attempts}', en: 'Failed after {attempts}' },
  stateQueued: { fr: 'En attente', en: 'Queued' },
  stateRetry: { fr: 'Nouvelle tentative dans {wait} (déjà {attempts})', en: 'Retry in {wait} ({attempts} so far)' },
} as const satisfies Section;
