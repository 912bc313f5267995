import { describe, expect, it } from 'vitest';
import type { Box, Detection, Track } from '../core/types.ts';
import type { GreyImage } from './motion.ts';
import { anchorDetections, coastDetections, coastFor, DEFAULT_COAST, QUICK_COAST_MS, type CoastAnchor, type CoastInput } from './track-coast.ts';

const box = (x1: number, y1: number, x2: number, y2: number): Box => ({ x1, y1, x2, y2 });
const det = (b: Box, label: Detection['label'] = 'person', score = 0.8): Detection => ({ box: b, label, score });
const track = (id: number, b: Box, vx = 0, state: Track['state'] = 'confirmed', lastSeenMs = 1000): Track => ({
  id,
  label: 'person',
  box: b,
  score: 0.8,
  state,
  velocity: { x: vx, y: 0 },
  firstSeenMs: 0,
  lastSeenMs,
  hits: 5,
});

// A walker at x 0.2-0.3 moving right at 0.1 per second, and a parked car nobody touches.
const walker = box(0.2, 0.4, 0.3, 0.8);
const car = box(0.6, 0.5, 0.9, 0.7);
const anchors: CoastAnchor[] = [{ detection: det(walker), trackId: 1, velocity: { x: 0.1, y: 0 } }, { detection: det(car, 'car') }];
// The tracker's own velocity estimate is not used (it is fed the handed-on detections).
const tracks = [track(1, walker, 0.5)];
const base: CoastInput = { anchors, tracks, examined: [], motion: [box(0.2, 0.4, 0.32, 0.8)], sinceDetectMs: 200 };

