/**
 * Catalogue group "queue" (see ../catalog.ts): the alert queue, its rows, filters, keyboard help
 * and the system alerts above it. French and English side by side.
 */
import type { Section } from '../translate.ts';

export const queue = {
  title: { fr: 'Alertes', en: 'Alerts' },
  summary: { fr: '{alerts} en {items}', en: '{alerts} in {items}' },
  alertCount: { fr: { one: '{count}{more} alerte', other: '{count}{more} alertes' }, en: { one: '{count}{more} alert', other: '{count}{more} alerts' } },
  itemCount: { fr: { one: '{count} élément', other: '{count} éléments' }, en: { one: '{count} item', other: '{count} items' } },
  empty: { fr: 'Aucune alerte ne correspond à ces filtres.', en: 'No alert matches these filters.' },
  emptyHint: { fr: 'Les nouvelles alertes apparaissent ici en direct, avec un signal sonore.', en: 'New alerts appear here live, with a sound cue.' },
  listLabel: { fr: 'Alertes à qualifier, les plus urgentes en premier', en: 'Alerts to qualify first, most urgent first' },

  // Notices after a key or a button.
  noSelection: { fr: 'Aucune alerte sélectionnée : choisissez-en une (clic, ou j/k).', en: 'No alert selected: choose one first (click, or j/k).' },
  alreadyQualified: { fr: 'Déjà qualifiée : {status}', en: 'Already qualified: {status}' },
  qualifiedOne: { fr: '{status} : {message}.', en: '{status}: {message}.' },
  qualifiedMany: { fr: '{status} ({count} alertes) : {message}.', en: '{status} ({count} alerts): {message}.' },
  refused: { fr: 'Refus : {reasons}.', en: 'Refused: {reasons}.' },
  next: { fr: 'Suivante : {event}, {camera}.', en: 'Next: {event}, {camera}.' },
  nothingLeft: { fr: 'Plus rien à qualifier.', en: 'Nothing left to qualify.' },
  qualifyFailed: { fr: 'Qualification impossible : {error}', en: 'Could not qualify: {error}' },

  // One row.
  priority_1: { fr: 'Critique', en: 'Critical' },
  priority_2: { fr: 'Haute', en: 'High' },
  priority_3: { fr: 'Normale', en: 'Normal' },
  groupCountHint: {
    fr: { one: '{count} alerte d’un même événement en cours', other: '{count} alertes d’un même événement en cours' },
    en: { one: '{count} alert of one ongoing event', other: '{count} alerts of one ongoing event' },
  },
  rowZone: { fr: 'zone {zone}', en: 'zone {zone}' },
  open: { fr: 'Ouvrir', en: 'Open' },
  openHint: { fr: 'Ouvrir (Entrée)', en: 'Open (Enter)' },
  imagePurged: { fr: 'Image supprimée', en: 'Image purged' },
  imagePurgedHint: {
    fr: 'Image et vidéo supprimées à la fin de leur durée de conservation ; l’alerte est conservée',
    en: 'Image and clip deleted at the end of their retention period; the alert is kept',
  },
  qualifyHint: { fr: '{status} ({key})', en: '{status} ({key})' },
  qualifyAllHint: { fr: '{status}, les {count} ({key})', en: '{status}, all {count} ({key})' },

  // Filters.
  filters: { fr: 'Filtres des alertes', en: 'Alert filters' },
  filterType: { fr: 'Type', en: 'Type' },
  allTypes: { fr: 'Tous les types', en: 'All types' },
  filterCamera: { fr: 'Caméra', en: 'Camera' },
  allCameras: { fr: 'Toutes les caméras', en: 'All cameras' },
  filterStatus: { fr: 'Statut', en: 'Status' },
  allStatuses: { fr: 'Tous les statuts', en: 'All statuses' },
  filterPeriod: { fr: 'Période', en: 'Period' },
  range1h: { fr: 'Dernière heure', en: 'Last hour' },
  range24h: { fr: 'Dernières 24 h', en: 'Last 24 h' },
  range7d: { fr: '7 derniers jours', en: 'Last 7 days' },
  rangeAll: { fr: 'Depuis le début', en: 'All time' },
  rangeCustom: { fr: 'Personnalisée…', en: 'Custom…' },
  filterFrom: { fr: 'Du', en: 'From' },
  filterTo: { fr: 'Au', en: 'To' },

  // Keyboard help.
  keyboard: { fr: 'Clavier', en: 'Keyboard' },
  keyMove: { fr: 'alerte suivante / précédente', en: 'next / previous alert' },
  keyEnter: { fr: 'Entrée', en: 'Enter' },
  keyOpen: { fr: 'ouvrir l’alerte', en: 'open the alert' },
  keyConfirmed: { fr: 'confirmé (l’élément sélectionné, toutes ses répétitions)', en: 'confirmed (the selected item, all its repeats)' },
  keyFalseAlarm: { fr: 'fausse alerte', en: 'false alarm' },
  keyDuplicate: { fr: 'doublon', en: 'duplicate' },
  keyFilters: { fr: 'filtres', en: 'filters' },
  keyScreens: { fr: 'alertes, direct, caméras, tableau de bord', en: 'alerts, live view, cameras, dashboard' },

  // System alerts, from their kind and target (never the server's English sentence).
  systemAlerts: { fr: 'Alertes système', en: 'System alerts' },
  system_camera_lost: { fr: 'Caméra perdue', en: 'Camera lost' },
  system_store_failed: { fr: 'Alertes non enregistrées', en: 'Alerts not stored' },
  system_disk_low: { fr: 'Disque presque plein', en: 'Disk nearly full' },
  systemCameraLost: { fr: 'caméra {camera} : plus aucune image analysée', en: 'camera {camera}: no frame analysed' },
  systemDiskFree: { fr: '{free} Mo libres dans {dir}', en: '{free} MB free in {dir}' },
  systemDiskDir: { fr: 'dossier de données {dir}', en: 'data folder {dir}' },
  systemSnapshotsFailed: {
    fr: 'l’image d’une alerte n’a pas pu être écrite (disque plein ?) : les alertes continuent sans leur image',
    en: 'the snapshot of an alert could not be written (disk full?): alerts go on without their image',
  },
  systemStoreFailed: { fr: 'conservées en mémoire, enregistrées dès que le disque a de la place', en: 'kept in memory, stored when the disk has room' },
  systemStoreFailedWhy: {
    fr: '{reason} : conservées en mémoire, enregistrées dès que le disque a de la place',
    en: '{reason}: kept in memory, stored when the disk has room',
  },
  systemSince: { fr: 'depuis {time}', en: 'since {time}' },
  unstoredShown: { fr: { one: '{count} alerte affichée mais', other: '{count} alertes affichées mais' }, en: { one: '{count} alert shown but', other: '{count} alerts shown but' } },
  unstoredNotStored: { fr: { one: 'non enregistrée', other: 'non enregistrées' }, en: { one: 'not stored', other: 'not stored' } },
  /** Follows the bold words; French puts a no-break space before the colon. */
  unstoredWhy: {
    fr: {
      one: '\u00a0: le serveur ne peut pas écrire (disque plein ?). Elle est conservée en mémoire et sera enregistrée dès que possible.',
      other: '\u00a0: le serveur ne peut pas écrire (disque plein ?). Elles sont conservées en mémoire et seront enregistrées dès que possible.',
    },
    en: {
      one: ': the server cannot write (disk full?). It is kept in memory and stored when it can.',
      other: ': the server cannot write (disk full?). They are kept in memory and stored when it can.',
    },
  },
} as const satisfies Section;
