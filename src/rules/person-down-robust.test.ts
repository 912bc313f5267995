/**
 * person_down on footage unlike the dev clips: falls the tracker splits or loses, bodies beside the
 * upright box, cut by the frame edge or lying end-on, and the look-alikes that must stay silent.
 */
import { describe, expect, it } from 'vitest';
import type { Box } from '../core/types.ts';
import { range, type RuleCase } from './testkit.ts';
import { LIE, SIT_FLOOR, STAND, fall, move, one, run, shift, type Row } from './person-down.testkit.ts';
import { personDownRule } from './person-down.ts';
import { fallOnset, type BoxSample } from './person-down-evidence.ts';
import { context } from './testkit.ts';

/** Landed beside the upright box (its near edge a hair from it), wide. */
const SIDE: Box = { x1: 0.56, y1: 0.66, x2: 0.98, y2: 0.8 };
/** Wide, cut by the bottom edge of the frame, shorter than half the standing height. */
const CUT: Box = { x1: 0.38, y1: 0.82, x2: 0.62, y2: 1.0 };
/** Along the line of sight: short and narrow. */
const END_ON: Box = { x1: 0.44, y1: 0.62, x2: 0.56, y2: 0.82 };
/** A piece of the fallen person (an arm, the legs): low, far shorter than a body. */
const PIECE: Box = { x1: 0.48, y1: 0.7, x2: 0.52, y2: 0.8 };
const KNEEL: Box = { x1: 0.44, y1: 0.45, x2: 0.58, y2: 0.8 };
/** A quarter of the standing height down, shorter. */
const HALF_DOWN: Box = { x1: 0.45, y1: 0.43, x2: 0.55, y2: 0.8 };
const HELPER: Box = { x1: 0.5, y1: 0.3, x2: 0.62, y2: 0.8 };
const scale = (b: Box, k: number): Box => ({ x1: b.x1 * k, y1: b.y1 * k, x2: b.x2 * k, y2: b.y2 * k });

type Case = RuleCase<Row>;

// The fall (frames 10-12) reaches the ground at frame 12; downSeconds 2 is 10 frames.
const cases: Case[] = [
  { name: 'landing beside the upright box, within a step of it', frames: 40, at: one((f) => move(f, STAND, SIDE, 10, 2)), want: [[22, ['1']]] },
  { name: 'the same box two thirds of a height further (a walker leaving sideways)', frames: 40, at: one((f) => move(f, STAND, shift(SIDE, 0.3, 0), 10, 2)), want: [] },
  { name: 'a wide body cut by the frame bottom, shorter than half a height', frames: 40, at: one((f) => move(f, STAND, CUT, 10, 2)), want: [[22, ['1']]] },
  { name: 'the same box inside the frame is a part of someone', frames: 40, at: one((f) => move(f, STAND, shift(CUT, 0, -0.05), 10, 2)), want: [] },
  {
    name: 'lying end-on: a short box, the pose a foreshortened torso with low shoulders',
    frames: 40,
    at: (f) => ({ persons: [{ box: move(f, STAND, END_ON, 10, 2), ...(f >= 12 ? { pose: { shoulders: { x: 0.5, y: 0.66 }, hips: { x: 0.5, y: 0.72 }, torsoScore: 0.6, torsoDeg: 0 } } : {}) }] }),
    want: [[22, ['1']]],
  },
  { name: 'the same short box without a pose', frames: 40, at: one((f) => move(f, STAND, END_ON, 10, 2)), want: [] },
  {
    name: 'the same short box with a full-length upright torso (sitting)',
    frames: 40,
    at: (f) => ({ persons: [{ box: move(f, STAND, END_ON, 10, 2), ...(f >= 12 ? { pose: { shoulders: { x: 0.5, y: 0.63 }, hips: { x: 0.5, y: 0.79 }, torsoScore: 0.6, torsoDeg: 0 } } : {}) }] }),
    want: [],
  },
  { name: 'once down, later boxes that fail the entry tests (a piece of the body) still alert', frames: 40, at: one((f) => (f < 14 ? fall(f) : PIECE)), want: [[22, ['1']]] },
  {
    name: 'once down, the body seen one frame in two: alert',
    frames: 40,
    at: (f) => ({ persons: [{ box: f < 13 ? fall(f) : LIE, ...(f >= 13 && f % 2 === 1 ? { state: 'lost' as const } : {}) }] }),
    want: [[22, ['1']]],
  },
  {
    name: 'once down, the body seen one frame in three: no alert',
    frames: 40,
    at: (f) => ({ persons: [{ box: f < 13 ? fall(f) : LIE, ...(f >= 13 && f % 3 !== 0 ? { state: 'lost' as const } : {}) }] }),
    want: [],
  },
  { name: 'a low wide box that keeps travelling (a walker, not a body)', frames: 40, at: one((f) => (f < 12 ? fall(f) : shift(LIE, 0.06 * (f - 12), 0))), want: [] },
  {
    name: 'the tracker follows a piece; a track born after the fall holds the body: alert on the person',
    frames: 40,
    at: (f) => ({ persons: [{ id: 1, box: f < 12 ? fall(f) : PIECE }, ...(f >= 12 ? [{ id: 2, box: LIE, firstSeenMs: 2200 }] : [])] }),
    want: [[22, ['1']]],
  },
  {
    name: 'the same body on a track older than the fall is not a stand-in',
    frames: 40,
    at: (f) => ({ persons: [{ id: 1, box: f < 12 ? fall(f) : PIECE }, ...(f >= 12 ? [{ id: 2, box: LIE, firstSeenMs: 0 }] : [])] }),
    want: [],
  },
  {
    name: 'a helper born after the fall standing over the lost body does not stand in for it',
    frames: 40,
    at: (f) => ({ persons: [...(f < 14 ? [{ id: 1, box: fall(f) }] : []), ...(f >= 14 ? [{ id: 2, box: HELPER, firstSeenMs: 2800 }] : [])] }),
    want: [],
  },
  {
    name: 'two tracks on one falling person: one alert',
    frames: 40,
    at: (f) => ({ persons: [{ id: 1, box: fall(f) }, { id: 2, box: shift(fall(f), 0.01, 0) }] }),
    want: [[22, ['1']]],
  },
  {
    name: 'kneeling slowly, then toppling over 2.4 s after the last upright box',
    frames: 50,
    at: one((f) => (f < 22 ? move(f, STAND, KNEEL, 10, 8) : move(f, KNEEL, LIE, 22, 2))),
    want: [[33, ['1']]],
  },
  { name: 'kneeling slowly, then lying down slowly', frames: 60, at: one((f) => (f < 22 ? move(f, STAND, KNEEL, 10, 8) : move(f, KNEEL, LIE, 22, 15))), want: [] },
  {
    // Reference: the upright box of frame 6; falling from frame 11 (top down 0.26), on the ground at
    // frame 20: 2.8 s after the upright box, 1.8 s after the start.
    name: 'a quick start, then on the ground 1.8 s later (2.8 s after the upright box): the window runs from the start',
    frames: 50,
    at: one((f) => (f < 18 ? move(f, STAND, HALF_DOWN, 9, 2) : move(f, HALF_DOWN, LIE, 18, 3))),
    want: [[30, ['1']]],
  },
  { name: 'upright boxes the detector was never sure of are no reference', frames: 40, at: one(fall, { sure: false }), want: [] },
  { name: 'a person under 15 % of the frame height is not judged', frames: 40, at: one((f) => scale(fall(f), 0.24)), want: [] },
  { name: 'unless the camera is calibrated for far persons (fallMinHeight)', frames: 40, params: { fallMinHeight: 0.1 }, at: one((f) => scale(fall(f), 0.24)), want: [[22, ['1']]] },
  { name: 'a camera calibrated to need the top further down (fallDescent 0.75)', frames: 40, params: { fallDescent: 0.75 }, at: one(fall), want: [] },
];

