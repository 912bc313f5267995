import { describe, expect, it } from 'vitest';
import type { RuleParams } from '../config/schema.ts';
import { FLOW_SUMMARY, STILL, type FlowSummary } from '../analyzers/flow/summary.ts';
import { CROWD_MOTION, type CrowdMotion } from '../analyzers/flow/crowd-motion.ts';

import { createExtras } from './extras.ts';
import { context, range } from './testkit.ts';
import { crowdMovementRule, MAX_FREEZE_MS, type CrowdMovementState } from './crowd-movement.ts';
import type { RuleEvent } from '../core/types.ts';
import { mulberry32 } from '../core/random.ts';

/** The usual scene: movers at 0.07 frame widths/s over 4 % of the frame, +-12 % / +-15 % jitter. */
const SPEED = 0.07;
const FRACTION = 0.04;

interface Shape {
  /** Multipliers of the usual speed and moving fraction, and the divergence (1/s). */
  readonly speed?: number;
  readonly fraction?: number;
  readonly divergence?: number;
  /** No summary this frame (first frame, a gap). */
  readonly none?: boolean;
  /** The camera pans: 90 % of the textured pixels move, all one way. */
  readonly pan?: boolean;
}

function summaries(seconds: number, at: (t: number) => Shape, seed = 3): (FlowSummary | undefined)[] {
  const r = mulberry32(seed);
  return range(seconds * 5).map((f) => {
    const s = at(f / 5);
    if (s.none) return undefined;
    const meanSpeed = SPEED * (s.speed ?? 1) * (1 + 0.24 * (r() - 0.5));
    const movingFraction = FRACTION * (s.fraction ?? 1) * (1 + 0.3 * (r() - 0.5));
    if (movingFraction === 0) return { dtMs: 200, ...STILL };
    const divergence = (s.divergence ?? 0) + 0.3 * (r() - 0.5);
    const [movingPixels, coherence] = s.pan ? [1800, 0.95] : [100, 0.3];
    return {
      dtMs: 200,
      meanSpeed,
      movingFraction,
      energy: meanSpeed * movingFraction,
      coherence,
      divergence,
      movingPixels,
      validPixels: 2000,
      cameraMotion: s.pan === true,
    };
  });
}

/** What the persons do at a frame: their body speeds (body heights/s) and the crowd-motion shares. */
interface Bodies {
  readonly speeds?: readonly number[];
  /** Share of the view moving, share of it on persons, turbulence. */
  readonly share?: number;
  readonly personShare?: number;
  readonly turbulence?: number;
}

function motions(seconds: number, at: (t: number) => Bodies): CrowdMotion[] {
  return range(seconds * 5).map((f) => {
    const b = at(f / 5);
    return {
      bodySpeeds: b.speeds ?? [0.6, 0.7, 0.5, 0.8, 0.6, 0.7],
      movingCellShare: b.share ?? 0.08,
      personCellShare: b.personShare ?? 0.3,
      turbulence: b.turbulence ?? 0.45,
    };
  });
}

function run(rows: readonly (FlowSummary | undefined)[], params: Partial<RuleParams> = {}, crowd: readonly CrowdMotion[] = []) {
  const ctx = context([], params);
  let state = crowdMovementRule.init(ctx);
  const events: RuleEvent[] = [];
  const states: CrowdMovementState[] = [];
  rows.forEach((s, f) => {
    const { extras, writer } = createExtras();
    if (s) writer.set(FLOW_SUMMARY, s);
    if (s && crowd[f]) writer.set(CROWD_MOTION, crowd[f]);
    const out = crowdMovementRule.step(state, { tMs: f * 200, tracks: [], extras }, ctx);
    state = out.state;
    states.push(state);
    events.push(...out.events);
  });
  return { times: events.map((e) => e.tMs / 1000), events, states, ctx };
}

const from = (t0: number, s: Shape) => (t: number): Shape => (t >= t0 ? s : {});
const between = (t0: number, t1: number, s: Shape) => (t: number): Shape => (t >= t0 && t < t1 ? s : {});

interface Case {
  readonly name: string;
  readonly seconds: number;
  readonly at: (t: number) => Shape;
  readonly params?: Partial<RuleParams>;
  /** [from, to] (s) of each expected alert, in order. */
  readonly want: readonly (readonly [number, number])[];
}

