/**
 * Catalogue group "health" (see ../catalog.ts): a camera's state and health, as built in the
 * console from the structured stats (lib/camera-health.ts). French and English side by side.
 */
import type { Section } from '../translate.ts';

export const health = {
  cardTitle: { fr: 'État des caméras', en: 'Camera health' },
  notWatching: { fr: { one: '{count} ne surveille pas', other: '{count} ne surveillent pas' }, en: { one: '{count} not watching', other: '{count} not watching' } },
  now: { fr: 'en ce moment', en: 'now' },
  noCameraEnabled: { fr: 'Aucune caméra activée.', en: 'No camera enabled.' },
  disabled: { fr: 'Désactivée', en: 'Disabled' },
  state_running: { fr: 'En service', en: 'Running' },
  state_connecting: { fr: 'Connexion', en: 'Connecting' },
  state_reconnecting: { fr: 'Reconnexion (tentative {attempt})', en: 'Reconnecting (attempt {attempt})' },
  state_failed: { fr: 'En échec', en: 'Failed' },
  state_ended: { fr: 'Flux terminé', en: 'Ended' },
  stats: { fr: '{fps} images/s analysées · {dropped} % sautées', en: '{fps} fps analysed · {dropped} % dropped' },
  reasonConnecting: { fr: 'connexion en cours', en: 'connecting' },
  reasonDropped: { fr: '{dropped} % des images sautées', en: '{dropped} % of frames dropped' },
  reasonNoFrame: { fr: 'aucune image analysée depuis {since}', en: 'no frame analysed since {since}' },
  reasonNoFrameDetail: { fr: 'aucune image analysée depuis {since} ({detail})', en: 'no frame analysed since {since} ({detail})' },
  reasonSlow: { fr: 'seulement {fps} images/s analysées, moins de {share} % de la cadence configurée', en: 'analysing {fps} fps, under {share} % of the configured rate' },
} as const satisfies Section;
