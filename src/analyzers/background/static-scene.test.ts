import { describe, expect, it } from 'vitest';
import type { Box } from '../../core/types.ts';
import { iou } from '../../core/geometry.ts';
import { changedFraction, createStaticSceneTracker, type StaticBlob, type StaticScene } from './static-scene.ts';

/**
 * Synthetic scenes at 160x120 (the analyzer's working size), 5 fps. The floor is flat grey on the
 * left half and tiled on the right half; every frame gets a little sensor noise.
 */
const W = 160;
const H = 120;
const FPS = 5;
type Rgb = readonly [number, number, number];
type Painter = (data: Uint8Array, tS: number) => void;

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function floor(data: Uint8Array): void {
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const tiled = x >= W / 2 && (x % 12 < 1 || y % 12 < 1);
      const v = tiled ? 95 : 150;
      data.set([v, v, v + 6], (y * W + x) * 3);
    }
  }
}

function px(b: Box): [number, number, number, number] {
  return [Math.round(b.x1 * W), Math.round(b.y1 * H), Math.round(b.x2 * W), Math.round(b.y2 * H)];
}

/** A bag: a coloured body with a lighter strap across it. */
function bag(b: Box, body: Rgb, strap: Rgb): Painter {
  const [x1, y1, x2, y2] = px(b);
  return (data) => {
    for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) data.set(Math.abs(y - (y1 + y2) / 2) < 1 ? strap : body, (y * W + x) * 3);
  };
}

/** Multiplies the brightness inside the box (light patch, shadow): hue and texture are kept. */
function light(b: Box, gain: number): Painter {
  const [x1, y1, x2, y2] = px(b);
  return (data) => {
    for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) for (let c = 0; c < 3; c++) {
      const i = (y * W + x) * 3 + c;
      data[i] = Math.min(255, data[i]! * gain);
    }
  };
}

const during = (fromS: number, toS: number, p: Painter): Painter => (d, t) => void (t >= fromS && t < toS && p(d, t));
const BAG: Box = { x1: 0.2, y1: 0.6, x2: 0.3, y2: 0.72 };
const TILED_BAG: Box = { x1: 0.65, y1: 0.55, x2: 0.76, y2: 0.7 };
const dark = bag(BAG, [45, 30, 70], [120, 110, 90]);

interface Run {
  readonly scenes: StaticScene[];
  /** Object blobs per frame. */
  readonly objects: StaticBlob[][];
}

/** Dark paving: grey 52 with a grain of +-5. */
function paving(data: Uint8Array): void {
  const grain = seeded(3);
  for (let p = 0; p < W * H; p++) {
    const v = 52 + Math.round((grain() - 0.5) * 10);
    data.set([v, v, v + 3], p * 3);
  }
}

/** A railing: dark bars every 6 px and a rail every 30 rows over a light wall behind. */
function railing(data: Uint8Array): void {
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const v = x % 6 < 2 || y % 30 < 2 ? 60 : 170;
      data.set([v, v + 5, v + 10], (y * W + x) * 3);
    }
  }
}

function run(seconds: number, painters: readonly Painter[], ground: (data: Uint8Array) => void = floor): Run {
  const tracker = createStaticSceneTracker();
  const noise = seeded(7);
  const scenes: StaticScene[] = [];
  for (let f = 0; f < seconds * FPS; f++) {
    const tS = f / FPS;
    const data = new Uint8Array(W * H * 3);
    ground(data);
    for (const p of painters) p(data, tS);
    for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i]! + Math.round((noise() - 0.5) * 6)));
    scenes.push(tracker.step({ width: W, height: H, data }, f * (1000 / FPS)));
  }
  return { scenes, objects: scenes.map((s) => s.blobs.filter((b) => b.kind === 'object')) };
}

const at = (r: Run, tS: number): StaticBlob[] => r.objects[Math.round(tS * FPS)]!;
const anyObject = (r: Run): boolean => r.objects.some((o) => o.length > 0);

interface Case {
  readonly name: string;
  readonly seconds: number;
  readonly painters: readonly Painter[];
  /** The empty scene (default: flat floor and tiles). */
  readonly ground?: (data: Uint8Array) => void;
  /** [time, box] pairs where an object blob must lie on the box; with none, no object blob ever. */
  readonly want: readonly [number, Box][];
}