const cases: Case[] = [
  { name: 'steady walking: nothing', seconds: 120, at: () => ({}), want: [] },
  { name: 'everyone x3 faster from 20 s: one alert 1-2 s later', seconds: 40, at: from(20, { speed: 3 }), want: [[21, 22]] },
  { name: 'x2.5 faster: one alert', seconds: 40, at: from(20, { speed: 2.5 }), want: [[21, 22]] },
  { name: 'x1.6 faster (brisk walk): nothing', seconds: 40, at: from(20, { speed: 1.6 }), want: [] },
  { name: 'single-frame spikes x5 every 3 s: nothing', seconds: 60, at: (t) => (Math.round(t * 5) % 15 === 0 ? { speed: 5, fraction: 2 } : {}), want: [] },
  { name: 'two-frame spikes x5: nothing', seconds: 60, at: (t) => (Math.round(t * 5) % 15 < 2 ? { speed: 5 } : {}), want: [] },
  { name: 'a 0.8 s burst x3: nothing', seconds: 40, at: between(20, 20.8, { speed: 3 }), want: [] },
  { name: 'a rush before the warm-up ends, without persons to measure, is learned as normal', seconds: 60, at: from(5, { speed: 3 }), want: [] },
  { name: 'a slow ramp to x3 over 60 s: nothing', seconds: 100, at: (t) => ({ speed: 1 + 2 * Math.min(1, Math.max(0, (t - 20) / 60)) }), want: [] },
  { name: 'a steady fast flow from the start: nothing', seconds: 60, at: () => ({ speed: 4 }), want: [] },
  { name: 'a few fast stragglers (x3 speed, 30 % of the moving area): nothing', seconds: 40, at: from(20, { speed: 3, fraction: 0.3 }), want: [] },
  { name: 'the crowd grows x4 at walking pace: nothing', seconds: 40, at: from(20, { fraction: 4 }), want: [] },
  { name: 'dispersal: more motion, spreading out at 2/s: one alert', seconds: 40, at: from(20, { fraction: 3, divergence: 2 }), want: [[21, 22]] },
  { name: 'spreading without more motion: nothing', seconds: 40, at: from(20, { divergence: 2 }), want: [] },
  { name: 'converging with more motion: nothing', seconds: 40, at: from(20, { fraction: 3, divergence: -2 }), want: [] },
  { name: 'the camera pans for 3 s (the whole scene slides fast one way): nothing', seconds: 40, at: between(20, 23, { speed: 5, fraction: 10, pan: true }), want: [] },
  { name: 'nothing moves (a still image): nothing', seconds: 30, at: () => ({ fraction: 0 }), want: [] },
  { name: 'frames without a summary are skipped', seconds: 40, at: (t) => (Math.round(t * 5) % 4 === 0 ? { none: true } : t >= 20 ? { speed: 3 } : {}), want: [[21, 22.5]] },
  {
    name: 'two rushes 6 s apart: two alerts',
    seconds: 50,
    at: (t) => (t >= 20 && t < 24) || (t >= 30 && t < 34) ? { speed: 3 } : {},
    want: [
      [21, 22],
      [31, 32],
    ],
  },
  { name: 'a rush with a 1 s lull (under the re-arm time): one alert', seconds: 40, at: (t) => (t >= 20 && t < 24) || (t >= 25 && t < 29) ? { speed: 3 } : {}, want: [[21, 22]] },
  { name: 'crowdMovementSeconds 3: later alert', seconds: 40, params: { crowdMovementSeconds: 3 }, at: from(20, { speed: 3 }), want: [[23, 24]] },
  { name: 'crowdMovementFactor 4: x3 is not enough', seconds: 40, params: { crowdMovementFactor: 4 }, at: from(20, { speed: 3 }), want: [] },
  {
    name: 'crowdMovementWarmupSeconds 30: a jump at 20 s is part of the ordinary peaks by then: nothing',
    seconds: 60,
    params: { crowdMovementWarmupSeconds: 30 },
    at: from(20, { speed: 3 }),
    want: [],
  },
  {
    name: 'a scene that usually lingers but sometimes walks: walking again is not beyond its peaks',
    seconds: 60,
    at: (t) => ((t >= 3 && t < 6) || t >= 30 ? { speed: 4 } : {}),
    want: [],
  },
];

