import { describe, expect, it } from 'vitest';
import type { Zone } from '../core/types.ts';
import { range, type RuleCase } from './testkit.ts';
import { BEND, FORWARD, HIPS_HIGH, LIE, SIT_CHAIR, SIT_FLOOR, STAND, fall, move, one, run, shift, type Row } from './person-down.testkit.ts';

type Case = RuleCase<Row>;

const watch = (x1: number, x2: number): Zone => ({
  id: 'w',
  kind: 'watch',
  polygon: [{ x: x1, y: 0 }, { x: x2, y: 0 }, { x: x2, y: 1 }, { x: x1, y: 1 }],
});

// The fall (frames 10-12) reaches the ground at frame 12 (t = 2.4 s).
const cases: Case[] = [
  { name: 'a fall, then lying: one alert downSeconds (2 s) after reaching the ground', frames: 60, at: one(fall), want: [[22, ['1']]] },
  { name: 'downSeconds 1 alerts one second after reaching the ground', frames: 40, params: { downSeconds: 1 }, at: one(fall), want: [[17, ['1']]] },
  { name: 'getting up 1.4 s after the fall: no alert', frames: 60, at: one((f) => (f < 19 ? fall(f) : move(f, LIE, STAND, 19, 2))), want: [] },
  { name: 'sitting down on a chair (1 s), then staying seated', frames: 60, at: one((f) => move(f, STAND, SIT_CHAIR, 10, 4)), want: [] },
  { name: 'sitting down on the floor slowly (3 s)', frames: 60, at: one((f) => move(f, STAND, SIT_FLOOR, 10, 14)), want: [] },
  { name: 'lying down deliberately (4 s), then lying', frames: 80, at: one((f) => move(f, STAND, LIE, 10, 19)), want: [] },
  {
    name: 'bending over quickly and staying bent for 3 s, hips high in the pose',
    frames: 60,
    at: (f) => ({ persons: [{ box: move(f, STAND, BEND, 10, 2), ...(f >= 11 && f < 26 ? { pose: { hipY: HIPS_HIGH } } : {}) }] }),
    want: [],
  },
  { name: 'the same bend without a pose looks like a fall (why the pose matters)', frames: 60, at: one((f) => move(f, STAND, BEND, 10, 2)), want: [[22, ['1']]] },
  { name: 'bending for a moment (0.6 s)', frames: 40, at: one((f) => (f < 15 ? move(f, STAND, BEND, 10, 2) : move(f, BEND, STAND, 15, 1))), want: [] },
  { name: 'lying from the first frame (never seen upright)', frames: 60, at: one(() => LIE), want: [] },
  {
    name: 'a wide static object boxed as a person from the first frame, a walker passing by',
    frames: 60,
    at: (f) => ({ persons: [{ id: 1, box: LIE }, { id: 2, box: shift(STAND, -0.4 + f * 0.015, 0) }] }),
    want: [],
  },
  {
    name: 'one alert per fall: fall, get up, fall again',
    frames: 100,
    at: one((f) => (f < 40 ? fall(f) : f < 60 ? move(f, LIE, STAND, 40, 2) : fall(f, 60))),
    want: [[22, ['1']], [72, ['1']]],
  },
  {
    name: 'seen from above, a person walking down the image (box keeps its size)',
    frames: 40,
    at: one((f) => shift(STAND, 0, Math.min(0.19, f * 0.04) - 0.1)),
    want: [],
  },
  { name: 'an ID switch onto a wide box elsewhere', frames: 40, at: one((f) => (f < 10 ? STAND : { x1: 0.02, y1: 0.7, x2: 0.35, y2: 0.8 })), want: [] },
  {
    name: 'a box shrinking all round (the person hidden behind something)',
    frames: 40,
    at: one((f) => move(f, STAND, { x1: 0.48, y1: 0.64, x2: 0.52, y2: 0.8 }, 10, 2)),
    want: [],
  },
  {
    name: 'lost by the tracker right after the fall, nothing sighted: no alert',
    frames: 40,
    at: (f) => ({ persons: f < 14 ? [{ box: fall(f) }] : f < 21 ? [{ box: LIE, state: 'lost' }] : [] }),
    want: [],
  },
  {
    name: 'lost, then dropped by the tracker, but the lying body is sighted: alert',
    frames: 40,
    at: (f) => ({
      persons: f < 14 ? [{ box: fall(f) }] : f < 21 ? [{ box: LIE, state: 'lost' }] : [],
      sightings: f >= 14 ? [{ trackId: 1, box: LIE, score: 0.6 }] : [],
    }),
    want: [[22, ['1']]],
  },
  {
    name: 'once down, the ID handed to an upright box elsewhere: the lying body, still sighted, alerts',
    frames: 40,
    at: (f) => ({
      persons: [{ box: f < 14 ? fall(f) : f < 16 ? LIE : { x1: 0.86, y1: 0.3, x2: 0.98, y2: 0.8 }, ...(f >= 14 && f < 16 ? { state: 'lost' as const } : {}) }],
      sightings: f >= 14 ? [{ trackId: 1, box: LIE, score: 0.6 }] : [],
    }),
    want: [[22, ['1']]],
  },
  {
    name: 'once down, the ID handed to an upright box elsewhere and nothing sighted: no recovery counted, no alert',
    frames: 40,
    at: (f) => ({ persons: [{ box: f < 14 ? fall(f) : { x1: 0.86, y1: 0.3, x2: 0.98, y2: 0.8 } }] }),
    want: [],
  },
  {
    name: 'fell towards the camera: a tall low box is on the ground when the pose shows a flat torso',
    frames: 40,
    at: (f) => ({ persons: [{ box: move(f, STAND, FORWARD, 10, 2), ...(f >= 11 ? { pose: { torsoDeg: 80, torsoScore: 0.5 } } : {}) }] }),
    want: [[22, ['1']]],
  },
  { name: 'the same tall low box without a pose is not', frames: 40, at: one((f) => move(f, STAND, FORWARD, 10, 2)), want: [] },
  { name: 'a fall outside the watch zones is ignored', frames: 40, zones: [watch(0.7, 1)], at: one(fall), want: [] },
  { name: 'a fall inside a watch zone counts', frames: 40, zones: [watch(0.3, 0.7)], at: one(fall), want: [[22, ['1']]] },
  { name: 'other labels never fall', frames: 40, at: one(fall, { label: 'bicycle' }), want: [] },
];

