import { describe, expect, it } from 'vitest';
import type { RuleEvent, Track } from '../../core/types.ts';
import { DEFAULT_PARAMS } from '../../config/schema.ts';
import { createExtras, getExtra } from '../../rules/extras.ts';
import { fireRule } from '../../rules/fire.ts';
import type { RuleContext } from '../../rules/rule.ts';
import { createFireAnalyzer, DEFAULT_FIRE_ANALYZER, FIRE_EVIDENCE, fullFrameCopies } from './fire-analyzer.ts';
import { background, beacon, copy, disc, flame, paint, shifted, type Canvas } from './test-scenes.ts';
import { mulberry32 } from '../../core/random.ts';

const FPS = 5;
const ctx: RuleContext = { zones: [], params: DEFAULT_PARAMS };
const BG = background();
const ORANGE = [250, 150, 40] as const;
const SALMON = [210, 140, 120] as const;

interface Frame {
  readonly canvas: Canvas;
  readonly tracks?: readonly Track[];
}

async function run(frames: number, at: (f: number) => Frame, options = DEFAULT_FIRE_ANALYZER): Promise<RuleEvent[]> {
  const analyzer = createFireAnalyzer(undefined, options);
  let state = fireRule.init(ctx);
  const events: RuleEvent[] = [];
  for (let f = 0; f < frames; f++) {
    const tMs = (f * 1000) / FPS;
    const { canvas, tracks = [] } = at(f);
    const { extras, writer } = createExtras();
    await analyzer.analyze({ frame: { cameraId: 'c', seq: f, tMs, wallMs: tMs, ...canvas }, tracks, detections: [] }, writer);
    const out = fireRule.step(state, { tMs, tracks, extras }, ctx);
    state = out.state;
    events.push(...out.events);
  }
  return events;
}

function scene(paintOn: (c: Canvas, f: number) => void): (f: number) => Frame {
  return (f) => {
    const c = copy(BG);
    paintOn(c, f);
    return { canvas: c };
  };
}

/** A static lamp, a salmon wall and a sign: flame-coloured from the first frame, steady. */
function staticDecor(c: Canvas): void {
  disc(c, 60, 60, 12, ORANGE);
  paint(c, SALMON, () => true, 200, 150, 300, 230);
  paint(c, [240, 60, 30], () => true, 20, 180, 120, 200);
}

function carTrack(id: number, x: number, f: number): Track {
  return {
    id,
    label: 'car',
    box: { x1: (x - 35) / 320, y1: 150 / 240, x2: (x + 35) / 320, y2: 200 / 240 },
    score: 0.9,
    state: 'confirmed',
    velocity: { x: 0.1, y: 0 },
    firstSeenMs: 0,
    lastSeenMs: f * 200,
    hits: f + 1,
  };
}

/** A car driving `pxPerFrame`, its headlights' glare changing size at every frame. */
function headlights(pxPerFrame: number, withTrack: boolean): (f: number) => Frame {
  return (f) => {
    const c = copy(BG);
    const x = 40 + ((f * pxPerFrame) % 240);
    const next = mulberry32(300 + f);
    disc(c, x - 22, 175, 8 + next() * 10, [255, 220, 120]);
    disc(c, x + 22, 175, 8 + next() * 10, [255, 220, 120]);
    return { canvas: c, tracks: withTrack ? [carTrack(1, x, f)] : [] };
  };
}

interface Case {
  readonly name: string;
  readonly frames: number;
  readonly at: (f: number) => Frame;
  /** Alert times allowed (seconds), one alert each; [] = no alert. */
  readonly want: readonly (readonly [number, number])[];
}

const cases: Case[] = [
  {
    name: 'a fire burning from the first frame alerts once (static learning does not swallow it)',
    frames: 60,
    at: scene((c, f) => flame(c, f, 160, 200, 30, 80)),
    want: [[1.5, 3]],
  },
  {
    name: 'a fire starting at 8 s beside steady lamps, walls and signs alerts once, soon after',
    frames: 100,
    at: scene((c, f) => {
      staticDecor(c);
      if (f >= 40) flame(c, f, 160, 120, 25, 60);
    }),
    want: [[9.5, 11]],
  },
  {
    name: 'steady lamps, salmon walls and red signs never alert',
    frames: 60,
    at: scene(staticDecor),
    want: [],
  },
  {
    name: 'a steady lamp with sensor noise never alerts',
    frames: 60,
    at: (f) => {
      const c = copy(BG);
      staticDecor(c);
      const next = mulberry32(100 + f);
      for (let i = 0; i < c.data.length; i++) c.data[i] = Math.max(0, Math.min(255, c.data[i]! + Math.round((next() - 0.5) * 8)));
      return { canvas: c };
    },
    want: [],
  },
  {
    name: 'a flashing orange light (0.4 s on, 0.4 s off) never alerts',
    frames: 60,
    at: scene((c, f) => f % 4 < 2 && disc(c, 160, 120, 20, ORANGE)),
    want: [],
  },
  {
    name: 'an irregularly flashing light never alerts',
    frames: 60,
    at: scene((c, f) => mulberry32(f)() < 0.6 && disc(c, 160, 120, 20, ORANGE)),
    want: [],
  },
  {
    name: 'a light pulsing irregularly (bright / dim, never dark, same shape) never alerts',
    frames: 60,
    at: scene((c, f) => disc(c, 160, 120, 20, mulberry32(f)() < 0.5 ? ORANGE : [200, 110, 30])),
    want: [],
  },

  {
    name: 'a rotating beacon (changing shape, periodic) never alerts',
    frames: 60,
    at: scene((c, f) => beacon(c, f, 160, 120, 24, 90, ORANGE)),
    want: [],
  },
  {
    name: 'camera shake over a steady sign and lamp never alerts',
    frames: 60,
    at: (f) => {
      const c = copy(BG);
      staticDecor(c);
      // a sign with lettering: stripes of orange and pale yellow, so a shift changes every pixel
      paint(c, ORANGE, () => true, 120, 70, 220, 110);
      paint(c, [255, 235, 150], (x, y) => (x + (y >> 3)) % 7 < 3, 120, 70, 220, 110);
      const next = mulberry32(50 + f);
      return { canvas: shifted(c, Math.round((next() - 0.5) * 8), Math.round((next() - 0.5) * 8)) };
    },
    want: [],
  },
  {
    name: 'glaring headlights of a creeping car never alert',
    frames: 60,
    at: headlights(2, true),
    want: [],
  },
  {
    name: 'glaring headlights of a car driving by (with its track) never alert',
    frames: 60,
    at: headlights(6, true),
    want: [],
  },
  {
    name: 'a light translating as a whole (a reflection, no track) never alerts',
    frames: 60,
    at: scene((c, f) => disc(c, 60 + f * 2, 120, 14, ORANGE)),
    want: [],
  },
  {
    name: 'a fire half hidden by a passing car still alerts',
    frames: 60,
    at: (f) => {
      const c = copy(BG);
      flame(c, f, 160, 110, 30, 70);
      return { canvas: c, tracks: f > 20 && f < 30 ? [carTrack(1, 20 + (f - 20) * 8, f)] : [] };
    },
    want: [[1.5, 3]],
  },
];

