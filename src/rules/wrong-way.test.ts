import { describe, expect, it } from 'vitest';
import type { Zone } from '../core/types.ts';
import type { RuleParams } from '../config/schema.ts';
import { wrongWayRule } from './wrong-way.ts';
import { context as baseContext, eventRows, range, replay, type RuleCase, type TrackSpec } from './testkit.ts';
import { parkMiller } from '../core/random.ts';

/** The tables below are written for a 1-s span (5 frames); the default span has its own case. */
const context = (zones: readonly Zone[], params: Partial<RuleParams> = {}) => baseContext(zones, { wrongWayMinSeconds: 1, ...params });

const square = (x1: number, y1: number, x2: number, y2: number) => [
  { x: x1, y: y1 },
  { x: x2, y: y1 },
  { x: x2, y: y2 },
  { x: x1, y: y2 },
];
/** A one-way aisle, allowed direction up the image. */
const F: Zone = { id: 'aisle', kind: 'flow', polygon: square(0.05, 0.05, 0.95, 0.95), direction: { x: 0, y: -1 } };
const car = { label: 'car' as const, w: 0.12, h: 0.25 };

/** A car whose anchor starts at (x0, y0) and moves by `per` (normalised units) each 200 ms frame along angleDeg from "up". */
function mover(id: number, x0: number, y0: number, angleDeg: number, per: number) {
  const a = (angleDeg * Math.PI) / 180;
  const dx = Math.sin(a) * per;
  const dy = -Math.cos(a) * per;
  return (f: number): TrackSpec => ({ ...car, id, x: x0 + dx * f, y: y0 + dy * f, vx: dx * 5, vy: dy * 5 });
}

const jitter = parkMiller(3);

type Case = RuleCase;

