import { describe, expect, it } from 'vitest';
import type { Detection, RuleEvent, Zone } from '../core/types.ts';
import type { RuleParams } from '../config/schema.ts';
import { CROWD_COUNT, type CrowdCount } from '../analyzers/crowd/crowd-analyzer.ts';
import { createExtras } from './extras.ts';
import { crowdDensityRule, type CrowdDensityState } from './crowd-density.ts';
import { context, range } from './testkit.ts';

const square = (x1: number, y1: number, x2: number, y2: number) => [
  { x: x1, y: y1 },
  { x: x2, y: y1 },
  { x: x2, y: y2 },
  { x: x1, y: y2 },
];
/** 100 m², limit 2 per m²: 200 persons is the limit. */
const Z: Zone = { id: 'z', kind: 'crowd', polygon: square(0, 0.5, 1, 1), areaM2: 100, maxPersonsPerM2: 2 };
const Y: Zone = { id: 'y', kind: 'crowd', polygon: square(0, 0, 1, 0.5), areaM2: 50, maxPersonsPerM2: 1 };

/** What the analyzer says at a frame: persons per zone id; undefined: no extra at all. */
type Row = Readonly<Record<string, number>> | undefined;

function extrasOf(row: Row, zones: readonly Zone[]) {
  const { extras, writer } = createExtras();
  if (row) {
    const counted: CrowdCount = {
      tMs: 0,
      frameCount: 0,
      detected: 0,
      samples: 1,
      scaleFrom: 'detections',
      zones: zones.filter((z) => row[z.id] !== undefined).map((z) => ({ zoneId: z.id, count: row[z.id]! })),
    };
    writer.set(CROWD_COUNT, counted);
  }
  return extras;
}

function replayState(rows: readonly Row[], zones: readonly Zone[], params: Partial<RuleParams> = {}, detections: Detection[] = []) {
  const ctx = context(zones, params);
  let state: CrowdDensityState = crowdDensityRule.init(ctx);
  const events: { frame: number; e: RuleEvent }[] = [];
  rows.forEach((row, i) => {
    const out = crowdDensityRule.step(state, { tMs: i * 200, tracks: [], detections, extras: extrasOf(row, zones) }, ctx);
    state = out.state;
    for (const e of out.events) events.push({ frame: i, e });
  });
  return { events, state, ctx };
}

const replay = (...args: Parameters<typeof replayState>) => replayState(...args).events;

interface Case {
  readonly name: string;
  readonly frames: number;
  /** Persons in zone z at frame f (5 fps: f = 5 is 1 s). */
  readonly z: (f: number) => number;
  readonly params?: Partial<RuleParams>;
  /** Frames that raise an alert. */
  readonly want: number[];
}

const cases: Case[] = [
  { name: 'above the limit for 3 s alerts once, at 3 s', frames: 100, z: () => 260, want: [15] },
  { name: 'a 2-s spike does not alert', frames: 60, z: (f) => (f >= 10 && f < 20 ? 300 : 100), want: [] },
  { name: 'exactly at the limit is not above it', frames: 40, z: () => 200, want: [] },
  { name: 'a dip under the limit restarts the hold', frames: 40, z: (f) => (f === 10 ? 150 : 260), want: [26] },
  {
    name: 'hysteresis: falling to 90 % of the limit and back does not alert again',
    frames: 200,
    z: (f) => (f >= 30 && f < 120 ? 180 : 260),
    want: [15],
  },
  {
    name: 'under 80 % for 10 s re-arms: a new episode alerts again',
    frames: 200,
    z: (f) => (f >= 30 && f < 90 ? 100 : 260),
    want: [15, 105],
  },
  {
    name: 'under 80 % for only 5 s does not re-arm',
    frames: 200,
    z: (f) => (f >= 30 && f < 55 ? 100 : 260),
    want: [15],
  },
  { name: 'crowdDensityHoldSeconds 0 alerts at the first frame above', frames: 10, z: (f) => (f < 4 ? 0 : 300), params: { crowdDensityHoldSeconds: 0 }, want: [4] },
  {
    name: 'a still (25 identical frames, 5 s) whose density truly exceeds alerts within its 5 s',
    frames: 25,
    z: () => 230,
    want: [15],
  },
];