const cases: Case[] = [
  { name: 'a dark bag put down on the flat floor at 4 s is a static object by 8 s', seconds: 12, painters: [during(4, 99, dark)], want: [[9, BAG], [11.8, BAG]] },
  {
    name: 'a bag put down on the tiles is found too',
    seconds: 12,
    painters: [during(4, 99, bag(TILED_BAG, [160, 40, 40], [230, 200, 60]))],
    want: [[9, TILED_BAG]],
  },
  {
    name: 'a grey case the colour of the floor, darker and with its own seams, is an object (not a shadow)',
    seconds: 12,
    painters: [during(4, 99, bag(BAG, [95, 95, 101], [60, 60, 64]))],
    want: [[9, BAG]],
  },
  { name: 'a bag there when the camera started is background', seconds: 12, painters: [dark], want: [] },
  { name: 'a bag there at the start and taken away at 5 s is a ghost, not an object', seconds: 14, painters: [during(0, 5, dark)], want: [] },
  {
    name: 'a light patch on the floor (x1.6, hue and tiles kept) is not an object',
    seconds: 12,
    painters: [during(4, 99, light({ x1: 0.3, y1: 0.4, x2: 0.7, y2: 0.8 }, 1.6))],
    want: [],
  },
  { name: 'a shadow (x0.55) is not an object', seconds: 12, painters: [during(4, 99, light({ x1: 0.1, y1: 0.5, x2: 0.4, y2: 0.9 }, 0.55))], want: [] },
  { name: 'the lights going up over the whole frame: no object', seconds: 12, painters: [during(4, 99, light({ x1: 0, y1: 0, x2: 1, y2: 1 }, 1.4))], want: [] },
  {
    name: 'the lights dimming to 70 % while a bag lies there: still that one object afterwards',
    seconds: 20,
    painters: [during(4, 99, dark), during(11, 99, light({ x1: 0, y1: 0, x2: 1, y2: 1 }, 0.7))],
    want: [[10, BAG], [19, BAG]],
  },
  {
    name: 'a navy bag on dark paving (colour distance ~20, under the fixed threshold of old) is an object',
    seconds: 12,
    ground: paving,
    painters: [during(4, 99, bag(BAG, [36, 40, 52], [70, 72, 84]))],
    want: [[9, BAG]],
  },
  {
    name: 'a bag in front of a railing, its outline weaker than the bars it hides, is an object (not a ghost)',
    seconds: 12,
    ground: railing,
    painters: [during(4, 99, bag(TILED_BAG, [110, 100, 90], [140, 130, 120]))],
    want: [[9, TILED_BAG]],
  },
  {
    name: 'the railing alone, under sensor noise, holds nothing',
    seconds: 12,
    ground: railing,
    painters: [],
    want: [],
  },
  {
    name: 'a dark bag put down in a patch of new light (a reflection) comes out on its own',
    seconds: 12,
    painters: [during(4, 99, light({ x1: 0.05, y1: 0.45, x2: 0.45, y2: 0.95 }, 1.5)), during(4, 99, dark)],
    want: [[9, BAG], [11.8, BAG]],
  },
  {
    name: 'someone walking across leaves nothing',
    seconds: 12,
    painters: [(d, t) => bag({ x1: 0.05 + t * 0.07, y1: 0.3, x2: 0.12 + t * 0.07, y2: 0.75 }, [200, 60, 50], [40, 40, 120])(d, t)],
    want: [],
  },
];

describe('static-scene analyzer on synthetic scenes', () => {
  it.each(cases)('$name', (c) => {
    const r = run(c.seconds, c.painters, c.ground);
    if (c.want.length === 0) expect(anyObject(r)).toBe(false);
    for (const [tS, box] of c.want) {
      const best = Math.max(0, ...at(r, tS).map((b) => iou(b.box, box)));
      expect(best, `object on ${JSON.stringify(box)} at ${tS} s`).toBeGreaterThan(0.5);
    }
  });

  it('reports nothing during the warm-up, then says ready', () => {
    const r = run(5, [during(0.4, 99, dark)]);
    expect(r.scenes[0]!.ready).toBe(false);
    expect(r.scenes[10]!.ready).toBe(false);
    expect(r.scenes[24]!.ready).toBe(true);
  });

  it('a bag picked up again: its place is background again within 2 s and the blob goes', () => {
    const r = run(20, [during(4, 14, dark)]);
    expect(at(r, 13).length).toBe(1);
    expect(changedFraction(r.scenes[13 * FPS]!, BAG)).toBeGreaterThan(0.5);
    expect(changedFraction(r.scenes[16 * FPS]!, BAG)).toBeLessThan(0.15);
    expect(r.objects.slice(16 * FPS).every((o) => o.length === 0)).toBe(true);
  });

  it('heals a ghost into the background: the place stops differing', () => {
    const r = run(14, [during(0, 5, dark)]);
    expect(changedFraction(r.scenes[13 * FPS]!, BAG)).toBeLessThan(0.15);
  });

  it('starts again when the camera is turned to another scene', () => {
    const other: Painter = (d) => {
      for (let p = 0; p < W * H; p++) d.set([(p * 7) % 256, 60 + (p % W), 200 - ((p / W) | 0)], p * 3);
    };
    const r = run(12, [during(6, 99, other)]);
    expect(r.scenes[6 * FPS + 1]!.ready).toBe(false);
    expect(r.scenes[11 * FPS]!.ready).toBe(true);
    expect(anyObject(r)).toBe(false);
  });

  it('restarts on a new clock (a looped file): warm-up again', () => {
    const tracker = createStaticSceneTracker();
    const data = new Uint8Array(W * H * 3);
    floor(data);
    for (let f = 0; f < 30; f++) tracker.step({ width: W, height: H, data }, f * 200);
    expect(tracker.step({ width: W, height: H, data }, 0).ready).toBe(false);
  });
});