describe('crowd_movement scenarios', () => {
  it.each(cases)('$name', (c) => {
    const { times } = run(summaries(c.seconds, c.at), c.params);
    expect(times).toHaveLength(c.want.length);
    times.forEach((t, i) => {
      expect(t).toBeGreaterThanOrEqual(c.want[i]![0]);
      expect(t).toBeLessThanOrEqual(c.want[i]![1]);
    });
  });

  it('a lasting new normal alerts once, then becomes the baseline and re-arms', () => {
    const seconds = 20 + (MAX_FREEZE_MS / 1000) * 3;
    const { times, states } = run(summaries(seconds, (t) => (t >= 20 + seconds - 40 ? { speed: 9 } : t >= 20 ? { speed: 3 } : {})));
    expect(times).toHaveLength(2);
    expect(times[0]).toBeLessThan(22);
    // The second jump is x3 over the new normal.
    expect(times[1]).toBeGreaterThan(seconds - 20);
    expect(states[Math.round((seconds - 21) * 5)]!.alertedAtMs).toBeUndefined();
  });

  it('the event says what and how much', () => {
    const { events } = run(summaries(30, from(20, { speed: 3 })));
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e).toMatchObject({ type: 'crowd_movement' });
    expect(e.trackId).toBeUndefined();
    expect(e.score).toBeGreaterThan(0);
    expect(e.score).toBeLessThanOrEqual(1);
    expect(e.details!.speedRatio).toBeGreaterThan(2);
    expect(e.message).toMatch(/^sudden collective movement: motion .*x, speed .*x the usual for .* s$/);
  });
});

describe('crowd_movement state', () => {
  it('stays bounded: the baseline holds at most crowdMovementBaselineSeconds of frames', () => {
    const { states } = run(summaries(600, () => ({})));
    const last = states[states.length - 1]!;
    expect(last.baseline.speed.length).toBeLessThanOrEqual(60 * 5 + 1);
    expect(last.baseline.energy.length).toBeGreaterThan(250);
    expect(last.recent.length).toBeLessThanOrEqual(5);
  });

  it('a jump left pending (hovering between the half and full thresholds) unfreezes after MAX_FREEZE_MS', () => {
    const seconds = 20 + (MAX_FREEZE_MS / 1000) * 2.5;
    const { times, states } = run(summaries(seconds, (t) => (t >= 20 && t < 20.8 ? { speed: 3 } : t >= 20.8 ? { speed: 1.8 } : {})));
    expect(times).toEqual([]);
    expect(states[Math.round(22 * 5)]!.excitedSinceMs).toBeDefined();
    const last = states[states.length - 1]!;
    expect(last.excitedSinceMs).toBeUndefined();
    const speeds = last.baseline.speed.map((s) => s.value).sort((a, b) => a - b);
    expect(speeds[speeds.length >> 1]! / SPEED).toBeCloseTo(1.8, 1);
  });

  it('the baseline is frozen while a jump is pending or alerted', () => {
    const { states } = run(summaries(40, from(20, { speed: 3 })));
    const at = (t: number) => states[Math.round(t * 5)]!;
    expect(at(25).baseline.speed).toBe(at(35).baseline.speed);
    expect(at(10).baseline.speed).not.toBe(at(12).baseline.speed);
  });
});

const crush: Bodies = { share: 0.6, personShare: 0.6, turbulence: 0.9 };
const running: Bodies = { speeds: [2, 2.2, 1.9, 2.4, 0.7, 0.6] };

interface PriorCase {
  readonly name: string;
  readonly seconds: number;
  readonly at?: (t: number) => Shape;
  readonly bodies: (t: number) => Bodies;
  readonly want: readonly (readonly [number, number])[];
}

const priorCases: PriorCase[] = [
  { name: 'a crush from the first frame (a mass of people filling the view, turbulent): one alert', seconds: 14, bodies: () => crush, want: [[1, 2.6]] },
  { name: 'a dense steady flow from the start (same mass, velocity kept): nothing', seconds: 30, bodies: () => ({ ...crush, turbulence: 0.3 }), want: [] },
  { name: 'a turbulent mass that is not people (foliage, water: 5 % on persons): nothing', seconds: 30, bodies: () => ({ ...crush, personShare: 0.05 }), want: [] },
  { name: 'turbulent people in a small part of the view: nothing', seconds: 30, bodies: () => ({ ...crush, share: 0.15 }), want: [] },
  { name: 'one person close to a shaking camera (turbulent, filling the view): not a crowd, nothing', seconds: 30, bodies: () => ({ ...crush, speeds: [0.4] }), want: [] },
  { name: 'four of six persons run from 3 s, before any baseline: one alert', seconds: 20, bodies: (t) => (t >= 3 ? running : {}), want: [[4, 5]] },
  { name: 'one runner among walkers: nothing', seconds: 30, bodies: () => ({ speeds: [2.5, 0.7, 0.6, 0.8, 0.5, 0.7] }), want: [] },
  { name: 'brisk walkers (1.1 body heights/s): nothing', seconds: 30, bodies: () => ({ speeds: [1.1, 1.1, 1, 1.2, 1.1, 1] }), want: [] },
  {
    name: 'a scene where someone often jogs: the prior stops judging it, a later run is left to the baseline',
    seconds: 90,
    bodies: (t) => (t >= 60 ? running : Math.floor(t / 2) % 3 === 0 ? { speeds: [1.3, 0.6, 0.7] } : {}),
    want: [],
  },
  { name: 'x3 in frame units while the persons walk (one person close to the camera): nothing', seconds: 40, at: from(20, { speed: 3 }), bodies: () => ({}), want: [] },
  { name: 'x3 in frame units with the persons running: one alert', seconds: 40, at: from(20, { speed: 3 }), bodies: (t) => (t >= 20 ? running : {}), want: [[21, 22]] },
];

