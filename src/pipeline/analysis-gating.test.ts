import { describe, expect, it } from 'vitest';
import type { Box, Detection, Track } from '../core/types.ts';
import { clampBox } from '../core/geometry.ts';
import type { DetectOptions, Detector, DetectorInput } from '../detect/detector.ts';
import { cameraSchema } from '../config/schema.ts';
import { createCameraAnalysis, type AnalysisOptions } from './analysis.ts';
import { gateOptionsFor } from './motion-gate.ts';
import { gateFrame, GATE_H, GATE_W } from './gate-frames.ts';

const PERSON: Detection = { label: 'person', score: 0.8, box: { x1: 0.2, y1: 0.5, x2: 0.45, y2: 0.65 } }; // lying
const BAG: Detection = { label: 'suitcase', score: 0.6, box: { x1: 0.6, y1: 0.6, x2: 0.66, y2: 0.7 } };

/** A detector that sees a still person and bag, and counts its calls. */
function countingDetector(): Detector & { calls: number[] } {
  const calls: number[] = [];
  return {
    name: 'counting',
    calls,
    detect(frame: DetectorInput) {
      calls.push(frame.tMs);
      return Promise.resolve([PERSON, BAG]);
    },
    close: () => Promise.resolve(),
  };
}

const camera = cameraSchema.parse({ id: 'gate', url: 'file.mp4', events: ['intrusion'], zones: [] });

async function run(motionGating: boolean, seconds: number): Promise<{ calls: number[]; tracks: Track[]; ran: boolean[] }> {
  const detector = countingDetector();
  const analysis = await createCameraAnalysis(camera, detector, { motionGating });
  let tracks: readonly Track[] = [];
  const ran: boolean[] = [];
  for (let t = 0; t < seconds * 1000; t += 200) {
    const r = await analysis.process(gateFrame(t));
    tracks = r.tracks;
    ran.push(r.detectorRan);
  }
  await analysis.close();
  return { calls: detector.calls, tracks: [...tracks], ran };
}

/** A 24 px square walking right at 40 px/s; from 6 s a second square appears in the upper right. `windows`: the detector can look through windows. */
async function walkerRun(
  motionGating: AnalysisOptions['motionGating'],
  windows = false,
): Promise<{ reasons: string[]; calls: number[]; ids: number[]; errors: number[]; looks: Box[]; tracks: Track[] }> {
  const walkerAt = (t: number): [number, number, number] => [Math.round(40 + (t / 1000) * 40), 100, 24];
  const box = ([x, y, s]: readonly [number, number, number]): Detection['box'] => ({ x1: x / GATE_W, y1: y / GATE_H, x2: (x + s) / GATE_W, y2: (y + s) / GATE_H });
  const SECOND: [number, number, number] = [260, 20, 24];
  const calls: number[] = [];
  const seen = (tMs: number): Detection[] => {
    const walker = [{ label: 'person' as const, score: 0.8, box: box(walkerAt(tMs)) }];
    return tMs >= 6000 ? [...walker, { label: 'person' as const, score: 0.8, box: box(SECOND) }] : walker;
  };
  const looks: Box[] = [];
  const detector: Detector = {
    name: 'walker',
    detect(frame: DetectorInput) {
      calls.push(frame.tMs);
      return Promise.resolve(seen(frame.tMs));
    },
    // A window: the area to look at widened by 0.1; what lies wholly within it.
    ...(windows
      ? {
          detectWindow(frame: DetectorInput, areas: readonly Box[]) {
            const interiors = areas.map((a) => clampBox({ x1: a.x1 - 0.1, y1: a.y1 - 0.1, x2: a.x2 + 0.1, y2: a.y2 + 0.1 }));
            looks.push(...interiors);
            const within = (b: Box): boolean => interiors.some((i) => b.x1 >= i.x1 && b.y1 >= i.y1 && b.x2 <= i.x2 && b.y2 <= i.y2);
            return Promise.resolve({ detections: seen(frame.tMs).filter((d) => within(d.box)), interiors });
          },
        }
      : {}),
    close: () => Promise.resolve(),
  };
  const analysis = await createCameraAnalysis(camera, detector, { motionGating });
  const reasons: string[] = [];
  const errors: number[] = [];
  let ids = new Set<number>();
  let last: readonly Track[] = [];
  for (let t = 0; t < 7000; t += 200) {
    const squares = t >= 6000 ? [walkerAt(t), SECOND] : [walkerAt(t)];
    const r = await analysis.process(gateFrame(t, squares));
    last = r.tracks;
    reasons.push(r.gate?.reason ?? 'none');
    const walker = r.tracks.find((tr) => tr.box.y1 > 0.4);
    if (t < 6000) ids = new Set([...ids, ...r.tracks.map((tr) => tr.id)]);
    if (walker && t >= 3000 && t < 6000) errors.push(Math.abs(walker.box.x1 - box(walkerAt(t)).x1) * GATE_W);
  }
  await analysis.close();
  return { reasons, calls, ids: [...ids], errors, looks, tracks: [...last] };
}

