/**
 * The words of the evidence export (evidence-bundle.ts), French and English side by side: the
 * archive is written in the deployment's language. Placeholders `{name}` are filled there.
 */
import type { Words } from '../core/alert-facts-words.ts';
import type { AlertStatus } from '../store/types.ts';

export const EVIDENCE_WORDS = {
  title: { fr: 'Éléments de preuve Vigie : alerte {event} {id}', en: 'Vigie evidence: {event} alert {id}' },
  factLine: { fr: '{label} : {text}', en: '{label}: {text}' },
  recordedAt: { fr: 'Alerte enregistrée le : {at}', en: 'Alert recorded at: {at}' },
  status: { fr: 'Statut : {status}', en: 'Status: {status}' },
  notQualified: { fr: 'pas encore qualifiée', en: 'not qualified yet' },
  qualified: { fr: '{status} par {by} le {at}', en: '{status} by {by} at {at}' },
  qualifiedNote: { fr: '{status} par {by} le {at} (note : {note})', en: '{status} by {by} at {at} (note: {note})' },
  snapshotFile: { fr: "snapshot.jpg : l'image analysée, cadre et zone dessinés.", en: 'snapshot.jpg: the analysed frame, box and zone drawn.' },
  clipFile: {
    fr: "clip.mp4 : environ 5 s avant et après ; le cadre, une bordure rouge au moment de l'alerte et l'heure de chaque image (fuseau du serveur) incrustés.",
    en: 'clip.mp4: about 5 s before and after; the box, a red border at the alert moment and the wall-clock time (server time zone) burnt in.',
  },
  missing: { fr: 'Manquant : {file}', en: 'Missing: {file}' },
  missingFile: { fr: '{file} (non enregistré ou supprimé)', en: '{file} (not recorded or deleted)' },
  exported: {
    fr: 'Exporté le {at} par {by}. SHA-256 de chaque fichier dans manifest.json et SHA256SUMS.',
    en: 'Exported at {at} by {by}. SHA-256 of each file in manifest.json and SHA256SUMS.',
  },
} as const satisfies Record<string, Words>;

/** The outcome of the levée de doute. */
export const STATUS_WORDS: Readonly<Record<AlertStatus, Words>> = {
  new: { fr: 'à qualifier', en: 'new' },
  confirmed: { fr: 'confirmé', en: 'confirmed' },
  false_alarm: { fr: 'fausse alerte', en: 'false alarm' },
  duplicate: { fr: 'doublon', en: 'duplicate' },
};