describe('coastDetections', () => {
  it('moves the touched tracked detection along its velocity and keeps the untouched one as it was', () => {
    const out = coastDetections(base);
    expect(out).toHaveLength(2);
    expect(out?.[0]?.box.x1).toBeCloseTo(0.22);
    expect(out?.[0]?.box.x2).toBeCloseTo(0.32);
    expect(out?.[1]).toEqual(det(car, 'car'));
  });

  it('moves an untracked detection lying mostly within a tracked one with it (a carried bag)', () => {
    const bag = det(box(0.25, 0.55, 0.29, 0.65), 'handbag', 0.15);
    const out = coastDetections({ ...base, anchors: [...anchors, { detection: bag }] });
    expect(out?.[2]?.box.x1).toBeCloseTo(0.27);
  });

  const needsDetector: [string, Partial<CoastInput>][] = [
    ['motion outside every tracked path (something entering)', { motion: [box(0.2, 0.4, 0.32, 0.8), box(0.45, 0.1, 0.5, 0.2)] }],
    ['motion reaching beyond the path (a person falling out of their box)', { motion: [box(0.05, 0.4, 0.32, 0.9)] }],
    ['motion beyond the path and beyond what was moving at the last pass', { motion: [box(0.05, 0.4, 0.32, 0.9)], examined: [box(0.6, 0.1, 0.7, 0.3)] }],
    ['the coast would last too long', { sinceDetectMs: DEFAULT_COAST.maxMs }],
    ['uncertain motion held too long', { sinceDetectMs: DEFAULT_COAST.uncertainMs, anchors: [...anchors, { detection: det(box(0.2, 0.3, 0.32, 0.42), 'car', 0.15) }] }],
    ['motion on a detection with no track nor tracked carrier (no path)', { anchors: [{ detection: det(walker) }, anchors[1]!] }],
    ['motion on a detection whose track is now lost', { tracks: [track(1, walker, 0.1, 'lost')] }],
    ['motion on a detection whose track is gone', { tracks: [] }],
  ];
  it.each(needsDetector)('asks for the detector: %s', (_why, change) => {
    expect(coastDetections({ ...base, ...change })).toBeUndefined();
  });

  it('keeps a tracked detection with no measured velocity yet where it was, its widened box for path', () => {
    const still = [{ detection: det(walker), trackId: 1 }, anchors[1]!];
    expect(coastDetections({ ...base, anchors: still })?.[0]?.box).toEqual(walker);
    expect(coastDetections({ ...base, anchors: still, motion: [box(0.2, 0.4, 0.34, 0.8)] })).toBeUndefined();
  });

  it('hands on touched weak, untracked and tentative detections where they were, explaining no motion', () => {
    const weak = det(box(0.2, 0.3, 0.32, 0.42), 'car', 0.15);
    const tentative = det(box(0.28, 0.4, 0.35, 0.6));
    const out = coastDetections({ ...base, anchors: [...anchors, { detection: weak }, { detection: tentative, trackId: 7 }] });
    expect(out?.slice(2)).toEqual([weak, tentative]);
    // Alone, they explain nothing.
    expect(coastDetections({ ...base, anchors: [{ detection: weak }, { detection: tentative, trackId: 7 }] })).toBeUndefined();
    // Held for uncertainMs only.
    const withWeak = { ...base, anchors: [...anchors, { detection: weak }] };
    expect(coastDetections({ ...withWeak, sinceDetectMs: DEFAULT_COAST.uncertainMs - 200 })).toHaveLength(3);
    expect(coastDetections({ ...withWeak, sinceDetectMs: DEFAULT_COAST.uncertainMs })).toBeUndefined();
    // Without holdUncertain (a camera watching falls or fire), each asks for the detector; untouched ones do not.
    const quick = { ...DEFAULT_COAST, holdUncertain: false };
    expect(coastDetections(withWeak, quick)).toBeUndefined();
    expect(coastDetections({ ...base, anchors: [...anchors, { detection: tentative, trackId: 7 }] }, quick)).toBeUndefined();
    expect(coastDetections({ ...base, anchors: [...anchors, { detection: det(box(0.7, 0.1, 0.8, 0.2), 'car', 0.15) }] }, quick)).toHaveLength(3);
  });

  it('coasts up to maxMs when confirmed tracks explain all the motion, up to uncertainMs when it needs the regions already moving', () => {
    const between = (DEFAULT_COAST.uncertainMs + DEFAULT_COAST.maxMs) / 2;
    expect(coastDetections({ ...base, sinceDetectMs: between })).toHaveLength(2);
    const elsewhere = { ...base, motion: [base.motion[0]!, box(0.6, 0.1, 0.7, 0.3)], examined: [box(0.6, 0.1, 0.7, 0.3)] };
    expect(coastDetections({ ...elsewhere, sinceDetectMs: DEFAULT_COAST.uncertainMs - 200 })).toHaveLength(2);
    expect(coastDetections({ ...elsewhere, sinceDetectMs: between })).toBeUndefined();
  });

  it.each([
    [['intrusion', 'wrong_way'], DEFAULT_COAST.maxMs, true],
    [['crowd_density', 'abandoned_object'], DEFAULT_COAST.maxMs, true],
    [['intrusion', 'person_down'], QUICK_COAST_MS, false],
    [['fire'], QUICK_COAST_MS, false],
  ] as const)('cameras watching %j coast at most %d ms, hold uncertain motion: %s', (events, maxMs, hold) => {
    const o = coastFor(events);
    expect([o.maxMs, Math.max(o.maxMs, o.uncertainMs), o.holdUncertain]).toEqual([maxMs, maxMs, hold]);
    // Small stray motion waits for the next pass only where uncertain motion may.
    expect(o.smallPixels).toBe(hold ? DEFAULT_COAST.smallPixels : DEFAULT_COAST.strayPixels);
    expect(coastFor(events, { ...DEFAULT_COAST, maxMs: 0 }).maxMs).toBe(0);
  });

  it('explains motion within the regions that were moving at the last pass, widened by the margin', () => {
    const elsewhere = box(0.6, 0.1, 0.7, 0.3);
    const motion = [box(0.2, 0.4, 0.32, 0.8), box(0.59, 0.09, 0.71, 0.31)];
    expect(coastDetections({ ...base, motion, examined: [elsewhere] })).toHaveLength(2);
    expect(coastDetections({ ...base, motion: [base.motion[0]!, box(0.55, 0.05, 0.75, 0.35)], examined: [elsewhere] })).toBeUndefined();
  });

  it('with the changed pixels, explains a region spanning two walkers by their two paths, not a pixel beyond them', () => {
    // 100 x 100 mask; two walkers side by side, their changed pixels forming one region.
    const second = box(0.3, 0.4, 0.4, 0.8);
    const two: CoastAnchor[] = [anchors[0]!, { detection: det(second), trackId: 2, velocity: { x: 0.1, y: 0 } }];
    const twoTracks = [track(1, walker), track(2, second)];
    const mask = (extra: readonly [number, number][] = []): GreyImage => {
      const data = new Uint8Array(100 * 100);
      for (let y = 45; y < 75; y++) for (let x = 22; x < 40; x++) data[y * 100 + x] = 1;
      for (const [x, y] of extra) data[y * 100 + x] = 1;
      return { width: 100, height: 100, data };
    };
    const region = [box(0.21, 0.44, 0.41, 0.76)];
    const input = { ...base, anchors: two, tracks: twoTracks, motion: region };
    expect(coastDetections({ ...input, changed: mask() })).toHaveLength(2);
    // Without the pixels the region fits in neither path alone.
    expect(coastDetections(input)).toBeUndefined();
    // Changed pixels of the region (at x 0.7) outside both paths: two are noise; from three on,
    // something else moved: a little of it waits for the next pass (the shorter coast), more runs the detector.
    const beyond = [box(0.21, 0.44, 0.71, 0.76)];
    const stray = (n: number): [number, number][] => Array.from({ length: n }, (_, i) => [70, 50 + i] as [number, number]);
    const cases: [pixels: number, sinceDetectMs: number, opts: typeof DEFAULT_COAST, coasts: boolean][] = [
      [2, DEFAULT_COAST.maxMs - 200, DEFAULT_COAST, true],
      [3, DEFAULT_COAST.uncertainMs - 200, DEFAULT_COAST, true],
      [DEFAULT_COAST.smallPixels - 1, DEFAULT_COAST.uncertainMs - 200, DEFAULT_COAST, true],
      [DEFAULT_COAST.smallPixels, 200, DEFAULT_COAST, false],
      [3, DEFAULT_COAST.uncertainMs, DEFAULT_COAST, false],
      [3, 200, coastFor(['person_down']), false],
    ];
    for (const [pixels, sinceDetectMs, opts, coasts] of cases) {
      const out = coastDetections({ ...input, motion: beyond, changed: mask(stray(pixels)), sinceDetectMs }, opts);
      expect({ pixels, sinceDetectMs, coasted: out !== undefined }).toEqual({ pixels, sinceDetectMs, coasted: coasts });
    }
  });

  it('is disabled by maxMs 0', () => {
    expect(coastDetections(base, { ...DEFAULT_COAST, maxMs: 0 })).toBeUndefined();
  });
});

