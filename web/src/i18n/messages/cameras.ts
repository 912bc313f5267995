/** Catalogue group "cameras" (see ../catalog.ts): the camera list, the camera form and its checks. French and English side by side. */
import type { Section } from '../translate.ts';

export const cameras = {
  title: { fr: 'Caméras', en: 'Cameras' },
  configured: { fr: { one: '{count} configurée', other: '{count} configurées' }, en: { one: '{count} configured', other: '{count} configured' } },
  addCameraLink: { fr: 'Ajouter une caméra', en: 'Add camera' },
  noCameraYet: { fr: 'Aucune caméra pour l’instant.', en: 'No camera yet.' },
  addFirst: { fr: 'Ajouter la première', en: 'Add the first one' },
  colCamera: { fr: 'Caméra', en: 'Camera' },
  colSource: { fr: 'Source', en: 'Source' },
  colHealth: { fr: 'État', en: 'Health' },
  colEvents: { fr: 'Événements', en: 'Events' },
  zones: { fr: 'Zones', en: 'Zones' },
  colActions: { fr: 'Actions', en: 'Actions' },
  loopTag: { fr: 'boucle', en: 'loop' },
  noEvents: { fr: 'aucun', en: 'none' },
  edit: { fr: 'Modifier', en: 'Edit' },
  disable: { fr: 'Désactiver', en: 'Disable' },
  enable: { fr: 'Activer', en: 'Enable' },
  remove: { fr: 'Supprimer', en: 'Remove' },
  confirmRemove: { fr: 'Supprimer la caméra « {name} » ? Ses alertes restent dans l’historique.', en: 'Remove camera "{name}"? Its alerts stay in the history.' },

  eventListUnavailable: { fr: 'Liste des événements indisponible : {error}', en: 'Event list unavailable: {error}' },
  addTitle: { fr: 'Ajouter une caméra', en: 'Add a camera' },
  editTitle: { fr: 'Caméra {id}', en: 'Camera {id}' },
  source: { fr: 'Source', en: 'Source' },
  id: { fr: 'Identifiant', en: 'Id' },
  idPlaceholder: { fr: 'portail-nord', en: 'gate-north' },
  name: { fr: 'Nom affiché', en: 'Display name' },
  namePlaceholder: { fr: 'Portail nord', en: 'North gate' },
  url: { fr: 'URL du flux ou fichier', en: 'Stream URL or file' },
  urlPlaceholder: { fr: 'rtsp://utilisateur:motdepasse@10.0.0.12/stream1', en: 'rtsp://user:pass@10.0.0.12/stream1' },
  testing: { fr: 'Test en cours…', en: 'Testing…' },
  testConnection: { fr: 'Tester la connexion', en: 'Test connection' },
  connected: { fr: 'Connectée : {width}×{height}', en: 'Connected: {width}×{height}' },
  enabled: { fr: 'Activée', en: 'Enabled' },
  loop: { fr: 'Lecture en boucle (fichiers)', en: 'Loop (files)' },
  realtime: { fr: 'Cadence temps réel', en: 'Real-time pacing' },
  realtime_auto: { fr: 'auto', en: 'auto' },
  realtime_on: { fr: 'activée', en: 'on' },
  realtime_off: { fr: 'désactivée', en: 'off' },
  eventsAnalysed: { fr: 'Événements analysés', en: 'Events analysed' },
  problemsToFix: { fr: 'Problèmes à corriger', en: 'Problems to fix' },
  serverError: { fr: 'Serveur : {error}', en: 'Server: {error}' },
  later: { fr: 'Plus tard', en: 'Later' },
  saving: { fr: 'Enregistrement…', en: 'Saving…' },
  addCameraSubmit: { fr: 'Ajouter la caméra', en: 'Add camera' },
  saveChanges: { fr: 'Enregistrer les modifications', en: 'Save changes' },

  warnIntrusion: { fr: 'L’intrusion nécessite une zone interdite.', en: 'Intrusion needs a forbidden zone.' },
  warnWrongWay: { fr: 'Le contresens nécessite une zone de sens de circulation avec un sens autorisé.', en: 'Wrong way needs a flow zone with a direction.' },
  warnCrowdDensity: {
    fr: 'La densité de foule nécessite une zone de foule avec sa surface et sa densité maximale.',
    en: 'Crowd density needs a crowd zone with its area and maximum density.',
  },

  /** One problem of the form: where (a field path, kept as code) and what. */
  issueLine: { fr: '{path} : {message}', en: '{path}: {message}' },
  badId: { fr: 'identifiant de caméra : lettres, chiffres, _ et - uniquement (1 à 64)', en: 'camera id: letters, digits, _ and - only (1-64)' },
  badScheme: {
    fr: 'schéma d’URL non pris en charge (utilisez rtsp, rtsps, http, https ou un chemin de fichier)',
    en: 'unsupported URL scheme (use rtsp, rtsps, http, https or a file path)',
  },
  tooSmallNumber: { fr: 'trop petit : la valeur doit être {bound}', en: 'Too small: expected number to be {bound}' },
  tooBigNumber: { fr: 'trop grand : la valeur doit être {bound}', en: 'Too big: expected number to be {bound}' },
  tooShortString: { fr: 'trop court : {bound} caractères attendus', en: 'Too small: expected string to have {bound} characters' },
  tooLongString: { fr: 'trop long : {bound} caractères attendus', en: 'Too big: expected string to have {bound} characters' },
  tooFewItems: { fr: 'trop peu d’éléments : {bound} attendus', en: 'Too small: expected array to have {bound} items' },
  tooManyItems: { fr: 'trop d’éléments : {bound} attendus', en: 'Too big: expected array to have {bound} items' },
  notInteger: { fr: 'nombre entier attendu', en: 'Invalid input: expected int, received number' },
  notNumber: { fr: 'nombre attendu (reçu : {received})', en: 'Invalid input: expected number, received {received}' },
  invalidOption: { fr: 'valeur non valide : une de {values} attendue', en: 'Invalid option: expected one of {values}' },
  unknownKey: { fr: 'clé inconnue', en: 'unknown key' },

  /** The rule parameters of the form, as documented (the English is the schema's description, src/config/schema.ts). */
  param_minDwellSeconds: { fr: 'durée de présence dans la zone avant prise en compte', en: 'time inside the zone before it counts' },
  param_exitGraceSeconds: {
    fr: 'durée pendant laquelle une piste doit rester hors de la zone (ou invisible) avant qu’une nouvelle entrée puisse de nouveau alerter',
    en: 'time a track must stay outside (or unseen) before a new entry can alert again',
  },
  param_wrongWayMinSeconds: { fr: 'durée d’historique de la piste sur laquelle le déplacement est mesuré', en: 'span of track history over which the displacement is measured' },
  param_wrongWayAngleDeg: { fr: 'angle minimal entre le mouvement et le sens autorisé', en: 'minimum angle between the motion and the allowed direction' },
  param_wrongWayMinDistance: {
    fr: 'déplacement minimal sur cette durée, en fraction de la diagonale de l’image',
    en: 'minimum displacement over the span, in fractions of the frame diagonal',
  },
  param_unattendedSeconds: { fr: 'durée pendant laquelle l’objet reste sans surveillance', en: 'time left unattended' },
  param_abandonedMinEvidence: {
    fr: 'indices qu’une forme immobile doit réunir pour compter comme un objet (somme des indices de contour, de contraste, de texture et de ressemblance à un sac, chacun de 0 à 1) ; plus bas : plus sensible',
    en: 'evidence a static blob needs to be an object (sum of outline, stand-out, texture and bag-score cues, each 0..1); lower is more sensitive',
  },
  param_downSeconds: { fr: 'durée au sol avant prise en compte', en: 'time on the ground before it counts' },
  param_fallDescent: {
    fr: 'de combien le haut du corps au sol doit se trouver sous le haut de la personne debout, en hauteurs de personne debout (plus bas : plus sensible)',
    en: 'how far the top of a fallen body must be below the top of the upright person, in standing heights (lower: more sensitive)',
  },
  param_fallMinHeight: {
    fr: 'plus petite personne debout évaluée, en fraction de la hauteur de l’image (plus petite : trop peu de pixels pour distinguer un corps du décor)',
    en: 'smallest upright person judged, as a share of the frame height (smaller persons: too few pixels to tell a body from clutter)',
  },
  param_fireConfirmSeconds: {
    fr: 'secondes d’indices de flammes ou de fumée qu’un même endroit doit cumuler, dans une fenêtre du double, avant l’alerte',
    en: 'seconds of flame or smoke evidence one place must gather, within twice that, before the alert',
  },
  param_fireRearmSeconds: {
    fr: 'durée sans indice après laquelle un nouveau départ de feu peut de nouveau alerter',
    en: 'time without evidence after which a new fire episode can alert again',
  },
  param_fireMinShapeChange: {
    fr: 'changement de forme d’une image à l’autre (0 à 1, hors mouvement d’ensemble) qu’une zone de flamme ou son cœur lumineux doit montrer ; plus haut ignore davantage les décors scintillants, plus bas détecte des flammes plus lointaines',
    en: 'frame-to-frame shape change (0..1, after rigid motion) a flame region or its bright core must show; higher ignores more flickering decor, lower sees more distant flames',
  },
  param_weaponMinFrames: {
    fr: 'analyses d’une personne (images recadrées) qui doivent montrer une arme tenue, parmi les weaponWindowFrames dernières',
    en: 'looks at a person (crop analyses) that must show a held weapon, among the last weaponWindowFrames',
  },
  param_weaponWindowFrames: {
    fr: 'nombre des dernières analyses d’une personne sur lequel weaponMinFrames est compté',
    en: 'how many of the latest looks at a person weaponMinFrames counts over',
  },
  param_crowdMovementSigma: {
    fr: 'écarts robustes (1,4826 × MAD) au-dessus de la médiane de référence qu’un saut doit atteindre',
    en: 'robust sigmas (1.4826 x MAD) above the baseline median a jump must reach',
  },
  param_crowdMovementFactor: {
    fr: 'et au moins ce multiple de la médiane de référence (énergie et vitesse du mouvement)',
    en: 'and at least this many times the baseline median (motion energy and speed)',
  },
  param_crowdMovementSeconds: {
    fr: 'durée minimale du saut (lissé par une médiane sur 1 s) avant l’alerte',
    en: 'how long the (1 s median-smoothed) jump must last before it alerts',
  },
  param_crowdMovementBaselineSeconds: {
    fr: 'longueur de la fenêtre glissante sur laquelle la référence de la caméra est apprise',
    en: 'length of the sliding window the per-camera baseline is learned on',
  },
  param_crowdMovementWarmupSeconds: {
    fr: 'référence nécessaire (secondes d’images avec du mouvement) avant de pouvoir alerter',
    en: 'baseline needed (seconds of footage with motion) before it can alert',
  },
  param_crowdDensityHoldSeconds: {
    fr: 'durée pendant laquelle la densité estimée doit rester au-dessus de maxPersonsPerM2 avant l’alerte',
    en: 'how long the estimated density must stay above maxPersonsPerM2 before it alerts',
  },
  param_crowdDensityRearmRatio: {
    fr: 'après une alerte, la zone se réarme quand la densité passe sous cette fraction de maxPersonsPerM2…',
    en: 'after an alert, the zone re-arms once the density falls under this fraction of maxPersonsPerM2...',
  },
  param_crowdDensityRearmSeconds: { fr: '… et y reste pendant cette durée', en: '...and stays there for this long' },
  param_crowdCountSeconds: {
    fr: 'intervalle entre deux comptages de la foule (têtes repérées et détections fusionnées)',
    en: 'interval between two crowd counts (head blobs plus merged detections)',
  },
  param_crowdCountTilesPerSecond: {
    fr: 'passages du détecteur par tuile, par seconde, après le premier passage complet sur les zones de foule (chacun coûte un passage du détecteur)',
    en: 'tiled detector runs per second after the first full pass over the crowd zones (each costs one detector run)',
  },
  param_crowdCountWindowSeconds: {
    fr: 'le comptage retenu est la médiane des comptages de ces dernières secondes',
    en: 'the count used is the median of the counts of this many last seconds',
  },
  param_crowdCountBlobContrast: {
    fr: 'sensibilité du comptage ; une tête repérée doit ressortir du contraste local (RMS de la réponse autour d’elle) de ce facteur : plus bas compte davantage',
    en: 'count sensitivity; a head blob must stand out of the local contrast (RMS of the blob response around it) by this factor: lower counts more',
  },
} as const satisfies Section;
