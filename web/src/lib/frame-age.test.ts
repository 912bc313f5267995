import { expect, it } from 'vitest';
import { formatTime } from './format.ts';
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

it.each<[number, string]>([
  [0, '0.0 s ago'],
  [400, '0.4 s ago'],
  [9_940, '9.9 s ago'],
  [12_300, '12 s ago'],
  [185_000, '3 min ago'],
  [-50, '0.0 s ago'],
])('formatAge(%i) = %s', (ms, text) => {
  expect(formatAge(ms)).toBe(text);
});

it('frameStamp: the local time of the frame and its age', () => {
  const wall = new Date(2024, 0, 2, 12, 3, 4).getTime();
  expect(frameStamp(wall, 400)).toBe(`${formatTime(wall)} · 0.4 s ago`);
  expect(formatTime(wall)).toBe('12:03:04');
});
