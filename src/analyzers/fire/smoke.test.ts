import { describe, expect, it } from 'vitest';
import type { RuleEvent, Track } from '../../core/types.ts';
import { DEFAULT_PARAMS } from '../../config/schema.ts';
import { createExtras } from '../../rules/extras.ts';
import { fireRule } from '../../rules/fire.ts';
import { createFireAnalyzer } from './fire-analyzer.ts';
import { bricks, copy, paint, veil, type Canvas } from './test-scenes.ts';

const WALL = bricks();
const START = 25;

/** A plume rising from (160, 230) from frame START: 4 px higher a frame, widening as it rises. */
function plume(c: Canvas, f: number, grey = 175, alpha = 0.8): void {
  if (f < START) return;
  const top = Math.max(20, 230 - (f - START) * 4);
  veil(c, alpha, (x, y) => y >= top && y <= 230 && Math.abs(x - 160) <= 8 + (230 - y) * 0.25, grey);
}

/** A close person in pale clothes walking away up the image, 2 px a frame (their top edge rises steadily, like smoke). */
function walkerBox(f: number): { x1: number; y1: number; x2: number; y2: number } {
  const top = 200 - 2 * Math.max(0, f - START);
  return { x1: 130, y1: top, x2: 180, y2: top + 100 };
}

function walker(f: number): Track {
  const b = walkerBox(f);
  return {
    id: 1,
    label: 'person',
    box: { x1: b.x1 / 320, y1: b.y1 / 240, x2: b.x2 / 320, y2: b.y2 / 240 },
    score: 0.9,
    state: 'confirmed',
    velocity: { x: 0, y: -0.02 },
    firstSeenMs: 0,
    lastSeenMs: f * 200,
    hits: f + 1,
  };
}

async function run(frames: number, at: (c: Canvas, f: number) => Track[]): Promise<RuleEvent[]> {
  const analyzer = createFireAnalyzer();
  const ctx = { zones: [], params: DEFAULT_PARAMS };
  let state = fireRule.init(ctx);
  const events: RuleEvent[] = [];
  for (let f = 0; f < frames; f++) {
    const tMs = f * 200;
    const c = copy(WALL);
    const tracks = at(c, f);
    const { extras, writer } = createExtras();
    await analyzer.analyze({ frame: { cameraId: 'c', seq: f, tMs, wallMs: tMs, ...c }, tracks, detections: [] }, writer);
    const out = fireRule.step(state, { tMs, tracks, extras }, ctx);
    state = out.state;
    events.push(...out.events);
  }
  return events;
}

describe('smoke on synthetic frames', () => {
  it('grey smoke rising over a brick wall alerts once, as smoke', async () => {
    const events = await run(75, (c, f) => (plume(c, f), []));
    expect(events).toHaveLength(1);
    expect(events[0]!.tMs / 1000).toBeGreaterThan(START / 5);
    expect(events[0]!.tMs / 1000).toBeLessThan(START / 5 + 5);
    expect(events[0]!.message).toMatch(/^smoke for/);
    expect(events[0]!.box!.x1).toBeGreaterThan(0.3);
    expect(events[0]!.box!.x2).toBeLessThan(0.7);
  });

  it.each([
    { name: 'a rising shadow (darker, not smoke) never alerts', at: (c: Canvas, f: number) => (plume(c, f, 20, 0.5), []) },
    {
      name: 'a pale grey box put down never alerts (it does not rise)',
      at: (c: Canvas, f: number) => (f >= START && veil(c, 0.9, (x, y) => x >= 120 && x < 200 && y >= 150 && y < 220), []),
    },
    {
      name: 'a person in pale clothes walking away up the image (with the track) never alerts',
      at: (c: Canvas, f: number) => {
        const b = walkerBox(f);
        paint(c, [185, 185, 180], () => true, b.x1, b.y1, b.x2, b.y2);
        return [walker(f)];
      },
    },
  ])('$name', async ({ at }) => {
    expect(await run(75, at)).toEqual([]);
  });
});

describe('dark smoke on synthetic frames', () => {
  it('black smoke rising over a brick wall alerts once, as smoke', async () => {
    const events = await run(75, (c, f) => (plume(c, f, 25, 0.85), []));
    expect(events).toHaveLength(1);
    expect(events[0]!.tMs / 1000).toBeLessThan(START / 5 + 6);
    expect(events[0]!.message).toMatch(/^smoke for/);
  });

  it('a dark patch sliding up the wall as a whole (its base rises with its top) never alerts', async () => {
    const at = (c: Canvas, f: number): Track[] => {
      const top = 200 - 3 * Math.max(0, f - START);
      if (f >= START) veil(c, 0.85, (x, y) => Math.abs(x - 160) <= 20 && y >= top && y <= top + 30, 25);
      return [];
    };
    expect(await run(75, at)).toEqual([]);
  });
});
