import { describe, expect, it } from 'vitest';
import type { Zone } from '../core/types.ts';
import type { RuleParams } from '../config/schema.ts';
import { boxAt, replayRows, type AoTrackSpec, type DetSpec, type Row } from './abandoned-object-testkit.ts';
import { context, range } from './testkit.ts';

/** 5 fps: frame f is f / 5 s. unattendedSeconds is 10 unless said. */
const BAG = { x: 0.3, y: 0.8 };
const BAG_BOX = boxAt(BAG.x, BAG.y, 0.06, 0.06);
const bagDet = (x = BAG.x, label: DetSpec['label'] = 'backpack'): DetSpec => ({ x, y: BAG.y, label });
const bagTrack = (x = BAG.x, label: AoTrackSpec['label'] = 'backpack'): AoTrackSpec => ({ id: 50, x, y: BAG.y, w: 0.06, h: 0.06, label });
/** A person standing at x on the bag's ground line (next to the bag at x = 0.36). */
const person = (x: number, id = 1): AoTrackSpec => ({ id, x, y: 0.8, w: 0.08, h: 0.3 });
const NEXT = 0.36;
const FAR = 0.85;

/** The bag put down at frame 5 where the owner stands; the owner leaves (jumps far) at `leaveF`. */
function leftBag(f: number, leaveF = 20, extra: AoTrackSpec[] = []): Row {
  const owner = f < leaveF ? [person(NEXT)] : f < leaveF + 5 ? [person(FAR)] : [];
  if (f < 5) return { tracks: owner, scene: {} };
  return { tracks: [...owner, bagTrack(), ...extra], dets: [bagDet()], scene: { changed: [BAG_BOX] } };
}

interface Case {
  readonly name: string;
  readonly frames: number;
  readonly at: (f: number) => Row;
  readonly params?: Partial<RuleParams>;
  readonly zones?: readonly Zone[];
  /** Frames that raise an alert. */
  readonly want: number[];
}

const cases: Case[] = [
  { name: 'the owner walks away at 4 s: one alert 10 s after they were last near', frames: 100, at: (f) => leftBag(f), want: [69] },
  { name: 'unattendedSeconds 5 alerts 5 s after', frames: 100, params: { unattendedSeconds: 5 }, at: (f) => leftBag(f), want: [44] },
  { name: 'the owner stays next to the bag: no alert', frames: 100, at: (f) => leftBag(f, 999), want: [] },
  {
    name: 'the owner comes back for a second at 8 s: the clock starts again',
    frames: 100,
    at: (f) => {
      const r = leftBag(f);
      return f >= 40 && f < 45 ? { ...r, tracks: [...(r.tracks ?? []), person(NEXT, 2)] } : r;
    },
    want: [94],
  },
  {
    name: 'a passer-by far from the bag does not reset the clock',
    frames: 100,
    at: (f) => leftBag(f, 20, f >= 40 && f < 60 ? [{ id: 3, x: 0.3 + (f - 40) * 0.02, y: 0.5, w: 0.06, h: 0.2 }] : []),
    want: [69],
  },
  {
    name: 'a passer-by behind the bag (further on the ground, close on the image) does not reset it',
    frames: 100,
    at: (f) => leftBag(f, 20, f >= 40 && f < 45 ? [{ id: 3, x: 0.3, y: 0.68, w: 0.08, h: 0.25 }] : []),
    want: [69],
  },
  {
    name: 'someone standing in front of the bag, hiding it, is with it',
    frames: 100,
    at: (f) => leftBag(f, 20, f >= 40 && f < 45 ? [{ id: 3, x: 0.3, y: 1, w: 0.1, h: 0.3 }] : []),
    want: [94],
  },
  {
    name: 'a passer-by brushing past the bag does',
    frames: 100,
    at: (f) => leftBag(f, 20, f >= 40 && f < 42 ? [{ id: 3, x: 0.34, y: 0.78 }] : []),
    want: [91],
  },
  {
    name: 'NanoDet calls the bag a backpack, a handbag, a suitcase in turn: one object, one alert',
    frames: 100,
    at: (f) => {
      const label = (['backpack', 'handbag', 'suitcase'] as const)[f % 3];
      const r = leftBag(f);
      return f < 5 ? r : { ...r, tracks: (r.tracks ?? []).map((t) => (t.id === 50 ? { ...t, label } : t)), dets: [bagDet(BAG.x, label)] };
    },
    want: [69],
  },
  {
    name: 'an unclassified object (a static blob, no detection) alerts the same way',
    frames: 100,
    at: (f) => {
      const r = leftBag(f);
      return f < 5 ? r : { tracks: (r.tracks ?? []).filter((t) => t.id !== 50), scene: { blobs: [{ box: BAG_BOX }] } };
    },
    want: [69],
  },
  {
    name: 'picked up by the owner before the alert (its place empty again): no alert',
    frames: 100,
    at: (f) => {
      if (f < 30) return leftBag(f);
      if (f < 36) return { tracks: [person(NEXT), bagTrack()], dets: [bagDet()], scene: { changed: [BAG_BOX] } };
      const x = NEXT + (f - 36) * 0.03;
      return { tracks: [person(x), bagTrack(x - 0.04)], dets: [bagDet(x - 0.04)], scene: {} };
    },
    want: [],
  },
  {
    name: 'picked up after the alert, then left again elsewhere: a new alert',
    frames: 150,
    at: (f) => {
      if (f < 75) return leftBag(f);
      if (f < 80) return { tracks: [person(NEXT), bagTrack()], dets: [bagDet()], scene: { changed: [BAG_BOX] } };
      if (f < 85) return { tracks: [person(0.6)], scene: {} };
      const there = { changed: [boxAt(0.7, BAG.y, 0.06, 0.06)] };
      return { tracks: [...(f < 90 ? [person(0.76)] : []), bagTrack(0.7)], dets: [bagDet(0.7)], scene: there };
    },
    want: [69, 139],
  },
  {
    name: 'the bag unseen for 3 s after the alert, its place still changed (someone in front): no second alert',
    frames: 150,
    at: (f) => (f >= 75 && f < 90 ? { scene: { changed: [BAG_BOX] } } : leftBag(f)),
    want: [69],
  },
  {
    name: 'the same without a background analyzer: no second alert either',
    frames: 150,
    at: (f) => {
      const { scene: _scene, ...r } = leftBag(f);
      return f >= 75 && f < 90 ? {} : r;
    },
    want: [69],
  },
  {
    name: 'picked up after the alert and put back at the same place later: a new alert',
    frames: 170,
    at: (f) => {
      if (f < 75) return leftBag(f);
      if (f < 80) return { tracks: [person(NEXT)], dets: [bagDet()], scene: { changed: [BAG_BOX] } };
      if (f < 100) return { scene: {} };
      return { tracks: f < 105 ? [person(NEXT)] : [], dets: [bagDet()], scene: { changed: [BAG_BOX] } };
    },
    want: [69, 154],
  },
  {
    name: 'with watch zones, a bag outside them does not alert',
    frames: 100,
    zones: [{ id: 'hall', kind: 'watch', polygon: [{ x: 0.5, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0.5, y: 1 }] }],
    at: (f) => leftBag(f),
    want: [],
  },
];

