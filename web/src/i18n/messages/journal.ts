/**
 * Catalogue group "journal" (see ../catalog.ts): the journal screen, its actions in words (the
 * server's codes stay, shown next to them) and the names of their details. French and English side by side.
 */
import type { Section } from '../translate.ts';
import { journalActions } from './journal-actions.ts';

export const journal = {
  title: { fr: 'Journal des accès', en: 'Journal' },
  checking: { fr: 'Vérification…', en: 'Checking…' },
  check: { fr: 'Vérifier la chaîne', en: 'Check the chain' },
  exportHint: {
    fr: 'Chaque entrée avec ses empreintes, un objet JSON par ligne, puis les points de contrôle signés ; vérifiez-en une copie avec `vigie journal verify FICHIER --public-key CLÉ`',
    en: 'Every entry with its hashes, one JSON object a line, then the signed checkpoints; check a copy with `vigie journal verify FILE --public-key KEY`',
  },
  export: { fr: 'Exporter (NDJSON)', en: 'Export (NDJSON)' },
  exportCsvHint: { fr: 'Une ligne par entrée, les détails en JSON dans une colonne (tableur)', en: 'One row per entry, the details as JSON in one column (spreadsheet)' },
  exportCsv: { fr: 'Exporter (CSV)', en: 'Export (CSV)' },
  chainSigned: {
    fr: 'Signée jusqu’à l’entrée {seq} (clé {key}…).',
    en: 'Signed up to entry {seq} (key {key}…).',
  },
  chainIntact: {
    fr: { one: 'Chaîne intacte : {count} entrée, aucune modifiée, insérée ni supprimée.', other: 'Chaîne intacte : {count} entrées, aucune modifiée, insérée ni supprimée.' },
    en: { one: 'Chain intact: {count} entry, none edited, inserted or removed.', other: 'Chain intact: {count} entries, none edited, inserted or removed.' },
  },
  chainBroken: {
    fr: { one: 'Chaîne rompue à l’entrée {seq} : {reason} ({count} entrée lue).', other: 'Chaîne rompue à l’entrée {seq} : {reason} ({count} entrées lues).' },
    en: { one: 'Chain broken at entry {seq}: {reason} ({count} entry read).', other: 'Chain broken at entry {seq}: {reason} ({count} entries read).' },
  },
  account: { fr: 'Compte', en: 'Account' },
  anyAccount: { fr: 'tous', en: 'any' },
  action: { fr: 'Action', en: 'Action' },
  // The action filters.
  filterAll: { fr: 'Toutes les actions', en: 'Every action' },
  filterLogin: { fr: 'Connexions échouées et freinées', en: 'Failed and throttled sign-ins' },
  filterLive: { fr: 'Visionnages en direct', en: 'Live views' },
  filterRaised: { fr: 'Alertes déclenchées', en: 'Alerts raised' },
  filterQualify: { fr: 'Qualifications', en: 'Qualifications' },
  filterEvidence: { fr: 'Preuves consultées (image, séquence)', en: 'Evidence opened (snapshot, clip)' },
  filterPurge: { fr: 'Purges de conservation', en: 'Retention purges' },
  filterCameras: { fr: 'Caméras ajoutées, modifiées, supprimées', en: 'Cameras added, changed, removed' },
  filterAccounts: { fr: 'Comptes', en: 'Accounts' },
  filterServer: { fr: 'Démarrages et arrêts', en: 'Starts and stops' },
  // The table.
  colWhen: { fr: 'Date', en: 'When' },
  colWho: { fr: 'Qui', en: 'Who' },
  colWhat: { fr: 'Action', en: 'What' },
  colOn: { fr: 'Objet', en: 'On' },
  colDetails: { fr: 'Détails', en: 'Details' },
  system: { fr: 'système', en: 'system' },
  empty: { fr: 'Aucune entrée du journal ne correspond.', en: 'Nothing journaled matches.' },
  older: { fr: 'Entrées plus anciennes', en: 'Older entries' },
  ...journalActions,
} as const satisfies Section;