describe('anchorDetections', () => {
  it('pairs a detection with the track of the same label matched on that frame, by IoU', () => {
    const out = anchorDetections(
      [det(walker), det(car, 'car'), det(box(0.21, 0.41, 0.31, 0.8), 'backpack')],
      [track(1, box(0.21, 0.4, 0.3, 0.8)), track(2, car, 0, 'confirmed', 800), track(3, box(0, 0, 0.1, 0.1))],
      1000,
      0.5,
    );
    // The car's track was not matched on this frame (last seen at 800 ms); the backpack has no backpack track.
    expect(out.map((a) => a.trackId)).toEqual([1, undefined, undefined]);
    expect(out[0]?.velocity).toBeUndefined();
  });

  it("measures a track's velocity between two detector passes, not over too long a gap", () => {
    const t = [track(1, box(0.21, 0.4, 0.3, 0.8))];
    const previous: CoastAnchor[] = [{ detection: det(box(0.18, 0.4, 0.28, 0.8)), trackId: 1 }];
    const [a] = anchorDetections([det(walker)], t, 1000, 0.5, previous, 600);
    expect(a?.velocity?.x).toBeCloseTo(0.05);
    expect(a?.velocity?.y).toBeCloseTo(0);
    expect(anchorDetections([det(walker)], t, 1000, 0.5, previous, -1200)[0]?.velocity).toBeUndefined();
    // A box that changed shape between the passes (a person falling: height down by a quarter) gets none.
    expect(anchorDetections([det(box(0.2, 0.5, 0.3, 0.8))], [track(1, box(0.2, 0.5, 0.3, 0.8))], 1000, 0.5, [{ detection: det(walker), trackId: 1 }], 600)[0]?.velocity).toBeUndefined();
  });
});
