import { describe, expect, it } from 'vitest';
import type { Zone } from '../core/types.ts';
import { intrusionRule } from './intrusion.ts';
import { context, eventRows, range, replay, track, type RuleCase } from './testkit.ts';

const square = (x1: number, y1: number, x2: number, y2: number) => [
  { x: x1, y: y1 },
  { x: x2, y: y1 },
  { x: x2, y: y2 },
  { x: x1, y: y2 },
];
const Z: Zone = { id: 'z', kind: 'forbidden', polygon: square(0.4, 0.4, 0.8, 0.8) };
const IN = 0.6;
const OUT = 0.3;

/** Rows start after the camera has run this many empty frames (4 s), unless a case says otherwise: tracks then appear after the start. */
const WARM_FRAMES = 20;
type Case = RuleCase & { readonly warm?: number };

/** Replays `at` after `warm` empty frames; event rows are numbered from the first frame of `at`. */
function run(c: Pick<Case, 'frames' | 'at' | 'zones' | 'params' | 'warm'>) {
  const warm = c.warm ?? WARM_FRAMES;
  const rows = [...range(warm).map(() => []), ...range(c.frames).map(c.at)];
  const r = replay(intrusionRule, context(c.zones ?? [Z], c.params), rows);
  return { ...r, rows: eventRows(r.events).map(([f, e]): [number, string[]] => [f - warm, e]), warm };
}