describe('crowd_density scenarios', () => {
  it.each(cases)('$name', (c) => {
    const events = replay(range(c.frames).map((f) => ({ z: c.z(f) })), [Z], c.params);
    expect(events.map((x) => x.frame)).toEqual(c.want);
  });

  it('zones alert independently, each against its own area and limit', () => {
    const rows = range(40).map((f) => ({ z: 100, y: f < 10 ? 40 : 60 }));
    const events = replay(rows, [Z, Y]);
    expect(events.map((x) => [x.frame, x.e.zoneId])).toEqual([[25, 'y']]);
  });

  it('only crowd zones with an area and a limit are watched', () => {
    const noLimit: Zone = { id: 'a', kind: 'crowd', polygon: Z.polygon, areaM2: 10 };
    const forbidden: Zone = { ...Z, id: 'b', kind: 'forbidden' };
    expect(replay(range(30).map(() => ({ a: 1000, b: 1000 })), [noLimit, forbidden])).toEqual([]);
  });

  it('a frame without a count for the zone keeps the hold running', () => {
    const rows: Row[] = range(30).map((f): Row => (f >= 5 && f < 10 ? {} : { z: 260 }));
    expect(replay(rows, [Z]).map((x) => x.frame)).toEqual([15]);
  });

  it('without the analyzer, the detections in the zone are counted (centre inside)', () => {
    const small: Zone = { ...Z, areaM2: 2 };
    const person = (x: number, y: number): Detection => ({ box: { x1: x - 0.02, y1: y - 0.05, x2: x + 0.02, y2: y + 0.05 }, label: 'person', score: 0.8 });
    const five = [0.1, 0.3, 0.5, 0.7, 0.9].map((x) => person(x, 0.8));
    const outside = [0.1, 0.3, 0.5, 0.7, 0.9].map((x) => person(x, 0.2));
    const car: Detection = { ...person(0.5, 0.7), label: 'car' };
    expect(replay(range(20).map(() => undefined), [small], {}, [...five, car]).map((x) => x.frame)).toEqual([15]);
    expect(replay(range(20).map(() => undefined), [small], {}, [...five.slice(0, 4), ...outside, car])).toEqual([]);
  });

  it('the alert says the estimated count and density', () => {
    const [x] = replay(range(20).map(() => ({ z: 261.4 })), [Z]);
    expect(x!.e).toMatchObject({ type: 'crowd_density', tMs: 3000, zoneId: 'z', box: { x1: 0, y1: 0.5, x2: 1, y2: 1 } });
    expect(x!.e.message).toBe('about 261 persons in zone z: 2.61 per m² (limit 2) for 3.0 s');
    expect(x!.e.details).toEqual({ count: 261, density: 2.61, areaM2: 100 });
    expect(x!.e.score).toBeGreaterThan(0.5);
    expect(x!.e.score).toBeLessThanOrEqual(1);
  });
});

describe('crowd_density explain', () => {
  const explainAfter = (rows: readonly Row[], zones: readonly Zone[] = [Z]) => {
    const { state, ctx } = replayState(rows, zones);
    return crowdDensityRule.explain!(state, ctx);
  };
  const cases: { name: string; rows: Row[]; zones?: Zone[]; phase?: string; reason: RegExp }[] = [
    { name: 'under the limit: the density against it', rows: range(10).map(() => ({ z: 150 })), phase: 'under', reason: /zone z: about 150 persons, 1\.50 per m², limit 2 \(75 % of it\)/ },
    { name: 'over it: for how long, of the hold', rows: range(6).map(() => ({ z: 260 })), phase: 'above', reason: /over the limit 2 for 1\.0 s of 3 s/ },
    { name: 'alerted: the re-arm level', rows: range(20).map(() => ({ z: 260 })), phase: 'alerted', reason: /alerted, .*re-arms under 1\.60 per m²/ },
    { name: 'no count yet', rows: [{ z: 1 }], zones: [{ ...Z, id: 'q' }], phase: 'waiting', reason: /zone q: no count yet/ },
    { name: 'no watched zone: nothing judged', rows: [{ z: 1 }], zones: [], reason: /nothing is judged/ },
  ];
  it.each(cases)('$name', (c) => {
    const x = explainAfter(c.rows, c.zones ?? [Z]);
    expect(x.reason).toMatch(c.reason);
    if (c.phase) expect(x.subjects[0]!.phase).toBe(c.phase);
  });

  it('the zone closest to its limit leads the reason', () => {
    const x = explainAfter(range(5).map(() => ({ z: 100, y: 45 })), [Z, Y]);
    expect(x.reason).toMatch(/^zone y: .*90 % of it/);
    expect(x.subjects.map((s) => s.id)).toEqual(['zone:z', 'zone:y']);
  });
});
