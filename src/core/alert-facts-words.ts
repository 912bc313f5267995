/**
 * The words of alert-facts.ts, French and English side by side (the console's catalogue lives in
 * web/ and src/ cannot import it, so the facts keep their own small table). `{v}` and the other
 * placeholders are filled by alert-facts.ts; units are the same in both languages (s, m², °, %).
 */
import type { Lang } from './lang.ts';

export interface Words {
  readonly fr: string;
  readonly en: string;
}

export const FACT_WORDS = {
  camera: { fr: 'Caméra', en: 'Camera' },
  frameTime: { fr: "Heure de l'image", en: 'Time of the frame' },
  zone: { fr: 'Zone', en: 'Zone' },
  track: { fr: 'Objet suivi', en: 'Tracked object' },
  confidence: { fr: 'Indice de confiance', en: 'Confidence' },
  dwell: { fr: 'Temps dans la zone', en: 'Time in the zone' },
  unattended: { fr: 'Laissé sans surveillance depuis', en: 'Left unattended for' },
  still: { fr: 'Immobile depuis', en: 'Motionless for' },
  threshold: { fr: "Seuil d'alerte", en: 'Alert threshold' },
  owners: { fr: "Personnes vues avec l'objet", en: 'Persons seen with it' },
  count: { fr: 'Personnes comptées', en: 'Persons counted' },
  density: { fr: 'Densité', en: 'Density' },
  densityValue: { fr: '{v} personnes/m²', en: '{v} persons/m²' },
  area: { fr: 'Surface de la zone', en: 'Zone area' },
  pattern: { fr: 'Type de mouvement', en: 'Pattern' },
  branchRun: { fr: 'personnes qui courent', en: 'persons running' },
  branchCrush: { fr: 'foule compressée, mouvements de poussée', en: 'crowd pressing and surging' },
  branchBaseline: { fr: 'mouvement très au-dessus de la normale', en: 'motion far above the usual' },
  runners: { fr: 'Personnes qui courent', en: 'Persons running' },
  bodySpeed: { fr: 'Vitesse du haut du corps', en: 'Upper-body speed' },
  bodySpeedValue: { fr: '{v} hauteurs de corps/s', en: '{v} body heights/s' },
  movingShare: { fr: "Part de l'image en mouvement", en: 'Share of the view moving' },
  turbulence: { fr: 'Turbulence', en: 'Turbulence' },
  energyRatio: { fr: 'Mouvement par rapport à la normale', en: 'Motion vs usual' },
  speedRatio: { fr: 'Vitesse par rapport à la normale', en: 'Speed vs usual' },
  ratioValue: { fr: '{v} fois la normale', en: '{v}× the usual' },
  energySigmas: { fr: 'Mouvement au-dessus de la normale', en: 'Motion above usual' },
  sigmasValue: { fr: '{v} écarts-types', en: '{v} standard deviations' },
  spreading: { fr: 'Dispersion', en: 'Spreading' },
  perSecondValue: { fr: '{v} par seconde', en: '{v} per second' },
  coherence: { fr: 'Même direction', en: 'Same direction' },
  heldFor: { fr: 'Observé pendant', en: 'Seen for' },
  regions: { fr: 'Foyers', en: 'Regions' },
  foundBy: { fr: 'Détecté par', en: 'Found by' },
  sourceColour: { fr: 'la couleur et le scintillement des flammes ou de la fumée', en: 'flame/smoke colour and flicker' },
  sourceModel: { fr: 'le détecteur de feu et de fumée', en: 'the fire and smoke detector' },
  weapon: { fr: 'Arme', en: 'Weapon' },
  seenIn: { fr: 'Vue dans', en: 'Seen in' },
  seenInValue: { fr: '{seen} des {looks} dernières analyses', en: '{seen} of the last {looks} looks' },
  angle: { fr: 'Écart au sens autorisé', en: 'Off the allowed direction' },
  distance: { fr: 'Distance parcourue', en: 'Distance travelled' },
  distanceValue: { fr: "{v} de l'image", en: '{v} of the frame' },
  span: { fr: 'En', en: 'Over' },
  down: { fr: 'Au sol depuis', en: 'On the ground for' },
  descent: { fr: 'Descente de la tête', en: 'Head came down by' },
  descentValue: { fr: '{v} de la taille debout', en: '{v} of standing height' },
  aspect: { fr: 'Largeur / hauteur du corps', en: 'Body width / height' },
  torso: { fr: 'Inclinaison du buste', en: 'Torso from vertical' },
} as const satisfies Record<string, Words>;

export type FactWord = keyof typeof FACT_WORDS;

/** The weapon labels of the detectors (core/types.ts LABEL_GROUPS.weapon). */
export const WEAPON_WORDS: Readonly<Record<string, Words>> = {
  knife: { fr: 'couteau', en: 'knife' },
  baseball_bat: { fr: 'batte de baseball', en: 'baseball bat' },
  scissors: { fr: 'ciseaux', en: 'scissors' },
  pistol: { fr: 'pistolet', en: 'pistol' },
  rifle: { fr: 'fusil', en: 'rifle' },
};

/** The zone kinds (config zones), as the facts name them after the zone's id. */
export const ZONE_KIND_WORDS: Readonly<Record<string, Words>> = {
  forbidden: { fr: 'interdite', en: 'forbidden' },
  flow: { fr: 'sens de circulation', en: 'flow' },
  crowd: { fr: 'foule', en: 'crowd' },
  watch: { fr: 'surveillance', en: 'watch' },
};

/** The text in `lang`, `{name}` filled from params (a placeholder without a value stays visible). */
export function say(words: Words, lang: Lang, params: Readonly<Record<string, string>> = {}): string {
  return words[lang].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