const cases: Case[] = [
  {
    name: 'straight entry alerts once the dwell reaches 1 s, then stays quiet',
    frames: 40,
    at: (f) => [{ id: 1, x: 0.6, y: f < 2 ? OUT : IN }],
    want: [[7, ['1@z']]],
  },
  {
    name: 'a short visit (0.8 s) does not alert',
    frames: 20,
    at: (f) => [{ id: 1, x: 0.6, y: f >= 2 && f < 6 ? IN : OUT }],
    want: [],
  },
  {
    name: 'a box flickering on the edge after the alert does not re-alert',
    frames: 60,
    at: (f) => [{ id: 1, x: 0.6, y: f < 10 ? IN : f % 2 === 0 ? 0.41 : 0.39 }],
    want: [[5, ['1@z']]],
  },
  {
    name: 'a box straddling the edge from the start still accumulates its dwell (one alert)',
    frames: 40,
    at: (f) => [{ id: 1, x: 0.6, y: f % 2 === 0 ? 0.41 : 0.39 }],
    want: [[6, ['1@z']]],
  },
  {
    name: 'leaving and coming back after the exit grace (3 s) alerts again',
    frames: 60,
    at: (f) => [{ id: 1, x: 0.6, y: f < 10 || f >= 26 ? IN : OUT }],
    want: [[5, ['1@z']], [31, ['1@z']]],
  },
  {
    name: 'leaving and coming back within the exit grace does not',
    frames: 60,
    at: (f) => [{ id: 1, x: 0.6, y: f < 10 || f >= 20 ? IN : OUT }],
    want: [[5, ['1@z']]],
  },
  {
    name: 'being unseen counts as outside for the grace',
    frames: 60,
    at: (f) => (f < 10 || f >= 26 ? [{ id: 1, x: 0.6, y: IN }] : [{ id: 1, x: 0.6, y: IN, state: 'lost' }]),
    want: [[5, ['1@z']], [31, ['1@z']]],
  },
  {
    name: 'a lost spell shorter than 1 s keeps the dwell',
    frames: 20,
    at: (f) => [{ id: 1, x: 0.6, y: IN, state: f === 2 || f === 3 ? 'lost' : 'confirmed' }],
    want: [[5, ['1@z']]],
  },
  {
    name: 'tentative tracks never count',
    frames: 20,
    at: () => [{ id: 1, x: 0.6, y: IN, state: 'tentative' }],
    want: [],
  },
  {
    name: 'the class filter: a vehicle-only zone ignores a person and alerts on a truck',
    frames: 20,
    zones: [{ ...Z, groups: ['vehicle'] }],
    at: () => [
      { id: 1, x: 0.5, y: IN },
      { id: 2, x: 0.7, y: IN, label: 'truck', w: 0.2, h: 0.1 },
    ],
    want: [[5, ['2@z']]],
  },
  {
    name: 'by default person and vehicle count, a bag does not',
    frames: 20,
    at: () => [
      { id: 1, x: 0.5, y: IN },
      { id: 2, x: 0.7, y: IN, label: 'car' },
      { id: 3, x: 0.6, y: 0.7, label: 'backpack' },
    ],
    want: [[5, ['1@z', '2@z']]],
  },
  {
    name: 'minDwellSeconds 0 alerts on the first frame inside',
    frames: 10,
    params: { minDwellSeconds: 0 },
    at: (f) => [{ id: 1, x: 0.6, y: f < 3 ? OUT : IN }],
    want: [[3, ['1@z']]],
  },
  {
    name: 'two zones alert independently',
    frames: 20,
    zones: [Z, { id: 'y', kind: 'forbidden', polygon: square(0.0, 0.0, 0.3, 0.3) }],
    at: () => [
      { id: 1, x: 0.6, y: IN },
      { id: 2, x: 0.1, y: 0.2 },
    ],
    want: [[5, ['1@z', '2@y']]],
  },
  {
    name: 'a box cut by the frame bottom (y2 = 1) is inside a zone drawn to the edge',
    frames: 10,
    zones: [{ ...Z, polygon: square(0.4, 0.4, 0.8, 1.0) }],
    at: () => [{ id: 1, x: 0.6, y: 1.0 }],
    want: [[5, ['1@z']]],
  },
  {
    name: 'flow zones are not intrusion zones',
    frames: 20,
    zones: [{ ...Z, kind: 'flow', direction: { x: 0, y: -1 } }],
    at: () => [{ id: 1, x: 0.6, y: IN }],
    want: [],
  },
  {
    name: 'ID switch: a new track where the alerted one vanished does not alert again',
    frames: 40,
    at: (f) => (f < 12 ? [{ id: 1, x: 0.6, y: IN }] : f < 14 ? [] : [{ id: 2, x: 0.61, y: IN + 0.01 }]),
    want: [[5, ['1@z']]],
  },
  {
    name: 'ID switch of a walker: the mark follows its velocity',
    frames: 40,
    at: (f) => {
      const x = 0.42 + 0.01 * f;
      return f < 12 ? [{ id: 1, x, y: IN, vx: 0.05 }] : f < 15 ? [] : [{ id: 2, x, y: IN, vx: 0.05 }];
    },
    want: [[5, ['1@z']]],
  },
  {
    name: 'a cyclist as person and bicycle tracks gives one alert',
    frames: 20,
    at: () => [
      { id: 1, x: 0.6, y: IN, label: 'person' },
      { id: 2, x: 0.6, y: IN + 0.005, label: 'bicycle', h: 0.06 },
    ],
    want: [[5, ['1@z']]],
  },
  {
    name: 'a new track far from the alerted one alerts',
    frames: 40,
    at: (f) => (f < 12 ? [{ id: 1, x: 0.45, y: IN }] : f < 14 ? [] : [{ id: 2, x: 0.75, y: 0.75 }]),
    want: [[5, ['1@z']], [19, ['2@z']]],
  },
  {
    name: 'a new track at the same place after the grace alerts',
    frames: 60,
    at: (f) => (f < 12 ? [{ id: 1, x: 0.6, y: IN }] : f < 28 ? [] : [{ id: 2, x: 0.6, y: IN }]),
    want: [[5, ['1@z']], [33, ['2@z']]],
  },
  // A thing inside the zone since the camera started (warm: 0) that never moves is scenery.
  {
    name: 'scenery: a thing inside the zone from the start that never moves does not alert',
    warm: 0,
    frames: 100,
    at: () => [{ id: 1, x: 0.6, y: IN }],
    want: [],
  },
  {
    name: 'scenery cut by the frame edge, its box jittering, does not alert',
    warm: 0,
    frames: 100,
    zones: [{ ...Z, polygon: square(0.4, 0.4, 0.8, 1.0) }],
    at: (f) => [{ id: 1, x: 0.6 + 0.004 * Math.sin(f), y: 1.0, w: 0.1 + 0.01 * Math.cos(f), h: 0.3 }],
    want: [],
  },
  {
    name: 'scenery whose track is dropped and started again (flickering detection) stays scenery',
    warm: 0,
    frames: 100,
    at: (f) => (f < 20 ? [{ id: 1, x: 0.6, y: IN }] : f < 40 ? [] : [{ id: 2, x: 0.601, y: IN }]),
    want: [],
  },
  {
    name: 'scenery that starts moving has come in: alerts once it moved half a width',
    warm: 0,
    frames: 40,
    at: (f) => [{ id: 1, x: 0.6 + (f < 20 ? 0 : 0.01 * (f - 20)), y: IN }],
    want: [[23, ['1@z']]],
  },
  {
    name: 'someone walking in from outside right at the start alerts',
    warm: 0,
    frames: 40,
    at: (f) => [{ id: 1, x: 0.6, y: f < 5 ? OUT : IN }],
    want: [[10, ['1@z']]],
  },
  {
    name: 'someone appearing inside after the start, standing still, alerts',
    warm: 0,
    frames: 60,
    at: (f) => (f < 30 ? [] : [{ id: 1, x: 0.6, y: IN }]),
    want: [[35, ['1@z']]],
  },
];