describe('crowd_movement prior (body units)', () => {
  it.each(priorCases)('$name', (c) => {
    const { times } = run(summaries(c.seconds, c.at ?? (() => ({}))), {}, motions(c.seconds, c.bodies));
    expect(times).toHaveLength(c.want.length);
    times.forEach((t, i) => {
      expect(t).toBeGreaterThanOrEqual(c.want[i]![0]);
      expect(t).toBeLessThanOrEqual(c.want[i]![1]);
    });
  });

  it('the frames of a jump the prior found are not learned', () => {
    const { states } = run(summaries(20, () => ({})), {}, motions(20, (t) => (t >= 12 ? running : {})));
    const at = (t: number) => states[Math.round(t * 5)]!;
    expect(at(12.6).excitedSinceMs).toBeDefined();
    expect(at(12.6).baseline.speed).toBe(at(12.4).baseline.speed);
    expect(at(14).alertedAtMs).toBeDefined();
    expect(at(19).baseline.speed).toBe(at(14).baseline.speed);
    expect(at(19).baseline.prior).toBe(at(14).baseline.prior);
  });

  it('the event says which branch and the body-unit figures', () => {
    const { events } = run(summaries(10, () => ({})), {}, motions(10, () => crush));
    expect(events[0]!.details).toMatchObject({ branch: 'crush', turbulence: 0.9, movingShare: 0.6 });
    expect(events[0]!.message).toMatch(/^crowd pressing and surging: 60 % of the view moving, turbulence 0\.90 for 1\.0 s$/);
    const ran = run(summaries(10, () => ({})), {}, motions(10, () => running)).events[0]!;
    expect(ran.message).toMatch(/^sudden collective movement: 4 persons running \(2\.\d body heights\/s\)/);
  });
});

describe('crowd_movement explain', () => {
  const explainAt = (seconds: number, bodies: (t: number) => Bodies, at: (t: number) => Shape = () => ({})) => {
    const { states, ctx } = run(summaries(seconds, at), {}, motions(seconds, bodies));
    return crowdMovementRule.explain!(states[states.length - 1]!, ctx);
  };

  it('before a first flow: says so', () => {
    const ctx = context([]);
    expect(crowdMovementRule.explain!(crowdMovementRule.init(ctx), ctx).reason).toMatch(/no flow measured yet/);
  });

  it('learning: the baseline seconds, and the prior closest to its bar', () => {
    const x = explainAt(3, () => ({ speeds: [1.6, 1.3, 0.5] }));
    expect(x.subjects.map((s) => s.id)).toEqual(['scene:baseline', 'scene:run', 'scene:crush']);
    expect(x.subjects[0]!).toMatchObject({ phase: 'learning' });
    expect(x.subjects[0]!.reason).toMatch(/learning the usual motion: 2\.\d of 10 s/);
    expect(x.reason).toMatch(/^closest: run at 50 % of its bar: 1 running, upper quarter at 1\.60 body heights\/s; needs 2 at 1\.5$/);
  });

  it('watching: the movers’ speed against the rush bar', () => {
    const x = explainAt(30, () => ({}));
    expect(x.subjects[0]!).toMatchObject({ phase: 'watching' });
    expect(x.subjects[0]!.reason).toMatch(/movers' speed 0\.0\d+ frame widths\/s, a rush needs 0\.\d+/);
  });

  it('alerted on a crush', () => {
    const x = explainAt(5, () => crush);
    expect(x.reason).toMatch(/^alerted/);
    expect(x.subjects.find((s) => s.id === 'scene:crush')!.reason).toMatch(/6 persons \(needs 3\), 0\.60 of the view moving \(needs 0\.4\), 0\.60 of it on persons \(needs 0\.25\), turbulence 0\.90 \(needs 0\.6\)/);
  });
});
