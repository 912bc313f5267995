import { describe, expect, it } from 'vitest';
import { alertFacts, detailFacts, keyToWords } from './alert-facts.ts';
import { EVENT_TYPES, type EventType } from './types.ts';

const text = (type: EventType, details: Record<string, number | string>): string =>
  detailFacts(type, details)
    .map((f) => `${f.label}: ${f.text}`)
    .join(' | ');

describe('detailFacts', () => {
  it.each<[EventType, Record<string, number | string>, string]>([
    ['intrusion', { dwellSeconds: 1.25 }, 'Time in the zone: 1.3 s'],
    ['abandoned_object', { unattendedSeconds: 31, stillSeconds: 40.2, ownerTrackIds: '3,7', requiredSeconds: 30 }, 'Left unattended for: 31 s | Motionless for: 40.2 s | Alert threshold: 30 s | Persons seen with it: #3, #7'],
    ['abandoned_object', { unattendedSeconds: 31, ownerTrackIds: '' }, 'Left unattended for: 31 s'],
    ['crowd_density', { count: 12, density: 2.456, areaM2: 5 }, 'Persons counted: 12 | Density: 2.46 persons/m² | Zone area: 5 m²'],
    ['crowd_movement', { runners: 4, bodyHeightsPerSecond: 1.234, turbulence: 0.3, movingShare: 0.42, branch: 'run' }, 'Pattern: persons running | Persons running: 4 | Upper-body speed: 1.23 body heights/s | Share of the view moving: 42 % | Turbulence: 0.3'],
    ['crowd_movement', { branch: 'baseline', energyRatio: 6.24, speedRatio: 2, energySigmas: 5.1, divergencePerSecond: 0.12, movingFraction: 0.0831, coherence: 0.5 }, 'Pattern: motion far above the usual | Share of the view moving: 8 % | Motion vs usual: 6.2× the usual | Speed vs usual: 2× the usual | Motion above usual: 5.1 standard deviations | Spreading: 0.12 per second | Same direction: 50 %'],
    ['fire', { heldSeconds: 1.6, regions: 2, source: 'colour' }, 'Seen for: 1.6 s | Regions: 2 | Found by: flame/smoke colour and flicker'],
    ['weapon', { weapon: 'baseball_bat', seen: 3, looks: 5 }, 'Weapon: baseball bat | Seen in: 3 of the last 5 looks'],
    ['wrong_way', { angleDeg: 172, distance: 0.184, spanSeconds: 2.4 }, 'Off the allowed direction: 172° | Distance travelled: 18 % of the frame | Over: 2.4 s'],
    ['person_down', { downSeconds: 4.1, descent: 0.55, aspect: 1.8, torsoDeg: 80 }, 'On the ground for: 4.1 s | Head came down by: 55 % of standing height | Body width / height: 1.8 | Torso from vertical: 80°'],
    ['intrusion', { dwellSeconds: 2, newMeasureMs: 12.3456 }, 'Time in the zone: 2 s | New measure ms: 12.346'],
    ['fire', {}, ''],
  ])('%s %j', (type, details, expected) => {
    expect(text(type, details)).toBe(expected);
  });

  it('never shows a raw camelCase key, whatever the type', () => {
    const all = { dwellSeconds: 1, angleDeg: 2, downSeconds: 3, heldSeconds: 4, unattendedSeconds: 5, energyRatio: 6, someNewKey: 7 };
    for (const type of EVENT_TYPES) for (const f of detailFacts(type, all)) expect(f.label).not.toMatch(/[a-z][A-Z]/);
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

it('alertFacts: where, when (wall clock of the frame), what', () => {
  const facts = alertFacts(
    { type: 'wrong_way', cameraId: 'a7', frameWallMs: 1_700_000_000_000, zoneId: 'lane', trackId: 12, score: 0.873, details: { angleDeg: 170 } },
    { cameraName: 'A7 north', zoneKind: 'flow', formatTime: (ms) => new Date(ms).toISOString() },
  );
  expect(facts).toEqual([
    { label: 'Camera', text: 'A7 north (a7)' },
    { label: 'Time of the frame', text: '2023-11-14T22:13:20.000Z' },
    { label: 'Zone', text: 'lane (flow)' },
    { label: 'Tracked object', text: '#12' },
    { label: 'Confidence', text: '87 %' },
    { label: 'Off the allowed direction', text: '170°' },
  ]);
  const bare = alertFacts({ type: 'fire', cameraId: 'c', frameWallMs: 0, score: 0.5 }, { formatTime: () => 't' });
  expect(bare.map((f) => f.label)).toEqual(['Camera', 'Time of the frame', 'Confidence']);
});
