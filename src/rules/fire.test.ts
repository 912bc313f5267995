import { describe, expect, it } from 'vitest';
import type { Detection } from '../core/types.ts';
import { FIRE_EVIDENCE, type FireEvidence, type FlameEvidence } from '../analyzers/fire/fire-analyzer.ts';
import { createExtras } from './extras.ts';
import { fireRule, type FireState } from './fire.ts';
import { flameRejection } from './fire-evidence.ts';
import { context, range } from './testkit.ts';
import type { RuleEvent } from '../core/types.ts';
import type { RuleParams } from '../config/schema.ts';

/** A region that passes every threshold (160 x 120 small frame). */
const FLAME: FlameEvidence = {
  x1: 40,
  y1: 30,
  x2: 59,
  y2: 59,
  box: { x1: 0.25, y1: 0.25, x2: 0.375, y2: 0.5 },
  area: 400,
  fill: 0.7,
  frames: 10,
  onRatio: 1,
  blinks: 0,
  nonRigid: 0.35,
  coreNonRigid: 0.35,
  lumaFlicker: 25,
  driftPx: 2,
  periodicity: 0.2,
};
const SMOKE: Detection = { label: 'smoke', score: 0.8, box: { x1: 0.5, y1: 0.1, x2: 0.7, y2: 0.3 } };

type Row = 'flame' | 'smoke' | 'none' | 'absent' | Partial<FlameEvidence>;

function evidence(row: Row): FireEvidence | undefined {
  if (row === 'absent') return undefined;
  const regions = row === 'flame' ? [FLAME] : typeof row === 'object' ? [{ ...FLAME, ...row }] : [];
  return { width: 160, height: 120, regions, smoke: [], modelDetections: row === 'smoke' ? [SMOKE] : [] };
}

function replayFire(rows: readonly Row[], params: Partial<RuleParams> = {}): { events: RuleEvent[]; frames: number[]; states: FireState[] } {
  const ctx = context([], params);
  let state = fireRule.init(ctx);
  const events: RuleEvent[] = [];
  const frames: number[] = [];
  const states: FireState[] = [];
  rows.forEach((row, i) => {
    const { extras, writer } = createExtras();
    const e = evidence(row);
    if (e) writer.set(FIRE_EVIDENCE, e);
    const out = fireRule.step(state, { tMs: i * 200, tracks: [], extras }, ctx);
    state = out.state;
    states.push(state);
    events.push(...out.events);
    out.events.forEach(() => frames.push(i));
  });
  return { events, frames, states };
}

const rows = (n: number, at: (f: number) => Row): Row[] => range(n).map(at);

interface Case {
  readonly name: string;
  readonly rows: Row[];
  readonly params?: Partial<RuleParams>;
  /** Frames (5 fps) that raise an alert. */
  readonly want: number[];
}

const cases: Case[] = [
  { name: 'flames held 1.5 s alert once', rows: rows(40, () => 'flame'), want: [8] },
  { name: 'flames for 1.4 s only do not alert', rows: rows(40, (f) => (f < 8 ? 'flame' : 'none')), want: [] },
  { name: 'a one-frame gap delays the alert by a frame, it does not reset the count', rows: rows(20, (f) => (f === 4 ? 'none' : 'flame')), want: [9] },
  { name: 'after a gap of 0.8 s the evidence before it still counts in the window', rows: rows(30, (f) => (f >= 4 && f < 8 ? 'none' : 'flame')), want: [12] },
  { name: 'evidence in 2 frames of 3 adds up (k of n)', rows: rows(40, (f) => (f % 3 === 2 ? 'none' : 'flame')), want: [12] },
  { name: 'evidence in 1 frame of 3 never reaches 1.5 s in a 3 s window', rows: rows(60, (f) => (f % 3 === 0 ? 'flame' : 'none')), want: [] },
  { name: 'evidence hopping between three places does not add up', rows: rows(60, (f) => (f % 3 === 0 ? 'flame' : f % 3 === 1 ? { box: { x1: 0.75, y1: 0.25, x2: 0.87, y2: 0.5 } } : { box: { x1: 0.25, y1: 0.75, x2: 0.37, y2: 0.95 } })), want: [] },
  { name: 'the same evidence at one place alerts', rows: rows(60, () => ({ box: { x1: 0.75, y1: 0.25, x2: 0.87, y2: 0.5 } })), want: [8] },
  { name: 'no analyzer output, no alert', rows: rows(20, () => 'absent'), want: [] },
  { name: 'a model smoke detection held 1.5 s alerts', rows: rows(20, () => 'smoke'), want: [8] },
  { name: 'fireConfirmSeconds 0 alerts on the first evidence', rows: rows(10, (f) => (f < 3 ? 'none' : 'flame')), params: { fireConfirmSeconds: 0 }, want: [3] },
  {
    name: 'the same episode with pauses under fireRearmSeconds alerts once',
    rows: rows(200, (f) => (f < 20 || (f >= 100 && f < 130) ? 'flame' : 'none')),
    want: [8],
  },
  {
    name: 'a new fire after fireRearmSeconds without evidence alerts again',
    rows: rows(250, (f) => (f < 20 || f >= 180 ? 'flame' : 'none')),
    want: [8, 187],
  },
  { name: 'a steady region (rigid shape) is not evidence', rows: rows(30, () => ({ nonRigid: 0.1, coreNonRigid: 0.1 })), want: [] },
  { name: 'a shape change of 0.3 is evidence at the default fireMinShapeChange', rows: rows(30, () => ({ nonRigid: 0.3, coreNonRigid: 0.2 })), want: [8] },
  { name: 'a shape change of 0.3 is not evidence with fireMinShapeChange 0.35', rows: rows(30, () => ({ nonRigid: 0.3, coreNonRigid: 0.2 })), params: { fireMinShapeChange: 0.35 }, want: [] },
  { name: 'a blinking region is not evidence', rows: rows(30, () => ({ onRatio: 0.5, blinks: 3 })), want: [] },
  { name: 'a periodic region is not evidence', rows: rows(30, () => ({ periodicity: 0.95 })), want: [] },
  { name: 'a translating region is not evidence', rows: rows(30, () => ({ driftPx: 30 })), want: [] },
  { name: 'a fragmented region is not evidence', rows: rows(30, () => ({ fill: 0.2 })), want: [] },
  { name: 'a tiny region is not evidence', rows: rows(30, () => ({ area: 20 })), want: [] },
];