describe('abandoned_object scenarios', () => {
  it.each(cases)('$name', (c) => {
    const r = replayRows(context(c.zones ?? [], c.params), range(c.frames).map(c.at));
    expect(r.events.map(([f]) => f)).toEqual(c.want);
  });

  it('the event says what, where and for how long, and who was near when it appeared', () => {
    const r = replayRows(context([]), range(80).map((f) => leftBag(f)));
    expect(r.events).toHaveLength(1);
    const [, e] = r.events[0]!;
    expect(e).toMatchObject({ type: 'abandoned_object', tMs: 13_800, trackId: 50, message: 'bag left unattended for 10.0 s' });
    expect(e.details).toMatchObject({ unattendedSeconds: 10, ownerTrackIds: '1', requiredSeconds: 10 });
    expect(e.box!.x1).toBeCloseTo(BAG_BOX.x1);
  });

  it('inside a watch zone it alerts, with the zone id', () => {
    const zones: Zone[] = [{ id: 'hall', kind: 'watch', polygon: [{ x: 0, y: 0 }, { x: 0.5, y: 0 }, { x: 0.5, y: 1 }, { x: 0, y: 1 }] }];
    const r = replayRows(context(zones), range(80).map((f) => leftBag(f)));
    expect(r.events.map(([f, e]) => [f, e.zoneId])).toEqual([[69, 'hall']]);
  });
});

describe('abandoned_object state', () => {
  it('drops objects once they are gone, and vehicle starts once their tracks are', () => {
    const rows = range(60).map((f): Row => (f < 20 ? { ...leftBag(f, 999), tracks: [{ id: 9, x: 0.1 + f * 0.02, y: 0.5, label: 'car' }] } : { scene: {} }));
    const r = replayRows(context([]), rows);
    expect(r.states[19]!.objects.length).toBeGreaterThan(0);
    expect(r.states[19]!.vehicleStarts.size).toBe(1);
    expect(r.states[59]!.objects).toEqual([]);
    expect(r.states[59]!.vehicleStarts.size).toBe(0);
  });

  it('holds an alerted bag hidden behind someone (its place still changed): same object after', () => {
    const rows = range(100).map((f) => (f >= 75 && f < 90 ? { scene: { changed: [BAG_BOX] } } : leftBag(f)));
    const r = replayRows(context([]), rows);
    const idOf = (f: number): number[] => r.states[f]!.objects.map((o) => o.id);
    expect(idOf(85)).toEqual(idOf(70));
    expect(idOf(95)).toEqual(idOf(70));
  });

  it('stays bounded while carried bags cross the scene for minutes', () => {
    const rows = range(5 * 60 * 5).map((f): Row => {
      const x = ((f * 0.02) % 1.2) - 0.1;
      return { tracks: [person(x + 0.04), bagTrack(x)], dets: [bagDet(x)], scene: { changed: [boxAt(x, BAG.y, 0.1, 0.3)] } };
    });
    const r = replayRows(context([]), rows);
    expect(Math.max(...r.states.map((s) => s.objects.length + s.marks.length))).toBeLessThan(6);
    expect(r.events).toEqual([]);
  });
});
