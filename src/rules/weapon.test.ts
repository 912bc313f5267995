import { describe, expect, it } from 'vitest';
import type { RuleParams } from '../config/schema.ts';
import { WEAPON_LOOKS, type WeaponLook } from '../analyzers/weapon/weapon-analyzer.ts';
import { createExtras } from './extras.ts';
import { weaponRule, type WeaponState } from './weapon.ts';
import { context, range, track, type TrackSpec } from './testkit.ts';

/** One row: the tracks present, and the looks of this frame as [trackId, holds a weapon]. */
interface Row {
  readonly tracks: readonly TrackSpec[];
  readonly looks?: readonly (readonly [number, boolean])[];
}

function replayWeapon(rows: readonly Row[], params: Partial<RuleParams> = {}): { alerts: string[]; states: WeaponState[] } {
  const ctx = context([], params);
  let state = weaponRule.init(ctx);
  const alerts: string[] = [];
  const states: WeaponState[] = [];
  rows.forEach((row, i) => {
    const tMs = i * 200;
    const tracks = row.tracks.map((s) => track(s, tMs));
    const looks: WeaponLook[] = (row.looks ?? []).map(([id, armed]) => {
      const t = tracks.find((x) => x.id === id)!;
      const knife = { label: 'knife' as const, score: 0.6, box: { x1: t.box.x2, y1: t.box.y1 + 0.05, x2: t.box.x2 + 0.02, y2: t.box.y1 + 0.07 } };
      return { trackId: id, tMs, personBox: t.box, weapons: armed ? [knife] : [] };
    });
    const { extras, writer } = createExtras();
    writer.set(WEAPON_LOOKS, { looks });
    const out = weaponRule.step(state, { tMs, tracks, extras }, ctx);
    state = out.state;
    states.push(state);
    alerts.push(...out.events.map((e) => `${i}:${e.trackId}`));
  });
  return { alerts, states };
}

const P1: TrackSpec = { id: 1, x: 0.3, y: 0.8 };
const P2: TrackSpec = { id: 2, x: 0.7, y: 0.8 };
/** A look at `id` every 5th frame, armed per the pattern (one character per look: x armed, . not). */
const looksEvery5 = (frames: number, id: number, pattern: string, tracks: readonly TrackSpec[] = [P1]): Row[] =>
  range(frames).map((f) => ({ tracks, looks: f % 5 === 0 && pattern[f / 5] !== undefined ? [[id, pattern[f / 5] === 'x'] as const] : [] }));

interface Case {
  readonly name: string;
  readonly rows: Row[];
  readonly params?: Partial<RuleParams>;
  readonly want: string[];
}

const cases: Case[] = [
  { name: 'armed in two looks in a row: alert at the second', rows: looksEvery5(30, 1, 'xxxxxx'), want: ['5:1'] },
  { name: 'armed in 2 of the last 5 looks, apart: alert', rows: looksEvery5(30, 1, 'x..x..'), want: ['15:1'] },
  { name: 'armed in 2 looks 5 apart (outside the window of 5): no alert', rows: looksEvery5(35, 1, 'x....x.'), want: [] },
  { name: 'armed once: no alert', rows: looksEvery5(30, 1, '..x...'), want: [] },
  { name: 'weaponMinFrames 1 alerts on the first armed look', rows: looksEvery5(30, 1, '..x...'), params: { weaponMinFrames: 1 }, want: ['10:1'] },
  {
    name: 'two armed persons alert once each',
    rows: range(20).map((f) => ({ tracks: [P1, P2], looks: f % 5 === 0 ? [[1, true], [2, true]] : [] })),
    want: ['5:1', '5:2'],
  },
  {
    name: 'an ID switch of the alerted person does not alert again',
    rows: range(40).map((f) => {
      const p = f < 20 ? P1 : { ...P1, id: 9 };
      return { tracks: [p], looks: f % 5 === 0 ? [[p.id, true]] : [] };
    }),
    want: ['5:1'],
  },
];

describe('weapon rule', () => {
  it.each(cases)('$name', (c) => {
    expect(replayWeapon(c.rows, c.params).alerts).toEqual(c.want);
  });

  it('drops per-person state when the track is gone, and marks after MARK_MS', () => {
    const rows: Row[] = range(200).map((f) => (f < 10 ? { tracks: [P1], looks: f % 5 === 0 ? [[1, true]] : [] } : { tracks: [] }));
    const { states } = replayWeapon(rows);
    expect(states[9]!.persons.size).toBe(1);
    expect(states[10]!.persons.size).toBe(0);
    expect(states[10]!.marks).toHaveLength(1);
    expect(states[199]!.marks).toHaveLength(0);
  });
});

describe('weapon explain', () => {
  const ctx = context([]);
  it('names the person closest to alerting and what it lacks', () => {
    const { states } = replayWeapon(looksEvery5(12, 1, '..x'));
    const e = weaponRule.explain!(states.at(-1)!, ctx);
    expect(e.reason).toBe('track:1 held weapon in 1 of the last 3 looks, best knife 0.60, needs 2 of 5');
    expect(e.subjects).toEqual([{ id: 'track:1', phase: 'armed', reason: expect.stringContaining('1 of the last 3') }]);
  });

  it('says when nobody was looked at', () => {
    expect(weaponRule.explain!(weaponRule.init(ctx), ctx).reason).toMatch(/^no person looked at yet/);
  });
});