describe('fire rule', () => {
  it.each(cases)('$name', (c) => {
    expect(replayFire(c.rows, c.params).frames).toEqual(c.want);
  });

  it('says what, where and for how long; the box is the evidence box', () => {
    const { events } = replayFire(rows(10, () => 'flame'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'fire', tMs: 1600, box: FLAME.box, details: { heldSeconds: 1.6, regions: 1, source: 'colour' } });
    expect(events[0]!.message).toBe('flames for 1.6 s at x 25%-38%, y 25%-50% of the frame');
    expect(events[0]!.trackId).toBeUndefined();
  });

  it('names smoke from a model', () => {
    const { events } = replayFire(rows(10, () => 'smoke'));
    expect(events[0]!.message).toMatch(/^smoke for 1\.6 s/);
    expect(events[0]!.details).toMatchObject({ source: 'model' });
  });

  it('keeps no state beyond the current episode', () => {
    const { states } = replayFire(rows(400, (f) => (f < 20 ? 'flame' : 'none')));
    expect(states[399]).toMatchObject({ alerted: false, sites: [], lastEvidenceMs: 3800 });
  });
});

describe('flameRejection', () => {
  it.each([
    [{}, undefined],
    [{ frames: 4 }, 'too few frames'],
    [{ area: 28 }, 'too small'],
    [{ fill: 0.3 }, 'fragmented'],
    [{ onRatio: 0.7 }, 'blinking'],
    [{ blinks: 2 }, 'blinking'],
    [{ nonRigid: 0.2, coreNonRigid: 0.2 }, 'rigid shape'],
    [{ nonRigid: 0.2, coreNonRigid: 0.3 }, undefined],
    [{ nonRigid: 0.3, coreNonRigid: 0.2 }, undefined],
    [{ lumaFlicker: 5 }, 'steady'],
    [{ periodicity: 0.85 }, 'periodic'],
    [{ driftPx: 20 }, 'translating'],
  ] as const)('%o -> %s', (patch, want) => {
    expect(flameRejection({ ...FLAME, ...patch }, 160 * 120)).toBe(want);
  });
});

describe('fire explain', () => {
  const explainAfter = (r: readonly Row[]): string => {
    const { states } = replayFire(r);
    return fireRule.explain!(states[states.length - 1]!, context([], {})).reason;
  };

  it.each([
    [rows(4, () => 'flame'), /^flames at x 25%-38%, y 25%-50% of the frame: 0\.6 s of evidence in the last 3\.0 s, needs 1\.5 s$/],
    [rows(4, () => ({ nonRigid: 0.1, coreNonRigid: 0.2 })), /^flames candidate at x 25%-38%, y 25%-50% of the frame: rigid shape \(0\.200, needs shape change >= 0\.25\)$/],
    [rows(4, () => 'none'), /^no flame or smoke candidate \(0 region\(s\) measured\)$/],
    [rows(4, () => 'absent'), /^no fire measurement on this frame$/],
    [rows(12, () => 'flame'), /^fire alerted for this episode/],
  ] as const)('%#: %s', (r, want) => {
    expect(explainAfter(r)).toMatch(want);
  });
});
