import { describe, expect, it } from 'vitest';
import type { Detection, Frame, Label, Zone } from '../../core/types.ts';
import type { Detector, DetectorInput } from '../../detect/detector.ts';
import { createExtras, getExtra } from '../../rules/extras.ts';
import { CROWD_COUNT, createCrowdAnalyzer, type CrowdCount } from './crowd-analyzer.ts';
import { createCountCollector, scenarioCountEstimate } from './scenario-count.ts';
import { planTiles, regionOf } from './tiles.ts';
import { crowdHeads, headsFrame } from './test-frames.ts';
import type { GateDecision } from '../../pipeline/motion-gate.ts';

const W = 640;
const H = 480;
const zone: Zone = {
  id: 'floor',
  kind: 'crowd',
  polygon: [
    { x: 0, y: 0.5 },
    { x: 1, y: 0.5 },
    { x: 1, y: 1 },
    { x: 0, y: 1 },
  ],
  areaM2: 10,
  maxPersonsPerM2: 2,
};
const TILES = planTiles(regionOf([zone], W, H)).length;

/** Finds `perTile()` small people in every tile (at distinct places), plus whatever `extra` says. */
function fakeDetector(perTile: (tMs: number) => number, label: Label = 'person', score = 0.6) {
  const calls: DetectorInput[] = [];
  const detector: Detector = {
    name: 'fake',
    async detect(input) {
      calls.push(input);
      const n = perTile(input.tMs);
      return Array.from({ length: n }, (_, i): Detection => {
        const x = 0.2 + (0.6 * i) / Math.max(1, n);
        return { box: { x1: x, y1: 0.3, x2: x + 0.05, y2: 0.6 }, label, score };
      });
    },
    close: async () => undefined,
  };
  return { detector, calls };
}

const frame = (tMs: number): Frame => ({ cameraId: 'c', seq: tMs / 200, tMs, wallMs: 0, width: W, height: H, data: new Uint8Array(W * H * 3).fill(128) });
const params = { crowdCountSeconds: 1, crowdCountTilesPerSecond: 1, crowdCountWindowSeconds: 5 };

async function run(
  detector: Detector,
  seconds: number,
  minScore = 0.3,
  frameAt = frame,
  gateAt: (tMs: number) => GateDecision | undefined = () => undefined,
): Promise<(CrowdCount | undefined)[]> {
  const a = createCrowdAnalyzer({ zones: [zone], detector, minScore, params });
  const out: (CrowdCount | undefined)[] = [];
  for (let t = 0; t < seconds * 1000; t += 200) {
    const { extras, writer } = createExtras();
    const gate = gateAt(t);
    await a.analyze({ frame: frameAt(t), tracks: [], detections: [], ...(gate ? { gate } : {}) }, writer);
    out.push(getExtra(extras, CROWD_COUNT));
  }
  return out;
}

describe('crowd analyzer', () => {
  it('runs every tile on the first frame, then one tile per 1/crowdCountTilesPerSecond', async () => {
    const { detector, calls } = fakeDetector(() => 1);
    await run(detector, 3);
    expect(TILES).toBeGreaterThan(4);
    expect(calls.filter((c) => c.tMs === 0)).toHaveLength(TILES);
    expect(calls.filter((c) => c.tMs > 0).map((c) => c.tMs)).toEqual([1000, 2000]);
    expect(calls.every((c) => c.width <= 160 && c.height <= 160 && c.data.length === c.width * c.height * 3)).toBe(true);
  });

  it('counts the people found in the tiles, in the zone, from the first frame on', async () => {
    const { detector } = fakeDetector(() => 2);
    const counts = await run(detector, 2);
    const c = counts[0]!;
    expect(c.detected).toBe(2 * TILES);
    expect(c.zones[0]).toMatchObject({ zoneId: 'floor', count: 2 * TILES, areaM2: 10 });
    expect(c.zones[0]!.density).toBeCloseTo((2 * TILES) / 10);
    expect(counts.every((x) => x !== undefined)).toBe(true);
  });

  it('ignores low scores and other labels', async () => {
    expect((await run(fakeDetector(() => 2, 'person', 0.2).detector, 1))[0]!.frameCount).toBe(0);
    expect((await run(fakeDetector(() => 2, 'car').detector, 1))[0]!.frameCount).toBe(0);
  });

  it('a tile result stands until the round-robin comes back to that tile', async () => {
    // The tile run at t = 2 s sees 3 people instead of 1: every later count includes them, and
    // the median of the window follows once they are the majority.
    const { detector } = fakeDetector((t) => (t === 2000 ? 3 : 1));
    const counts = await run(detector, 5);
    expect(counts[5]!.frameCount).toBe(TILES);
    expect(counts[10]!.frameCount).toBe(TILES);
    expect(counts.at(-1)!.frameCount).toBe(TILES + 2);
    expect(counts.at(-1)!.samples).toBe(5);
  });

  it('when the view changes, forgets the old one: every tile runs again and the counts start afresh', async () => {
    // The view is grey 128 until 2 s, then grey 30 (a cut): the new view has 3 persons per tile.
    const { detector, calls } = fakeDetector((t) => (t < 2000 ? 1 : 3));
    const cut = (t: number): Frame => ({ ...frame(t), data: new Uint8Array(W * H * 3).fill(t < 2000 ? 128 : 30) });
    const counts = await run(detector, 4, 0.3, cut);
    const at = (tMs: number): CrowdCount | undefined => counts[tMs / 200];
    // The cut frame itself only raises the flag; the next one, the same view, restarts.
    expect(calls.filter((c) => c.tMs === 2000)).toHaveLength(0);
    expect(calls.filter((c) => c.tMs === 2200)).toHaveLength(TILES);
    expect(at(1800)!.frameCount).toBe(TILES);
    // No count mixes the two views: none for a second, then the new view alone.
    for (const t of [2000, 2200, 2400, 3000]) expect(at(t)).toBeUndefined();
    expect(at(3200)).toMatchObject({ frameCount: 3 * TILES, samples: 1 });
  });

  it('counts a packed moving crowd nobody can detect from its texture, and measures again soon when a new view showed none yet', async () => {
    // 0-3 s: the crowd stands perfectly still (no motion: not counted); from 3 s it moves.
    const still = headsFrame(W, H, crowdHeads(W, 1.6, 1, [H / 2, H]));
    const frameAt = (t: number): Frame => ({ ...frame(t), data: t < 3000 ? still.data : headsFrame(W, H, crowdHeads(W, 1.6, 1 + t, [H / 2, H])).data });
    const counts = await run(fakeDetector(() => 0).detector, 6, 0.3, frameAt);
    const at = (tMs: number): CrowdCount | undefined => counts[tMs / 200];
    expect(at(2000)).toMatchObject({ frameCount: 0, scaleFrom: 'none' });
    // Measured again at the next count (not 10 s later), once the crowd moves.
    expect(at(4000)!.scaleFrom).toBe('texture');
    expect(at(5000)!.zones[0]!.count).toBeGreaterThan(500);
  });

  it('a flat view without detections has no texture to count', async () => {
    const counts = await run(fakeDetector(() => 0).detector, 3);
    expect(counts.at(-1)).toMatchObject({ frameCount: 0, scaleFrom: 'none' });
  });
});