describe('motion gating in the camera analysis', () => {
  it('keeps a still person and bag tracked over 11.6 s of gated frames, calling the detector only to warm up and refresh', async () => {
    const gated = await run(true, 14.6);
    // 3 s warm-up (15 frames, the last at 2.8 s), then a refresh every 2 s; the last frame (14.4 s) is
    // 1.6 s after the last refresh: longer than the tracker keeps an unseen track (maxLostMs 1.5 s).
    expect(gated.calls).toHaveLength(15 + 5);
    expect(gated.calls.slice(15)).toEqual([4800, 6800, 8800, 10800, 12800]);
    const lastMs = 14400;
    expect(gated.tracks.map((t) => [t.label, t.state, t.lastSeenMs])).toEqual([
      ['person', 'confirmed', lastMs],
      ['suitcase', 'confirmed', lastMs],
    ]);
    // The same tracks as at the start: no decay, no new identities.
    expect(gated.tracks.map((t) => [t.id, t.firstSeenMs])).toEqual([[1, 0], [2, 0]]);
    expect(gated.tracks[0]!.box.x1).toBeCloseTo(PERSON.box.x1, 3);
  });

  it('calls the detector on every frame without gating', async () => {
    const plain = await run(false, 4);
    expect(plain.calls).toHaveLength(20);
    expect(plain.ran.every((r) => r)).toBe(true);
  });

  it('calls the detector on the frame where something moves', async () => {
    const detector = countingDetector();
    const analysis = await createCameraAnalysis(camera, detector, { motionGating: true });
    for (let t = 0; t < 4000; t += 200) await analysis.process(gateFrame(t));
    const before = detector.calls.length;
    const moved = await analysis.process(gateFrame(4000, [[Math.round(GATE_W * 0.1), Math.round(GATE_H * 0.1), 24]]));
    await analysis.close();
    expect(moved.detectorRan).toBe(true);
    expect(moved.gate?.reason).toBe('motion');
    expect(detector.calls.length).toBe(before + 1);
  });

  it('coasts through frames whose only motion is a tracked object walking, and detects what enters elsewhere', async () => {
    const { reasons, calls, ids, errors } = await walkerRun(true);
    // After the 3 s warm-up (its last pass at 2.8 s): coasted frames, then a detector pass 2 s after the last (maxMs, the gate's refresh).
    expect(reasons.slice(15, 25)).toEqual([...Array.from({ length: 9 }, () => 'tracked'), 'motion']);
    expect(reasons.slice(25, 30)).toEqual(Array.from({ length: 5 }, () => 'tracked'));
    // The square entering at 6 s is not explained by the walker's path: the detector runs on that frame.
    expect(reasons[30]).toBe('motion');
    expect(calls).toContain(6000);
    // One identity for the walker, and the coasted boxes within 2 px of where it really was.
    expect(ids).toEqual([1]);
    expect(Math.max(...errors)).toBeLessThan(2);
  });

  it('with a detector that looks through windows, looks only where the square enters, the walker handed on', async () => {
    const { reasons, calls, ids, looks, tracks } = await walkerRun(true, true);
    // The same frames as without windows, but the pass at 6 s is a look around the entering square, not a pass on the whole frame.
    expect(reasons.slice(15, 30)).toEqual([...Array.from({ length: 9 }, () => 'tracked'), 'motion', ...Array.from({ length: 5 }, () => 'tracked')]);
    expect(reasons[30]).toBe('look');
    expect(calls).not.toContain(6000);
    expect(looks).toHaveLength(1);
    expect(looks[0]!.x1).toBeGreaterThan(0.5);
    // The walker keeps its identity; the square found by the look is tracked (confirmed by the passes after).
    expect(ids).toEqual([1]);
    expect(tracks.some((t) => t.box.x1 > 0.75 && t.box.y1 < 0.3)).toBe(true);
  });

  it('with windows off in the config (looks: false), the whole frame is detected as before', async () => {
    const { reasons, calls, looks } = await walkerRun(gateOptionsFor({ coastMs: 2000, looks: false }), true);
    expect(reasons[30]).toBe('motion');
    expect(calls).toContain(6000);
    expect(looks).toEqual([]);
  });

  it('coasts no longer than the config says (analysis.motionGating.coastMs)', async () => {
    const { reasons, ids } = await walkerRun(gateOptionsFor({ coastMs: 600 }));
    // After the warm-up, a pass every third frame: the coast stops 600 ms after the last pass.
    expect(reasons.slice(15, 24)).toEqual(['tracked', 'tracked', 'motion', 'tracked', 'tracked', 'motion', 'tracked', 'tracked', 'motion']);
    expect(ids).toEqual([1]);
  });
});

describe('the whole-frame pass a camera asks for', () => {
  it.each([
    ['a fire camera asks for the padded pass', ['fire', 'intrusion'] as const, true, [true]],
    ['a fire camera asks for it with gating off too', ['fire'] as const, false, [true]],
    ['other cameras leave the choice to the detector', ['intrusion', 'person_down'] as const, true, [false]],
  ])('%s', async (_name, events, motionGating, expected) => {
    const padded: boolean[] = [];
    const detector: Detector = {
      name: 'options',
      detect(_frame: DetectorInput, options?: DetectOptions) {
        padded.push(options?.padded === true);
        return Promise.resolve([PERSON]);
      },
      close: () => Promise.resolve(),
    };
    const analysis = await createCameraAnalysis(cameraSchema.parse({ id: 'opts', url: 'file.mp4', events: [...events], zones: [] }), detector, { motionGating });
    for (let t = 0; t < 1000; t += 200) await analysis.process(gateFrame(t));
    await analysis.close();
    expect(padded.length).toBeGreaterThan(0);
    expect([...new Set(padded)]).toEqual(expected);
  });
});