const down = mover(1, 0.5, 0.15, 180, 0.03);
const cases: Case[] = [
  { name: 'going the allowed way: no alert', frames: 25, at: (f) => [mover(1, 0.5, 0.9, 0, 0.03)(f)], want: [] },
  { name: 'going against: one alert after 1 s of motion', frames: 25, at: (f) => [down(f)], want: [[5, ['1@aisle']]] },
  { name: 'perpendicular: no alert at the default 120°', frames: 25, at: (f) => [mover(1, 0.1, 0.5, 90, 0.03)(f)], want: [] },
  { name: '110° off: no alert', frames: 25, at: (f) => [mover(1, 0.1, 0.3, 110, 0.03)(f)], want: [] },
  { name: '130° off: alert', frames: 25, at: (f) => [mover(1, 0.1, 0.1, 130, 0.03)(f)], want: [[5, ['1@aisle']]] },
  {
    name: 'lowering wrongWayAngleDeg to 90 catches a 92° course',
    frames: 25,
    params: { wrongWayAngleDeg: 90 },
    at: (f) => [mover(1, 0.1, 0.5, 92, 0.03)(f)],
    want: [[5, ['1@aisle']]],
  },
  {
    name: 'too small a displacement (0.053 of the diagonal in 1 s): no alert',
    frames: 25,
    at: (f) => [mover(1, 0.5, 0.2, 180, 0.015)(f)],
    want: [],
  },
  {
    name: 'just above the distance floor (0.071 of the diagonal in 1 s): alert',
    frames: 25,
    at: (f) => [mover(1, 0.5, 0.2, 180, 0.02)(f)],
    want: [[5, ['1@aisle']]],
  },
  {
    name: 'a fast car crossing a small view (0.255 of the diagonal in 0.6 s): alert at 0.6 of the span',
    frames: 8,
    at: (f) => [mover(1, 0.5, 0.1, 180, 0.12)(f)],
    want: [[3, ['1@aisle']]],
  },
  {
    name: 'not quite fast enough (0.17 in 0.6 s, 0.23 in 0.8 s): waits for the whole span',
    frames: 8,
    at: (f) => [mover(1, 0.5, 0.1, 180, 0.08)(f)],
    want: [[5, ['1@aisle']]],
  },
  { name: 'a fast car going the allowed way: no alert', frames: 8, at: (f) => [mover(1, 0.5, 0.9, 0, 0.12)(f)], want: [] },
  {
    name: 'a track lost for a frame and found again further on: the course restarts there, never across the gap',
    frames: 14,
    at: (f) => [
      f < 7
        ? { ...car, id: 1, x: 0.5, y: 0.3 }
        : f === 7
          ? { ...car, id: 1, x: 0.5, y: 0.3, state: 'lost' as const }
          : { ...car, id: 1, x: 0.5, y: 0.45 + 0.05 * (f - 8) },
    ],
    // Measured across the gap, the jump would have completed a steady-looking course at frame 11.
    want: [[13, ['1@aisle']]],
  },
  {
    name: 'a jittery stationary track: no alert',
    frames: 150,
    at: () => [{ ...car, id: 1, x: 0.5 + (jitter() - 0.5) * 0.04, y: 0.5 + (jitter() - 0.5) * 0.04 }],
    want: [],
  },
  {
    name: 'a track that jumps back once (ID handed to the car behind) while moving the allowed way: no alert',
    frames: 25,
    zones: [{ ...F, direction: { x: 0, y: 1 } }],
    at: (f) => [{ ...car, id: 1, x: 0.5, y: 0.5 + 0.03 * f - (f >= 3 ? 0.3 : 0) }],
    want: [],
  },
  {
    name: 'history starts at the zone: the span counts from the entry',
    frames: 25,
    zones: [{ ...F, polygon: square(0.05, 0.5, 0.95, 0.95) }],
    at: (f) => [mover(1, 0.5, 0.2, 180, 0.03)(f)],
    want: [[15, ['1@aisle']]],
  },
  {
    name: 'once per track: leaving and coming back against the flow does not alert again',
    frames: 60,
    at: (f) => [{ ...down(f % 28), id: 1 }],
    want: [[5, ['1@aisle']]],
  },
  {
    name: 'lost and tentative tracks never alert',
    frames: 25,
    at: (f) => [
      { ...down(f), state: 'lost' },
      { ...mover(2, 0.2, 0.15, 180, 0.03)(f), state: 'tentative' },
    ],
    want: [],
  },
  {
    name: 'the class filter: a person-only zone ignores a car',
    frames: 25,
    zones: [{ ...F, groups: ['person'] }],
    at: (f) => [down(f), { ...mover(2, 0.2, 0.15, 180, 0.03)(f), label: 'person', w: 0.05, h: 0.15 }],
    want: [[5, ['2@aisle']]],
  },
  {
    name: 'ID switch: the same car under a new ID a moment later, further on, does not alert again',
    frames: 25,
    at: (f) => (f < 10 ? [down(f)] : f < 12 ? [] : [{ ...down(f), id: 2 }]),
    want: [[5, ['1@aisle']]],
  },
  {
    name: 'a second car the wrong way in the other lane alerts',
    frames: 25,
    at: (f) => (f < 10 ? [down(f)] : f < 12 ? [] : [{ ...down(f), id: 2, x: 0.85 }]),
    want: [[5, ['1@aisle']], [17, ['2@aisle']]],
  },
  {
    name: 'a second car at the same place 4 s later alerts',
    frames: 50,
    at: (f) => (f < 10 ? [down(f)] : f < 30 ? [] : [{ ...down(f - 30), id: 2 }]),
    want: [[5, ['1@aisle']], [35, ['2@aisle']]],
  },
  {
    name: 'a car the detector calls a suitcase (seen from overhead), going against: alerts',
    frames: 25,
    at: (f) => [{ ...down(f), label: 'suitcase' }],
    want: [[5, ['1@aisle']]],
  },
  {
    name: 'a misnamed car going the allowed way: no alert',
    frames: 25,
    at: (f) => [{ ...mover(1, 0.5, 0.9, 0, 0.03)(f), label: 'handbag' }],
    want: [],
  },
  {
    name: 'static clutter called a bag, its box jittering: no alert',
    frames: 150,
    at: () => [{ ...car, id: 1, label: 'backpack', x: 0.5 + (jitter() - 0.5) * 0.04, y: 0.5 + (jitter() - 0.5) * 0.04 }],
    want: [],
  },
  {
    name: 'a walker pulling a suitcase against the flow: one alert, the person (the bag is carried)',
    frames: 25,
    at: (f) => [
      { ...mover(1, 0.5, 0.15, 180, 0.03)(f), label: 'person', w: 0.06, h: 0.2 },
      { ...mover(2, 0.51, 0.15, 180, 0.03)(f), label: 'suitcase', w: 0.03, h: 0.05 },
    ],
    want: [[5, ['1@aisle']]],
  },
  {
    name: 'in a vehicle-only zone, a pedestrian pulling a suitcase against the flow: no alert',
    frames: 25,
    zones: [{ ...F, groups: ['vehicle'] }],
    at: (f) => [
      { ...mover(1, 0.5, 0.15, 180, 0.03)(f), label: 'person', w: 0.06, h: 0.2 },
      { ...mover(2, 0.51, 0.15, 180, 0.03)(f), label: 'suitcase', w: 0.03, h: 0.05 },
    ],
    want: [],
  },
];

