import { describe, expect, it } from 'vitest';
import type { Detection, RuleEvent, Track } from '../../core/types.ts';
import { DEFAULT_PARAMS } from '../../config/schema.ts';
import type { Detector, DetectorInput } from '../../detect/detector.ts';
import { createExtras, getExtra } from '../../rules/extras.ts';
import { weaponRule } from '../../rules/weapon.ts';
import { createWeaponAnalyzer, WEAPON_LOOKS } from './weapon-analyzer.ts';
import type { GateDecision } from '../../pipeline/motion-gate.ts';

const W = 320;
const H = 240;
type Rect = readonly [number, number, number, number];
/** Person box 128..160 x 72..216 px. */
const PERSON: Rect = [128, 72, 160, 216];
const IN_HAND: Rect = [158, 130, 180, 138];
/** Inside the crop (x 36..252) but well away from the person. */
const ON_TABLE: Rect = [205, 200, 235, 206];

/** Finds pure red pixels and calls them a knife; records the size of every input. */
function fakeDetector(): Detector & { calls: { width: number; height: number }[] } {
  const calls: { width: number; height: number }[] = [];
  return {
    name: 'fake',
    calls,
    async detect(f: DetectorInput): Promise<Detection[]> {
      calls.push({ width: f.width, height: f.height });
      let x1 = Infinity;
      let y1 = Infinity;
      let x2 = -1;
      let y2 = -1;
      for (let i = 0; i < f.width * f.height; i++) {
        if (f.data[i * 3] !== 255 || f.data[i * 3 + 1] !== 0) continue;
        const x = i % f.width;
        const y = Math.floor(i / f.width);
        [x1, y1, x2, y2] = [Math.min(x1, x), Math.min(y1, y), Math.max(x2, x + 1), Math.max(y2, y + 1)];
      }
      return x2 < 0 ? [] : [{ label: 'knife', score: 0.9, box: { x1: x1 / f.width, y1: y1 / f.height, x2: x2 / f.width, y2: y2 / f.height } }];
    },
    close: async () => undefined,
  };
}

function frame(red?: Rect): Uint8Array {
  const data = new Uint8Array(W * H * 3).fill(90);
  if (red) for (let y = red[1]; y < red[3]; y++) for (let x = red[0]; x < red[2]; x++) data.set([255, 0, 0], (y * W + x) * 3);
  return data;
}

const norm = (r: Rect) => ({ x1: r[0] / W, y1: r[1] / H, x2: r[2] / W, y2: r[3] / H });
const person: Track = { id: 7, label: 'person', box: norm(PERSON), score: 0.9, state: 'confirmed', velocity: { x: 0, y: 0 }, firstSeenMs: 0, lastSeenMs: 0, hits: 9 };

interface Scene {
  readonly red?: Rect;
  readonly persons?: readonly Track[];
  readonly wholeFrame?: readonly Detection[];
  readonly gate?: GateDecision;
}

async function run(frames: number, at: (f: number) => Scene) {
  const detector = fakeDetector();
  const analyzer = createWeaponAnalyzer({ detector });
  const ctx = { zones: [], params: DEFAULT_PARAMS };
  let state = weaponRule.init(ctx);
  const events: RuleEvent[] = [];
  let looks = 0;
  for (let f = 0; f < frames; f++) {
    const tMs = f * 200;
    const s = at(f);
    const tracks = s.persons ?? [person];
    const { extras, writer } = createExtras();
    const input = { frame: { cameraId: 'c', seq: f, tMs, wallMs: tMs, width: W, height: H, data: frame(s.red) }, tracks, detections: s.wholeFrame ?? [], ...(s.gate ? { gate: s.gate } : {}) };
    await analyzer.analyze(input, writer);
    looks += getExtra(extras, WEAPON_LOOKS)!.looks.length;
    const out = weaponRule.step(state, { tMs, tracks, extras }, ctx);
    state = out.state;
    events.push(...out.events);
  }
  return { events, looks, calls: detector.calls };
}