describe('person_down beyond the dev clips', () => {
  it.each(cases)('$name', (c) => {
    expect(run(range(c.frames).map(c.at), c.params, c.zones).rows).toEqual(c.want);
  });
});

describe('fallOnset without a recent upright box', () => {
  // Upright until 1 s, then weak boxes (kneeling or sitting, not references) for 1.6 s, then lying
  // flat: the top 0.3 standing heights below sitting, 0.5 below kneeling.
  const FLAT: Box = { x1: 0.25, y1: 0.7, x2: 0.75, y2: 0.8 };
  const history = (low: Box): BoxSample[] => [
    ...[0, 200, 400, 600, 800, 1000].map((tMs) => ({ tMs, box: STAND })),
    ...[1200, 1400, 1600, 1800, 2000, 2200, 2400, 2600].map((tMs) => ({ tMs, box: low, weak: true })),
  ];
  it.each([
    { name: 'a topple from kneeling starts a fall from the last upright box', low: KNEEL, at: 2800, want: 0 },
    { name: 'lying back from sitting on the floor does not', low: SIT_FLOOR, at: 2800, want: undefined },
    { name: 'nor a topple more than 3 s after the upright box', low: KNEEL, at: 4200, want: undefined },
  ])('$name', ({ low, at, want }) => {
    const h = at > 2800 ? [...history(low), ...[2800, 3000, 3200, 3400, 3600, 3800, 4000].map((tMs) => ({ tMs, box: low, weak: true }))] : history(low);
    expect(fallOnset(h, FLAT, at, 1)?.tMs).toBe(want);
  });
});

describe('person_down explain', () => {
  const ctx = context([]);

  it('names the person closest to firing, with the measure it lacks', () => {
    const { states } = run(range(30).map(one((f) => (f < 14 ? fall(f) : LIE))));
    const down = personDownRule.explain!(states[16]!, ctx);
    expect(down.reason).toMatch(/^track:1: down, down for 0\.8 s of 2\.0 s; body seen 0\.0 s ago, in 5\/5 frames$/);
    expect(down.subjects).toEqual([{ id: 'track:1', phase: 'down', reason: expect.stringContaining('down for 0.8 s') }]);
    const { states: sitting } = run(range(20).map(one((f) => move(f, STAND, { x1: 0.43, y1: 0.45, x2: 0.57, y2: 0.8 }, 10, 1))));
    expect(personDownRule.explain!(sitting[11]!, ctx).reason).toMatch(/^track:1: falling, .* own box: top down 0\.30 of standing height, needs 0\.5$/);
    expect(personDownRule.explain!(personDownRule.init(ctx), ctx).reason).toBe('no person tracked');
  });
});
