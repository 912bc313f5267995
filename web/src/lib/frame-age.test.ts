import { expect, it } from 'vitest';
import { formatAge, frameAgeMs, frameStamp } from './frame-age.ts';

it.each<[string, number, number, number, number]>([
  ['clocks agree: transit plus time since arrival', 1000, 1150, 1400, 400],
  ['just arrived', 1000, 1100, 1100, 100],
  ['browser clock behind the server: since arrival only', 5000, 1000, 1300, 300],
  ['browser clock far ahead: since arrival only', 1000, 200_000, 200_500, 500],
  ['now before arrival (timer jitter): never negative', 1000, 1100, 1050, 100],
])('frameAgeMs: %s', (_name, wall, received, now, age) => {
  expect(frameAgeMs(wall, received, now)).toBe(age);
});

it.each<[number, string, string]>([
  [0, '0.0 s ago', 'il y a 0,0 s'],
  [400, '0.4 s ago', 'il y a 0,4 s'],
  [9_940, '9.9 s ago', 'il y a 9,9 s'],
  [12_300, '12 s ago', 'il y a 12 s'],
  [185_000, '3 min ago', 'il y a 3 min'],
  [-50, '0.0 s ago', 'il y a 0,0 s'],
])('formatAge(%i) = %s / %s', (ms, en, fr) => {
  expect(formatAge(ms, 'en')).toBe(en);
  expect(formatAge(ms, 'fr')).toBe(fr);
});

it.each([
  ['en', '12:03:04 · 0.4 s ago'],
  ['fr', '12:03:04 · il y a 0,4 s'],
] as const)('frameStamp (%s): the local time of the frame and its age', (lang, text) => {
  const wall = new Date(2024, 0, 2, 12, 3, 4).getTime();
  expect(frameStamp(wall, 400, lang)).toBe(text);
});