describe('person_down scenarios', () => {
  it.each(cases)('$name', (c) => {
    expect(run(range(c.frames).map(c.at), c.params, c.zones).rows).toEqual(c.want);
  });

  it('the event says what, where and for how long', () => {
    const { raw } = run(range(30).map(one(fall)));
    expect(raw).toHaveLength(1);
    expect(raw[0]).toMatchObject({ type: 'person_down', tMs: 4400, trackId: 1, box: LIE, score: 0.8 });
    expect(raw[0]!.message).toBe('person on the ground for 2.0 s after a fall');
    expect(raw[0]!.details).toMatchObject({ downSeconds: 2, descent: 0.68 });
  });
});

describe('person_down state', () => {
  it('goes standing -> falling -> down, and is evicted once the track has been gone for BODY_SEEN_MS', () => {
    const { states } = run(range(32).map((f) => (f < 25 ? one(fall)(f) : { persons: [] })));
    const phase = (i: number) => states[i]!.tracks.get(1)?.phase;
    expect([phase(9), phase(11), phase(12), phase(24), phase(29)]).toEqual(['standing', 'falling', 'down', 'down', 'down']);
    expect(states[30]!.tracks.size).toBe(0);
  });

  it('a standing person whose track is gone is evicted at once', () => {
    const { states } = run(range(12).map((f) => (f < 10 ? one(() => STAND)(f) : { persons: [] })));
    expect(states[9]!.tracks.size).toBe(1);
    expect(states[10]!.tracks.size).toBe(0);
  });

  it('keeps a bounded history per track', () => {
    const { states } = run(range(600).map(one((f) => shift(STAND, 0.001 * (f % 50), 0))));
    expect(states[599]!.tracks.get(1)!.history.length).toBeLessThanOrEqual(18);
  });
});