describe('fire analyzer + rule on synthetic scenes', () => {
  it.each(cases)('$name', async (c) => {
    const events = await run(c.frames, c.at);
    expect(events).toHaveLength(c.want.length);
    events.forEach((e, i) => {
      const [lo, hi] = c.want[i]!;
      expect(e.tMs / 1000).toBeGreaterThanOrEqual(lo);
      expect(e.tMs / 1000).toBeLessThanOrEqual(hi);
    });
  });

  it('a moving car masks its own pixels: its headlights give no flame region with the track, some without', async () => {
    const regionsSeen = async (withTrack: boolean): Promise<number> => {
      const analyzer = createFireAnalyzer();
      const at = headlights(6, withTrack);
      let seen = 0;
      for (let f = 0; f < 40; f++) {
        const { canvas, tracks = [] } = at(f);
        const { extras, writer } = createExtras();
        await analyzer.analyze({ frame: { cameraId: 'c', seq: f, tMs: f * 200, wallMs: 0, ...canvas }, tracks, detections: [] }, writer);
        seen += getExtra(extras, FIRE_EVIDENCE)!.regions.length;
      }
      return seen;
    };
    expect(await regionsSeen(true)).toBe(0);
    expect(await regionsSeen(false)).toBeGreaterThan(10);
  });

  it('a small flame (8 x 14 px of a 320 px frame) is seen at full resolution; the 160 px copy alone misses it', async () => {
    const small = scene((c, f) => {
      staticDecor(c);
      if (f >= 10) flame(c, f, 160, 120, 4, 14);
    });
    const events = await run(50, small);
    expect(events).toHaveLength(1);
    expect(events[0]!.tMs / 1000).toBeLessThan(10 / FPS + 5);
    expect(await run(50, small, { ...DEFAULT_FIRE_ANALYZER, fine: false })).toEqual([]);
  });

  it('a flat row of small flickering lights (distant traffic, a reflected streak) is not a small flame', async () => {
    // Flickering like a flame, but 24 px wide and at most 3 px tall.
    const row = scene((c, f) => flame(c, f, 160, 150, 12, 3));
    expect(await run(50, row)).toEqual([]);
  });

  it('the alert boxes the flames, not the steady decor', async () => {
    const events = await run(
      80,
      scene((c, f) => {
        staticDecor(c);
        if (f >= 20) flame(c, f, 160, 120, 25, 60);
      }),
    );
    expect(events).toHaveLength(1);
    const box = events[0]!.box!;
    // flames span x 135..185, y 60..120 of 320 x 240
    expect(box.x1).toBeGreaterThan(0.35);
    expect(box.x2).toBeLessThan(0.65);
    expect(box.y1).toBeGreaterThan(0.15);
    expect(box.y2).toBeLessThan(0.6);
    expect(events[0]!.message).toMatch(/^flames for \d\.\d s at x \d+%-\d+%, y \d+%-\d+% of the frame$/);
  });
});

describe('fullFrameCopies', () => {
  const frame = (width: number, value: number) => ({ width, data: new Uint8Array(width * 2 * 3).fill(value) });

  it('copies each frame into one of `size` buffers used in turn, never holding the frame itself', () => {
    const copyOf = fullFrameCopies(3);
    const inputs = [1, 2, 3, 4].map((v) => frame(4, v));
    const copies = inputs.map((f) => copyOf(f));
    copies.forEach((c, i) => expect(c.data).not.toBe(inputs[i]!.data));
    // The fourth frame went into the first buffer: the last three copies hold frames 2, 3 and 4.
    expect(copies[3]!.data).toBe(copies[0]!.data);
    expect(copies.slice(1).map((c) => c.data[0])).toEqual([2, 3, 4]);
    expect(copies[3]!.width).toBe(4);
  });

  it('makes a new buffer where the frame size changed', () => {
    const copyOf = fullFrameCopies(1);
    const small = copyOf(frame(4, 7)).data;
    const large = copyOf(frame(8, 9)).data;
    expect(large).not.toBe(small);
    expect(large.length).toBe(8 * 2 * 3);
    expect(large.every((v) => v === 9)).toBe(true);
  });
});
