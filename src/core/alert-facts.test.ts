import { describe, expect, it } from 'vitest';
import { alertFacts, detailFacts, keyToWords, alertSummary } from './alert-facts.ts';
import { FACT_WORDS } from './alert-facts-words.ts';
import { LANGS, type Lang } from './lang.ts';
import { EVENT_TYPES, type EventType } from './types.ts';

const text = (type: EventType, details: Record<string, number | string>, lang: Lang): string =>
  detailFacts(type, details, lang)
    .map((f) => `${f.label}: ${f.text}`)
    .join(' | ');

describe('detailFacts in English', () => {
  it.each<[EventType, Record<string, number | string>, string]>([
    ['intrusion', { dwellSeconds: 1.25 }, 'Time in the zone: 1.3 s'],
    ['abandoned_object', { unattendedSeconds: 31, stillSeconds: 40.2, ownerTrackIds: '3,7', requiredSeconds: 30 }, 'Left unattended for: 31 s | Motionless for: 40.2 s | Alert threshold: 30 s | Persons seen with it: #3, #7'],
    ['abandoned_object', { unattendedSeconds: 31, ownerTrackIds: '' }, 'Left unattended for: 31 s'],
    ['crowd_density', { count: 12, density: 2.456, areaM2: 5 }, 'Persons counted: 12 | Density: 2.46 persons/m² | Zone area: 5 m²'],
    ['crowd_movement', { runners: 4, bodyHeightsPerSecond: 1.234, turbulence: 0.3, movingShare: 0.42, branch: 'run' }, 'Pattern: persons running | Persons running: 4 | Upper-body speed: 1.23 body heights/s | Share of the view moving: 42 % | Turbulence: 0.3'],
    ['crowd_movement', { branch: 'baseline', energyRatio: 6.24, speedRatio: 2, energySigmas: 5.1, divergencePerSecond: 0.12, movingFraction: 0.0831, coherence: 0.5 }, 'Pattern: motion far above the usual | Share of the view moving: 8 % | Motion vs usual: 6.2× the usual | Speed vs usual: 2× the usual | Motion above usual: 5.1 standard deviations | Spreading: 0.12 per second | Same direction: 50 %'],
    ['fire', { heldSeconds: 1.6, regions: 2, source: 'colour' }, 'Seen for: 1.6 s | Regions: 2 | Found by: flame/smoke colour and flicker'],
    ['weapon', { weapon: 'baseball_bat', seen: 3, looks: 5 }, 'Weapon: baseball bat | Seen in: 3 of the last 5 looks'],
    ['weapon', { weapon: 'machete_x', seen: 2 }, 'Weapon: machete x | Seen in: 2 of the last ? looks'],
    ['wrong_way', { angleDeg: 172, distance: 0.184, spanSeconds: 2.4 }, 'Off the allowed direction: 172° | Distance travelled: 18 % of the frame | Over: 2.4 s'],
    ['person_down', { downSeconds: 4.1, descent: 0.55, aspect: 1.8, torsoDeg: 80 }, 'On the ground for: 4.1 s | Head came down by: 55 % of standing height | Body width / height: 1.8 | Torso from vertical: 80°'],
    ['intrusion', { dwellSeconds: 2, newMeasureMs: 12.3456 }, 'Time in the zone: 2 s | New measure ms: 12.346'],
    ['fire', {}, ''],
  ])('%s %j', (type, details, expected) => {
    expect(text(type, details, 'en')).toBe(expected);
  });
});

