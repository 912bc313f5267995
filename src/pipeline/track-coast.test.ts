import { describe, expect, it } from 'vitest';
import type { Box, Detection, Track } from '../core/types.ts';
import { growBox } from '../core/geometry.ts';
import type { GreyImage } from './motion.ts';
import { anchorDetections, coastDetections, coastFor, coastVerdict, mergeLook, unexplained, DEFAULT_COAST, QUICK_COAST_MS, type CoastAnchor, type CoastInput } from './track-coast.ts';

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
const anchors: CoastAnchor[] = [{ detection: det(walker), trackId: 1, velocity: { x: 0.1, y: 0 }, tMs: 0 }, { detection: det(car, 'car'), tMs: 0 }];
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
    const out = coastDetections({ ...base, anchors: [...anchors, { detection: bag, tMs: 0 }] });
    expect(out?.[2]?.box.x1).toBeCloseTo(0.27);
  });

  const needsDetector: [string, Partial<CoastInput>][] = [
    ['motion outside every tracked path (something entering)', { motion: [box(0.2, 0.4, 0.32, 0.8), box(0.45, 0.1, 0.5, 0.2)] }],
    ['motion reaching beyond the path (a person falling out of their box)', { motion: [box(0.05, 0.4, 0.32, 0.9)] }],
    ['motion beyond the path and beyond what was moving at the last pass', { motion: [box(0.05, 0.4, 0.32, 0.9)], examined: [box(0.6, 0.1, 0.7, 0.3)] }],
    ['the coast would last too long', { sinceDetectMs: DEFAULT_COAST.maxMs }],
    ['uncertain motion held too long', { sinceDetectMs: DEFAULT_COAST.uncertainMs, anchors: [...anchors, { detection: det(box(0.2, 0.3, 0.32, 0.42), 'car', 0.15), tMs: 0 }] }],
    ['motion on a detection with no track nor tracked carrier (no path)', { anchors: [{ detection: det(walker), tMs: 0 }, anchors[1]!] }],
    ['motion on a detection whose track is now lost', { tracks: [track(1, walker, 0.1, 'lost')] }],
    ['motion on a detection whose track is gone', { tracks: [] }],
  ];
  it.each(needsDetector)('asks for the detector: %s', (_why, change) => {
    expect(coastDetections({ ...base, ...change })).toBeUndefined();
  });

  it('keeps a tracked detection with no measured velocity yet where it was, its widened box for path', () => {
    const still = [{ detection: det(walker), trackId: 1, tMs: 0 }, anchors[1]!];
    expect(coastDetections({ ...base, anchors: still })?.[0]?.box).toEqual(walker);
    expect(coastDetections({ ...base, anchors: still, motion: [box(0.2, 0.4, 0.34, 0.8)] })).toBeUndefined();
  });

  it('hands on touched weak, untracked and tentative detections where they were, explaining no motion', () => {
    const weak = det(box(0.2, 0.3, 0.32, 0.42), 'car', 0.15);
    const tentative = det(box(0.28, 0.4, 0.35, 0.6));
    const out = coastDetections({ ...base, anchors: [...anchors, { detection: weak, tMs: 0 }, { detection: tentative, trackId: 7, tMs: 0 }] });
    expect(out?.slice(2)).toEqual([weak, tentative]);
    // Alone, they explain nothing.
    expect(coastDetections({ ...base, anchors: [{ detection: weak, tMs: 0 }, { detection: tentative, trackId: 7, tMs: 0 }] })).toBeUndefined();
    // Held for uncertainMs only.
    const withWeak = { ...base, anchors: [...anchors, { detection: weak, tMs: 0 }] };
    expect(coastDetections({ ...withWeak, sinceDetectMs: DEFAULT_COAST.uncertainMs - 200 })).toHaveLength(3);
    expect(coastDetections({ ...withWeak, sinceDetectMs: DEFAULT_COAST.uncertainMs })).toBeUndefined();
    // Without holdUncertain (a camera watching falls or fire), each asks for the detector; untouched ones do not.
    const quick = { ...DEFAULT_COAST, holdUncertain: false };
    expect(coastDetections(withWeak, quick)).toBeUndefined();
    expect(coastDetections({ ...base, anchors: [...anchors, { detection: tentative, trackId: 7, tMs: 0 }] }, quick)).toBeUndefined();
    expect(coastDetections({ ...base, anchors: [...anchors, { detection: det(box(0.7, 0.1, 0.8, 0.2), 'car', 0.15), tMs: 0 }] }, quick)).toHaveLength(3);
  });

  it('coasts up to maxMs when confirmed tracks explain all the motion, up to uncertainMs when it needs the regions already moving', () => {
    const between = (DEFAULT_COAST.uncertainMs + DEFAULT_COAST.maxMs) / 2;
    expect(coastDetections({ ...base, sinceDetectMs: between })).toHaveLength(2);
    const elsewhere = { ...base, motion: [base.motion[0]!, box(0.6, 0.1, 0.7, 0.3)], examined: [box(0.6, 0.1, 0.7, 0.3)] };
    expect(coastDetections({ ...elsewhere, sinceDetectMs: DEFAULT_COAST.uncertainMs - 200 })).toHaveLength(2);
    expect(coastDetections({ ...elsewhere, sinceDetectMs: between })).toBeUndefined();
  });

  it.each([
    [['intrusion', 'wrong_way'], DEFAULT_COAST, DEFAULT_COAST.maxMs, true],
    [['crowd_density', 'abandoned_object'], DEFAULT_COAST, DEFAULT_COAST.maxMs, true],
    [['intrusion', 'person_down'], DEFAULT_COAST, QUICK_COAST_MS, false],
    [['intrusion', 'person_down'], { ...DEFAULT_COAST, looks: false }, QUICK_COAST_MS, false],
    [['fire'], DEFAULT_COAST, QUICK_COAST_MS, false],
  ] as const)('cameras watching %j (%o) coast at most %d ms, hold uncertain motion: %s', (events, base, maxMs, hold) => {
    const o = coastFor(events, base);
    expect([o.maxMs, Math.max(o.maxMs, o.uncertainMs), o.holdUncertain]).toEqual([maxMs, maxMs, hold]);
    // Small stray motion waits for the next pass only where uncertain motion may.
    expect(o.smallPixels).toBe(hold ? DEFAULT_COAST.smallPixels : DEFAULT_COAST.strayPixels);
    expect(coastFor(events, { ...base, maxMs: 0 }).maxMs).toBe(0);
    // Only fire cameras never look through windows.
    expect(o.looks).toBe(base.looks && !events.includes('fire' as never));
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
    const two: CoastAnchor[] = [anchors[0]!, { detection: det(second), trackId: 2, velocity: { x: 0.1, y: 0 }, tMs: 0 }];
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

describe('coastVerdict', () => {
  // 100 x 100 changed-pixel mask: the walker's pixels (on its path) plus a block elsewhere.
  const mask = (blocks: readonly Box[]): GreyImage => {
    const data = new Uint8Array(100 * 100);
    for (const b of blocks) for (let y = b.y1 * 100; y < b.y2 * 100; y++) for (let x = b.x1 * 100; x < b.x2 * 100; x++) data[y * 100 + x] = 1;
    return { width: 100, height: 100, data };
  };
  const walking = box(0.22, 0.45, 0.3, 0.75);
  const entering = box(0.7, 0.1, 0.8, 0.3);
  const far = box(0.7, 0.8, 0.8, 0.9);

  it.each([
    ['all motion on tracked paths: coast', [walking], 200, DEFAULT_COAST, 'coast', undefined],
    ['something entering elsewhere: look there, copies for the rest', [walking, entering], 200, DEFAULT_COAST, 'look', [entering]],
    ['something entering, the coast past uncertainMs: still a look', [walking, entering], DEFAULT_COAST.uncertainMs + 200, DEFAULT_COAST, 'look', [entering]],
    ['two things entering apart: a look at each', [walking, entering, far], 200, DEFAULT_COAST, 'look', [entering, far]],
    ['the coast too long: the whole frame', [walking, entering], DEFAULT_COAST.maxMs, DEFAULT_COAST, 'detect', undefined],
  ] as const)('%s', (_name, blocks, sinceDetectMs, opts, kind, looks) => {
    const v = coastVerdict({ ...base, motion: blocks.map((b) => growBox(b, 0.01)), changed: mask(blocks), sinceDetectMs }, opts);
    expect(v.kind).toBe(kind);
    if (v.kind === 'look') {
      expect(v.looks).toEqual(looks);
      // One copy per anchor, the walker moved along its velocity.
      expect(v.copies.map((d) => d.box.x1)).toEqual([expect.closeTo(0.2 + 0.1 * (sinceDetectMs / 1000)), car.x1]);
    }
  });

  it('looks past clusters smaller than strayPixels (noise), and at uncertain detections whole where unexplained pixels reach them', () => {
    const speck = box(0.5, 0.9, 0.51, 0.91);
    const v = coastVerdict({ ...base, motion: [growBox(walking, 0.01), growBox(entering, 0.01), growBox(speck, 0.01)], changed: mask([walking, entering, speck]), sinceDetectMs: 200 });
    expect(v).toMatchObject({ kind: 'look', looks: [entering] });
    // A weak detection the motion touched, on a camera that holds uncertain motion: looked at because pixels changed there, as a whole (a window on part of it would cut it).
    const weak = det(box(0.5, 0.5, 0.6, 0.9), 'person', 0.15);
    const held = coastVerdict({
      ...base,
      anchors: [...anchors, { detection: weak, tMs: 0 }],
      motion: [growBox(walking, 0.01), growBox(entering, 0.01), box(0.52, 0.6, 0.58, 0.7)],
      changed: mask([walking, entering, box(0.52, 0.6, 0.58, 0.7)]),
      sinceDetectMs: 200,
    });
    expect(held).toMatchObject({ kind: 'look', looks: [entering, weak.box] });
  });

  it('a look at motion reaching a tracked path takes in the whole object', () => {
    // The walker's legs sweep out to the right of their path (falling sideways).
    const out = box(0.3, 0.7, 0.45, 0.8);
    const input = { ...base, motion: [growBox(walking, 0.01), out], changed: mask([walking, out]), sinceDetectMs: 200 };
    const looks = (o: Parameters<typeof coastVerdict>[1]): readonly Box[] => {
      const v = coastVerdict(input, o);
      return v.kind === 'look' ? v.looks : [];
    };
    for (const o of [DEFAULT_COAST, coastFor(['person_down'])]) {
      const [whole] = looks(o);
      expect([whole?.x1, whole?.y1, whole?.x2, whole?.y2]).toEqual([expect.closeTo(0.22), expect.closeTo(0.4), expect.closeTo(0.45), expect.closeTo(0.8)]);
    }
  });

  it('on a camera watching falls, looks at the uncertain detections the motion touched', () => {
    const weak = det(box(0.5, 0.5, 0.6, 0.9), 'person', 0.15);
    const v = coastVerdict(
      { ...base, anchors: [...anchors, { detection: weak, tMs: 0 }], motion: [growBox(walking, 0.01), box(0.52, 0.6, 0.58, 0.7)], changed: mask([walking, box(0.52, 0.6, 0.58, 0.7)]) },
      coastFor(['person_down']),
    );
    expect(v).toMatchObject({ kind: 'look', looks: [weak.box] });
  });

  it('moves each copy by the time since its own pass', () => {
    const late: CoastAnchor[] = [{ ...anchors[0]!, tMs: 1000 }, anchors[1]!];
    const v = coastVerdict({ ...base, anchors: late, sinceDetectMs: 1500, tMs: 1500, motion: [growBox(walking, 0.05)], changed: mask([walking]) });
    expect(v.kind === 'coast' ? v.detections[0]?.box.x1 : undefined).toBeCloseTo(0.25);
  });

  it('counts the unexplained pixels and boxes each cluster of them', () => {
    expect(unexplained(mask([walking, entering]), [box(0, 0, 1, 1)], [growBox(walking, 0.1)])).toEqual({ count: 200, clusters: [{ box: entering, pixels: 200 }] });
    expect(unexplained(mask([walking]), [box(0, 0, 1, 1)], [growBox(walking, 0.1)])).toEqual({ count: 0, clusters: [] });
    // Two blocks apart: two clusters.
    expect(unexplained(mask([entering, far]), [box(0, 0, 1, 1)], [])).toEqual({ count: 300, clusters: [{ box: entering, pixels: 200 }, { box: far, pixels: 100 }] });
  });

  it.each([
    ['touching cells: one cluster', [box(0.1, 0.1, 0.15, 0.15), box(0.15, 0.1, 0.2, 0.15)], [box(0.1, 0.1, 0.2, 0.15)]],
    // Cells of CLUSTER_CELL (8) pixels of the 100-px mask: pixels 0.08 apart may share a cell or touch; 0.2 apart never.
    ['within one empty cell: one cluster', [box(0.1, 0.1, 0.12, 0.12), box(0.2, 0.1, 0.22, 0.12)], [box(0.1, 0.1, 0.22, 0.12)]],
    ['two cells apart: two clusters', [box(0.1, 0.1, 0.12, 0.12), box(0.4, 0.1, 0.42, 0.12)], [box(0.1, 0.1, 0.12, 0.12), box(0.4, 0.1, 0.42, 0.12)]],
  ] as const)('clusters unexplained pixels: %s', (_name, blocks, clusters) => {
    const c = unexplained(mask(blocks), [box(0, 0, 1, 1)], []).clusters;
    expect(c.map(({ box: b }) => [b.x1, b.y1, b.x2, b.y2].map((v) => Math.round(v * 100) / 100))).toEqual(clusters.map((b) => [b.x1, b.y1, b.x2, b.y2]));
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

  it("pairs across labels of one group, as the tracker does (a car scored as a bus on this pass)", () => {
    const out = anchorDetections([det(car, 'bus'), det(walker, 'backpack')], [{ ...track(2, car), label: 'car' }, track(1, walker)], 1000, 0.5);
    expect(out.map((a) => a.trackId)).toEqual([2, undefined]);
  });

  it("measures a track's velocity between two detector passes, not over too long a gap", () => {
    const t = [track(1, box(0.21, 0.4, 0.3, 0.8))];
    const previous: CoastAnchor[] = [{ detection: det(box(0.18, 0.4, 0.28, 0.8)), trackId: 1, tMs: 600 }];
    const [a] = anchorDetections([det(walker)], t, 1000, 0.5, previous);
    expect(a?.velocity?.x).toBeCloseTo(0.05);
    expect(a?.velocity?.y).toBeCloseTo(0);
    expect(anchorDetections([det(walker)], t, 1000, 0.5, [{ ...previous[0]!, tMs: -1200 }])[0]?.velocity).toBeUndefined();
    // Each previous anchor is timed by its own pass (a pass on a window of the frame re-measures some only).
    const mixed: CoastAnchor[] = [previous[0]!, { detection: det(box(0.5, 0.4, 0.6, 0.8)), trackId: 2, tMs: 800 }];
    const both = anchorDetections([det(walker), det(box(0.52, 0.4, 0.62, 0.8))], [...t, track(2, box(0.52, 0.4, 0.62, 0.8))], 1000, 0.5, mixed);
    expect(both.map((x) => x.velocity?.x)).toEqual([expect.closeTo(0.05), expect.closeTo(0.1)]);
    // A box that changed shape between the passes (a person falling: height down by a quarter) gets none.
    expect(anchorDetections([det(box(0.2, 0.5, 0.3, 0.8))], [track(1, box(0.2, 0.5, 0.3, 0.8))], 1000, 0.5, [{ detection: det(walker), trackId: 1, tMs: 600 }])[0]?.velocity).toBeUndefined();
  });
});

describe('mergeLook', () => {
  const copies = [det(box(0.22, 0.4, 0.32, 0.8)), det(car, 'car')];
  it.each([
    ['a window over the car: its copy gives way, what the window found is added', box(0.5, 0.3, 1, 1), [det(box(0.61, 0.5, 0.91, 0.7), 'car')], [0], 1],
    ['a window over nothing tracked: every copy kept', box(0.4, 0, 0.5, 0.3), [], [0, 1], 0],
    ['a found object of the same kind overlapping a copy outside the window: the copy gives way', box(0.3, 0.3, 0.5, 0.9), [det(box(0.24, 0.4, 0.34, 0.8), 'person')], [1], 1],
    ['a found object of another kind overlapping a copy: both kept', box(0.3, 0.3, 0.5, 0.9), [det(box(0.24, 0.4, 0.34, 0.8), 'car')], [0, 1], 1],
  ] as const)('%s', (_name, interior, found, keptIdx, nFound) => {
    const m = mergeLook(anchors, { copies, touched: [true, true] }, found, [interior]);
    expect(m.kept).toEqual(keptIdx.map((i) => anchors[i]));
    expect(m.detections).toEqual([...keptIdx.map((i) => copies[i]), ...found]);
    expect([...m.copies]).toEqual(keptIdx.map((i) => copies[i]));
    expect(m.detections.length - m.copies.size).toBe(nFound);
  });

  it('keeps a copy no motion touched when the window does not find it again (its pixels did not change)', () => {
    const interior = box(0.5, 0.3, 1, 1);
    expect(mergeLook(anchors, { copies, touched: [true, false] }, [], [interior]).kept).toEqual(anchors);
    expect(mergeLook(anchors, { copies, touched: [true, true] }, [], [interior]).kept).toEqual([anchors[0]]);
  });

  it('measures again the touched copies within any of the windows', () => {
    const walkerWindow = box(0.1, 0.3, 0.4, 0.9);
    const carWindow = box(0.5, 0.3, 1, 1);
    expect(mergeLook(anchors, { copies, touched: [true, true] }, [], [walkerWindow]).kept).toEqual([anchors[1]]);
    expect(mergeLook(anchors, { copies, touched: [true, true] }, [], [walkerWindow, carWindow]).kept).toEqual([]);
  });
});