describe('wrong_way scenarios', () => {
  it('with the default span (1.5 s), going against alerts once the history covers 1.5 s', () => {
    const r = replay(wrongWayRule, baseContext([F]), range(25).map((f) => [down(f)]));
    expect(eventRows(r.events)).toEqual([[8, ['1@aisle']]]);
  });

  it('a stationary track that then jumps backwards (a hijacked ID) does not alert', () => {
    const still = (): TrackSpec => ({ ...car, id: 1, x: 0.5, y: 0.4 });
    const jump = (f: number): TrackSpec => ({ ...car, id: 1, x: 0.5, y: 0.4 + 0.08 * (f - 4) });
    const r = replay(wrongWayRule, context([F]), range(8).map((f) => [f < 5 ? still() : jump(f)]));
    expect(r.raw).toEqual([]);
  });

  it.each(cases)('$name', (c) => {
    const r = replay(wrongWayRule, context(c.zones ?? [F], c.params), range(c.frames).map(c.at));
    expect(eventRows(r.events)).toEqual(c.want);
  });

  it('the event carries the angle, the distance and the span', () => {
    const r = replay(wrongWayRule, context([F]), range(8).map((f) => [down(f)]));
    expect(r.raw).toHaveLength(1);
    const e = r.raw[0]!;
    expect(e).toMatchObject({ type: 'wrong_way', tMs: 1000, zoneId: 'aisle', trackId: 1 });
    expect(e.details).toEqual({ angleDeg: 180, distance: 0.106, spanSeconds: 1 });
    expect(e.message).toBe('car going the wrong way in zone aisle (180° off the allowed direction)');
  });

  it('a zone without a direction raises nothing', () => {
    const { direction: _d, ...noDir } = F;
    const r = replay(wrongWayRule, context([noDir]), range(20).map((f) => [down(f)]));
    expect(r.raw).toEqual([]);
  });
});

describe('wrong_way state', () => {
  it('is evicted for gone tracks, and marks expire', () => {
    const r = replay(wrongWayRule, context([F]), range(40).map((f) => (f < 10 ? [down(f), mover(2, 0.3, 0.9, 0, 0.03)(f)] : [])));
    expect(r.states[9]!.courses.size).toBe(2);
    expect(r.states[10]!.courses.size).toBe(0);
    expect(r.states[9]!.marks).toHaveLength(1);
    expect(r.states[39]!.marks).toEqual([]);
  });

  it('keeps a bounded history per track', () => {
    const r = replay(wrongWayRule, context([F]), range(500).map((f) => [mover(1, 0.5, 0.9, 0, 0.0015)(f)]));
    const history = r.states.at(-1)!.courses.get('1:aisle')!.history;
    expect(history.length).toBeLessThanOrEqual(6);
    expect(history.at(-1)!.tMs - history[0]!.tMs).toBe(1000);
  });
});

describe('wrong_way explain', () => {
  it('names the course closest to alerting with its angle and distance against the thresholds', () => {
    const slow = mover(1, 0.5, 0.2, 180, 0.01);
    const r = replay(wrongWayRule, context([F]), range(8).map((f) => [slow(f)]));
    const e = wrongWayRule.explain!(r.states.at(-1)!, context([F]));
    expect(e.reason).toBe('track:1 car in zone aisle: too little motion: angle 180° (needs 120°), distance 0.035 (needs 0.060) over 1.0 s');
    expect(e.subjects).toHaveLength(1);
  });

  it('a course going with the flow says so', () => {
    const r = replay(wrongWayRule, context([F]), range(8).map((f) => [mover(1, 0.5, 0.9, 0, 0.03)(f)]));
    expect(wrongWayRule.explain!(r.states.at(-1)!, context([F])).subjects[0]).toMatchObject({ phase: 'along' });
  });

  it('says when no flow zone is set', () => {
    expect(wrongWayRule.explain!(wrongWayRule.init(context([])), context([])).reason).toBe('no flow zone with a direction configured');
  });
});
