import { describe, expect, it } from 'vitest';
import type { EventType } from '../core/types.ts';
import { matchAlerts, type ExpectedWindow } from './match.ts';

interface Row {
  name: string;
  events: EventType[];
  expected: ExpectedWindow[];
  alerts: [EventType, number][];
  /** Outcome per alert in time order: 'tp:<expectedIndex>', 'dup:<expectedIndex>', 'fp', 'fp:not_enabled'. */
  outcomes: string[];
  missed: number[];
}

const fall: ExpectedWindow = { type: 'person_down', start: 10, end: 20 };

const rows: Row[] = [
  { name: 'alert exactly at start - 2 matches', events: ['person_down'], expected: [fall], alerts: [['person_down', 8]], outcomes: ['tp:0'], missed: [] },
  { name: 'alert exactly at end + 2 matches', events: ['person_down'], expected: [fall], alerts: [['person_down', 22]], outcomes: ['tp:0'], missed: [] },
  { name: 'alert at end + 2.01 is a false positive', events: ['person_down'], expected: [fall], alerts: [['person_down', 22.01]], outcomes: ['fp'], missed: [0] },
  { name: 'alert at start - 2.01 is a false positive', events: ['person_down'], expected: [fall], alerts: [['person_down', 7.99]], outcomes: ['fp'], missed: [0] },
  {
    name: 'start - 2 despite floating point (4.9 - 2 = 2.9000000000000004) matches',
    events: ['person_down'],
    expected: [{ type: 'person_down', start: 4.9, end: 6.52 }],
    alerts: [['person_down', 2.9]],
    outcomes: ['tp:0'],
    missed: [],
  },
  {
    name: 'further alerts inside a matched event are duplicates; the earliest matches',
    events: ['person_down'],
    expected: [fall],
    alerts: [['person_down', 15], ['person_down', 12], ['person_down', 21]],
    outcomes: ['tp:0', 'dup:0', 'dup:0'],
    missed: [],
  },
  { name: 'wrong type at the right time is a false positive and a miss', events: ['person_down', 'fire'], expected: [fall], alerts: [['fire', 12]], outcomes: ['fp'], missed: [0] },
  { name: 'type not in scene.events is a false positive', events: ['fire'], expected: [], alerts: [['weapon', 1]], outcomes: ['fp:not_enabled'], missed: [] },
  {
    name: 'type not enabled is a false positive even inside an expected window of that type',
    events: ['fire'],
    expected: [{ type: 'weapon', start: 0, end: 5 }],
    alerts: [['weapon', 1]],
    outcomes: ['fp:not_enabled'],
    missed: [0],
  },
  { name: 'negative scenario: every alert is a false positive', events: ['fire'], expected: [], alerts: [['fire', 1], ['fire', 2]], outcomes: ['fp', 'fp'], missed: [] },
  {
    name: 'overlapping events: one alert matches the earliest-starting one, the next takes the other',
    events: ['wrong_way'],
    expected: [
      { type: 'wrong_way', start: 5, end: 9 },
      { type: 'wrong_way', start: 4, end: 8 },
    ],
    alerts: [['wrong_way', 6], ['wrong_way', 7]],
    outcomes: ['tp:1', 'tp:0'],
    missed: [],
  },
  {
    name: 'overlapping events: a single alert leaves the other missed',
    events: ['wrong_way'],
    expected: [
      { type: 'wrong_way', start: 15.5, end: 18.2 },
      { type: 'wrong_way', start: 16, end: 19 },
    ],
    alerts: [['wrong_way', 17]],
    outcomes: ['tp:0'],
    missed: [1],
  },
  {
    name: 'overlapping events with the same start: earliest end wins',
    events: ['wrong_way'],
    expected: [
      { type: 'wrong_way', start: 5, end: 20 },
      { type: 'wrong_way', start: 5, end: 9 },
    ],
    alerts: [['wrong_way', 6]],
    outcomes: ['tp:1'],
    missed: [0],
  },
  {
    name: 'an alert in the window of a matched event and of a free one matches the free one',
    events: ['wrong_way'],
    expected: [
      { type: 'wrong_way', start: 0, end: 10 },
      { type: 'wrong_way', start: 11, end: 12 },
    ],
    alerts: [['wrong_way', 1], ['wrong_way', 9.5]],
    outcomes: ['tp:0', 'tp:1'],
    missed: [],
  },
  {
    name: 'an alert only inside matched events is a duplicate of the earliest-starting one',
    events: ['wrong_way'],
    expected: [
      { type: 'wrong_way', start: 0, end: 10 },
      { type: 'wrong_way', start: 3, end: 10 },
    ],
    alerts: [['wrong_way', 4], ['wrong_way', 5], ['wrong_way', 6]],
    outcomes: ['tp:0', 'tp:1', 'dup:0'],
    missed: [],
  },
  { name: 'no alerts: every event is missed', events: ['person_down'], expected: [fall, { ...fall, start: 30, end: 40 }], alerts: [], outcomes: [], missed: [0, 1] },
];

function label(o: ReturnType<typeof matchAlerts>['alerts'][number]): string {
  if (o.outcome === 'tp') return `tp:${o.expectedIndex}`;
  if (o.outcome === 'duplicate') return `dup:${o.expectedIndex}`;
  return o.reason === 'not_enabled' ? 'fp:not_enabled' : 'fp';
}

describe('matchAlerts', () => {
  it.each(rows)('$name', (row) => {
    const result = matchAlerts(
      row.events,
      row.expected,
      row.alerts.map(([type, tSeconds]) => ({ type, tSeconds })),
    );
    expect(result.alerts.map(label)).toEqual(row.outcomes);
    expect(result.missed).toEqual(row.missed);
  });

  it('reports outcomes in time order with the latency of the match', () => {
    const result = matchAlerts(['person_down'], [fall], [
      { type: 'person_down', tSeconds: 14 },
      { type: 'person_down', tSeconds: 11.5 },
    ]);
    expect(result.alerts.map((a) => a.tSeconds)).toEqual([11.5, 14]);
    expect(result.alerts[0]).toMatchObject({ outcome: 'tp', latencySeconds: 1.5 });
  });

  it('gives a negative latency to an early alert', () => {
    const result = matchAlerts(['person_down'], [fall], [{ type: 'person_down', tSeconds: 9 }]);
    expect(result.alerts[0]).toMatchObject({ outcome: 'tp', latencySeconds: -1 });
  });
});