describe('intrusion scenarios', () => {
  it.each(cases)('$name', (c) => {
    expect(run(c).rows).toEqual(c.want);
  });

  it('the event says what, where and for how long', () => {
    const r = run({ frames: 8, at: () => [{ id: 4, x: 0.6, y: IN }] });
    expect(r.raw).toHaveLength(1);
    const e = r.raw[0]!;
    expect(e).toMatchObject({ type: 'intrusion', tMs: (WARM_FRAMES + 5) * 200, zoneId: 'z', trackId: 4, score: 0.8 });
    expect(e.message).toBe('person in zone z for 1.0 s');
    expect(e.details).toEqual({ dwellSeconds: 1 });
    expect(e.box!.y2).toBeCloseTo(IN);
  });
});

describe('intrusion state', () => {
  it('is evicted once tracks are gone and the grace has passed', () => {
    const r = run({ frames: 60, at: (f) => (f < 10 ? [{ id: 1, x: 0.6, y: IN }, { id: 2, x: 0.5, y: IN }] : []) });
    expect(r.states[r.warm + 9]!.presences.size).toBe(2);
    expect(r.states[r.warm + 9]!.entries.origins.size).toBe(2);
    expect(r.states[r.warm + 10]!.presences.size).toBe(0);
    expect(r.states[r.warm + 10]!.entries.origins.size).toBe(0);
    expect(r.states[r.warm + 59]!.marks).toEqual([]);
  });

  it('stays bounded over a long run of passers-by', () => {
    const rows = range(5 * 60 * 10).map((f) => {
      const first = Math.max(0, Math.floor(f / 5) - 6);
      return range(Math.floor(f / 5) - first + 1).map((k) => ({ id: first + k, x: 0.3 + ((f - (first + k) * 5) % 35) * 0.015, y: IN }));
    });
    const r = replay(intrusionRule, context([Z]), rows);
    const sizes = r.states.map((s) => s.presences.size + s.marks.length + s.entries.origins.size + s.entries.scenery.length);
    expect(Math.max(...sizes)).toBeLessThan(30);
    expect(r.raw.length).toBeGreaterThan(10);
  });
});

describe('intrusion scenery seen weakly at the start', () => {
  /** A thing at the place of `spec`, detected under the person threshold for the first 3 s, then confirmed as a track from 6 s on. */
  function runWeak(spec: { x: number; y: number }, weakUntilFrame: number) {
    const ctx = context([Z]);
    let state = intrusionRule.init(ctx);
    const events: number[] = [];
    for (let f = 0; f < 60; f++) {
      const tMs = f * 200;
      const t = track({ id: 1, ...spec }, tMs);
      const obs = { tMs, tracks: f >= 30 ? [t] : [], weakDetections: f < weakUntilFrame ? [{ box: t.box, label: 'person' as const, score: 0.2 }] : [] };
      const out = intrusionRule.step(state, obs, ctx);
      state = out.state;
      if (out.events.length > 0) events.push(f);
    }
    return events;
  }

  it('a thing scored just under the threshold when the camera started, confirmed later, is scenery', () => {
    expect(runWeak({ x: 0.6, y: IN }, 60)).toEqual([]);
  });

  it('control: with no detection at its place during the startup, it appeared later and alerts', () => {
    expect(runWeak({ x: 0.6, y: IN }, 0)).toEqual([35]);
  });
});

describe('intrusion explain', () => {
  it('names the track closest to alerting with its dwell against minDwellSeconds', () => {
    const r = run({ frames: 3, at: () => [{ id: 4, x: 0.6, y: IN }] });
    const e = intrusionRule.explain!(r.states.at(-1)!, context([Z]));
    expect(e.reason).toBe('track:4 in zone z: inside 0.4 s, needs 1.0 s');
    expect(e.subjects).toEqual([{ id: 'track:4', phase: 'inside', reason: 'in zone z: inside 0.4 s, needs 1.0 s' }]);
  });

  it('says when a track inside is scenery, with its overlap against the move threshold', () => {
    const r = run({ warm: 0, frames: 20, at: () => [{ id: 1, x: 0.6, y: IN }] });
    const e = intrusionRule.explain!(r.states.at(-1)!, context([Z]));
    expect(e.subjects[0]).toMatchObject({ id: 'track:1', phase: 'scenery' });
    expect(e.reason).toMatch(/box overlap 1\.00 with its first box, moves below 0\.3/);
  });

  it('says when nothing is inside, or no zone is set', () => {
    expect(intrusionRule.explain!(intrusionRule.init(context([Z])), context([Z])).reason).toBe('no watched track inside a forbidden zone');
    expect(intrusionRule.explain!(intrusionRule.init(context([])), context([])).reason).toBe('no forbidden zone configured');
  });
});