describe('weapon analyzer + rule on synthetic frames', () => {
  it.each([
    { name: 'a knife held for 3 s alerts once, at the second look (1 s)', at: (): Scene => ({ red: IN_HAND }), want: [1000] },
    { name: 'a knife lying apart from the person (not held) never alerts', at: (): Scene => ({ red: ON_TABLE }), want: [] },
    { name: 'nothing in hand, no alert', at: (): Scene => ({}), want: [] },
    { name: 'a knife seen in only one look of five never alerts', at: (f: number): Scene => (f === 0 ? { red: IN_HAND } : {}), want: [] },
    {
      name: 'a held knife found by the full-frame detection counts at look time',
      at: (): Scene => ({ wholeFrame: [{ label: 'knife', score: 0.5, box: norm(IN_HAND) }] }),
      want: [1000],
    },
    {
      name: 'a full-frame knife under the threshold does not count',
      at: (): Scene => ({ wholeFrame: [{ label: 'knife', score: 0.2, box: norm(IN_HAND) }] }),
      want: [],
    },
    {
      name: 'scissors are not weapons for the main detector',
      at: (): Scene => ({ wholeFrame: [{ label: 'scissors', score: 0.9, box: norm(IN_HAND) }] }),
      want: [],
    },
  ])('$name', async ({ at, want }) => {
    const { events } = await run(26, at);
    expect(events.map((e) => e.tMs)).toEqual(want);
  });

  it('the alert names the weapon, the person track, and boxes both', async () => {
    const { events } = await run(10, () => ({ red: IN_HAND }));
    expect(events[0]).toMatchObject({ type: 'weapon', trackId: 7, score: 0.9, details: { weapon: 'knife', seen: 2, looks: 2 } });
    expect(events[0]!.message).toBe('knife held by a person (seen in 2 of the last 2 looks)');
    expect(events[0]!.box!.x2).toBeCloseTo(180 / W);
    expect(events[0]!.box!.y1).toBeCloseTo(72 / H);
  });

  it('runs the detector only on crops around persons, once a second each', async () => {
    const { calls, looks } = await run(26, () => ({}));
    expect(looks).toBe(6);
    expect(calls).toHaveLength(6);
    for (const c of calls) expect(c.width * c.height).toBeLessThan((W * H) / 1.5);
    const none = await run(26, () => ({ persons: [] }));
    expect(none.calls).toHaveLength(0);
  });

  describe('with motion gating', () => {
    const still: GateDecision = { detect: false, reason: 'still', motion: { boxes: [], changedShare: 0 } };
    const motion = (box: Track['box']): GateDecision => ({ detect: true, reason: 'motion', motion: { boxes: [box], changedShare: 0.05 } });
    const moved: Track = { ...person, box: { ...person.box, x1: person.box.x1 + 0.05, x2: person.box.x2 + 0.05 } };
    it.each<[string, (f: number) => Scene, number, number[]]>([
      // The knife appears in the hand at frame 3 but the gate saw no change: the first look's crop stands.
      ['a still person: the first look is reused', (f) => ({ gate: still, ...(f >= 3 ? { red: IN_HAND } : {}) }), 1, []],
      ['motion over the person: every look runs again', (f) => ({ gate: motion(person.box), ...(f >= 3 ? { red: IN_HAND } : {}) }), 6, [2000]],
      ['motion elsewhere: reused', (f) => ({ gate: motion({ x1: 0.9, y1: 0.9, x2: 1, y2: 1 }), ...(f >= 3 ? { red: IN_HAND } : {}) }), 1, []],
      ['the person box moved (another crop): runs again', (f) => ({ gate: still, persons: [f < 5 ? person : moved] }), 2, []],
      ['no gating: every look runs', (f) => (f >= 3 ? { red: IN_HAND } : {}), 6, [2000]],
    ])('%s', async (_, at, detectorCalls, alerts) => {
      const { calls, looks, events } = await run(26, at);
      expect(looks).toBe(6);
      expect(calls).toHaveLength(detectorCalls);
      expect(events.map((e) => e.tMs)).toEqual(alerts);
    });
  });
});