describe('detailFacts in French: decimal comma, same units', () => {
  it.each<[EventType, Record<string, number | string>, string]>([
    ['intrusion', { dwellSeconds: 1.25 }, 'Temps dans la zone: 1,3 s'],
    ['abandoned_object', { unattendedSeconds: 31, stillSeconds: 40.2, ownerTrackIds: '3,7', requiredSeconds: 30 }, "Laissé sans surveillance depuis: 31 s | Immobile depuis: 40,2 s | Seuil d'alerte: 30 s | Personnes vues avec l'objet: #3, #7"],
    ['crowd_density', { count: 12, density: 2.456, areaM2: 5 }, 'Personnes comptées: 12 | Densité: 2,46 personnes/m² | Surface de la zone: 5 m²'],
    ['crowd_movement', { branch: 'crush', energyRatio: 6.24, energySigmas: 5.1, divergencePerSecond: 0.12, coherence: 0.5 }, 'Type de mouvement: foule compressée, mouvements de poussée | Mouvement par rapport à la normale: 6,2 fois la normale | Mouvement au-dessus de la normale: 5,1 écarts-types | Dispersion: 0,12 par seconde | Même direction: 50 %'],
    ['fire', { heldSeconds: 1.6, regions: 2, source: 'model' }, 'Observé pendant: 1,6 s | Foyers: 2 | Détecté par: le détecteur de feu et de fumée'],
    ['weapon', { weapon: 'baseball_bat', seen: 3, looks: 5 }, 'Arme: batte de baseball | Vue dans: 3 des 5 dernières analyses'],
    ['wrong_way', { angleDeg: 172, distance: 0.184, spanSeconds: 2.4 }, "Écart au sens autorisé: 172° | Distance parcourue: 18 % de l'image | En: 2,4 s"],
    ['person_down', { downSeconds: 4.1, descent: 0.55, aspect: 1.8, torsoDeg: 80 }, 'Au sol depuis: 4,1 s | Descente de la tête: 55 % de la taille debout | Largeur / hauteur du corps: 1,8 | Inclinaison du buste: 80°'],
    ['intrusion', { dwellSeconds: 2, newMeasureMs: 12.3456 }, 'Temps dans la zone: 2 s | New measure ms: 12,346'],
  ])('%s %j', (type, details, expected) => {
    expect(text(type, details, 'fr')).toBe(expected);
  });
});

describe('the facts words', () => {
  it.each(Object.entries(FACT_WORDS))('%s: both languages written, same placeholders', (_key, words) => {
    const names = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
    expect(words.fr.trim()).not.toBe('');
    expect(words.en.trim()).not.toBe('');
    expect(names(words.fr)).toEqual(names(words.en));
  });

  it.each(LANGS)('%s: never shows a raw camelCase key, whatever the type', (lang) => {
    const all = { dwellSeconds: 1, angleDeg: 2, downSeconds: 3, heldSeconds: 4, unattendedSeconds: 5, energyRatio: 6, someNewKey: 7 };
    for (const type of EVENT_TYPES) for (const f of detailFacts(type, all, lang)) expect(f.label).not.toMatch(/[a-z][A-Z]/);
  });
});

it.each<[string, string]>([
  ['energySigmas', 'Energy sigmas'],
  ['areaM2', 'Area m2'],
  ['branch', 'Branch'],
  ['owner_track', 'Owner track'],
])('keyToWords(%s) = %s', (key, words) => {
  expect(keyToWords(key)).toBe(words);
});

describe('alertFacts: where, when (wall clock of the frame), what', () => {
  const alert = { type: 'wrong_way', cameraId: 'a7', frameWallMs: 1_700_000_000_000, zoneId: 'lane', trackId: 12, score: 0.873, details: { angleDeg: 170 } } as const;
  const ctx = { cameraName: 'A7 north', zoneKind: 'flow', formatTime: (ms: number) => new Date(ms).toISOString() };
  it.each<[Lang, [string, string][]]>([
    ['en', [['Camera', 'A7 north (a7)'], ['Time of the frame', '2023-11-14T22:13:20.000Z'], ['Zone', 'lane (flow)'], ['Tracked object', '#12'], ['Confidence', '87 %'], ['Off the allowed direction', '170°']]],
    ['fr', [['Caméra', 'A7 north (a7)'], ["Heure de l'image", '2023-11-14T22:13:20.000Z'], ['Zone', 'lane (sens de circulation)'], ['Objet suivi', '#12'], ['Indice de confiance', '87 %'], ['Écart au sens autorisé', '170°']]],
  ])('%s', (lang, expected) => {
    expect(alertFacts(alert, lang, ctx).map((f) => [f.label, f.text])).toEqual(expected);
  });

  it('leaves out what is not known', () => {
    const bare = alertFacts({ type: 'fire', cameraId: 'c', frameWallMs: 0, score: 0.5 }, 'en', { formatTime: () => 't' });
    expect(bare.map((f) => f.label)).toEqual(['Camera', 'Time of the frame', 'Confidence']);
  });
});

describe('alertSummary: one line in the console language', () => {
  it.each([
    ['intrusion', { dwellSeconds: 2.14 }, 'fr', /^.+ : 2,1 s$/],
    ['intrusion', { dwellSeconds: 2.14 }, 'en', /^.+: 2.1 s$/],
    ['person_down', { downSeconds: 3, descent: 0.62, aspect: 1.8 }, 'fr', /^.+ : 3 s · .+ : 62 %.*$/],
    ['fire', {}, 'fr', /^flame for 2\.0 s$/],
  ] as const)('%s %j in %s', (type, details, lang, expected) => {
    expect(alertSummary({ type, details, message: 'flame for 2.0 s' }, lang)).toMatch(expected);
  });
});