describe('crowd analyzer with motion gating', () => {
  const still: GateDecision = { detect: false, reason: 'still', motion: { boxes: [], changedShare: 0 } };
  const motionIn = (y1: number, y2: number): GateDecision => ({ detect: true, reason: 'motion', motion: { boxes: [{ x1: 0, y1, x2: 1, y2 }], changedShare: 0.1 } });
  // The detector would now find 3 persons per tile instead of 1 (from t = 1 s): only a tile that changed is asked again.
  it.each<[string, ((t: number) => GateDecision | undefined) | undefined, number[], number]>([
    ['no gating: every turn runs', undefined, [1000, 2000], 3],
    ['still frames: the tiles keep their detections', () => still, [], 1],
    ['motion above the crowd zone only: the tiles keep their detections', () => motionIn(0, 0.3), [], 1],
    ['motion in the crowd zone: every turn runs', () => motionIn(0.6, 0.9), [1000, 2000], 3],
    ['gate warm-up (no motion measured): every turn runs', () => ({ detect: true, reason: 'warmup' }), [1000, 2000], 3],
  ])('%s', async (_, gateAt, turns, perTile) => {
    const { detector, calls } = fakeDetector((t) => (t >= 1000 ? 3 : 1));
    const counts = await run(detector, 3, 0.3, frame, gateAt);
    expect(calls.filter((c) => c.tMs === 0)).toHaveLength(TILES);
    expect([...new Set(calls.filter((c) => c.tMs > 0).map((c) => c.tMs))]).toEqual(turns);
    // A tile that runs again finds 3 persons instead of 1; a reused one still holds its 1.
    if (perTile === 3) expect(counts.at(-1)!.detected).toBeGreaterThan(TILES);
    else expect(counts.at(-1)!.detected).toBe(TILES);
  });

  it('a still view counts what it counted without gating', async () => {
    const { detector } = fakeDetector(() => 2);
    const off = await run(detector, 5);
    const on = await run(detector, 5, 0.3, frame, () => still);
    expect(on.map((c) => c?.frameCount)).toEqual(off.map((c) => c?.frameCount));
    expect(on.at(-1)!.samples).toBe(off.at(-1)!.samples);
  });
});

describe('scenario count estimate', () => {
  it('is the median of the frame counts of the frames that have one', () => {
    const c = (frameCount: number): CrowdCount => ({ tMs: 0, frameCount, detected: 0, zones: [], samples: 1, scaleFrom: 'none' });
    expect(scenarioCountEstimate([undefined, c(10), c(30), c(20)])).toBe(20);
    expect(scenarioCountEstimate([undefined])).toBeUndefined();
  });

  it('collects the counts from the frames’ extras', async () => {
    const collector = createCountCollector();
    const a = createCrowdAnalyzer({ zones: [zone], detector: fakeDetector(() => 1).detector, minScore: 0.3, params });
    for (let t = 0; t < 2000; t += 200) {
      const { extras, writer } = createExtras();
      await a.analyze({ frame: frame(t), tracks: [], detections: [] }, writer);
      collector.add(extras);
    }
    collector.add(undefined);
    expect(collector.estimate()).toBe(TILES);
  });
});
