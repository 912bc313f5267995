import { describe, expect, it } from 'vitest';
import type { Box, Detection, Frame, Track, TrackState } from '../../core/types.ts';
import type { Detector } from '../../detect/detector.ts';
import { createExtras, getExtra } from '../../rules/extras.ts';
import { createPoseAnalyzer, MAX_POSES_PER_FRAME } from './analyzer.ts';
import { LYING_SIGHTINGS, POSES } from './extras.ts';
import { KEYPOINT_NAMES } from './keypoints.ts';
import type { PoseModel } from './movenet.ts';
import type { GateDecision } from '../../pipeline/motion-gate.ts';

const STAND: Box = { x1: 0.45, y1: 0.3, x2: 0.55, y2: 0.8 };
const LIE: Box = { x1: 0.3, y1: 0.64, x2: 0.72, y2: 0.8 };
const at = (b: Box, dx: number): Box => ({ ...b, x1: b.x1 + dx, x2: b.x2 + dx });

function tr(id: number, box: Box, tMs: number, state: TrackState = 'confirmed'): Track {
  return { id, label: 'person', box, score: 0.8, state, velocity: { x: 0, y: 0 }, firstSeenMs: 0, lastSeenMs: state === 'lost' ? tMs - 200 : tMs, hits: 5 };
}
const frameAt = (tMs: number): Frame => ({ cameraId: 'c', seq: tMs / 200, tMs, wallMs: 0, width: 200, height: 200, data: new Uint8Array(200 * 200 * 3) });

/** A model that reports a lying torso (shoulders left of the hips) and counts its runs. */
function fakeModel() {
  const model = {
    runs: 0,
    inputSize: 192,
    async run(input: Int32Array) {
      expect(input).toHaveLength(192 * 192 * 3);
      model.runs++;
      const out = new Float32Array(KEYPOINT_NAMES.length * 3);
      const set = (k: number, y: number, x: number) => out.set([y, x, 0.9], k * 3);
      [5, 6].forEach((k) => set(k, 0.5, 0.3));
      [11, 12].forEach((k) => set(k, 0.5, 0.6));
      return out;
    },
    release: async () => undefined,
  };
  return model satisfies PoseModel;
}

/** A detector that sees a body standing in any turned crop. */
function fakeDetector() {
  const d = {
    calls: 0,
    name: 'fake',
    async detect(): Promise<Detection[]> {
      d.calls++;
      return [{ label: 'person', score: 0.7, box: { x1: 0.3, y1: 0.05, x2: 0.6, y2: 0.95 } }];
    },
    close: async () => undefined,
  };
  return d satisfies Detector;
}

async function runFrames(rows: readonly ((tMs: number) => Track[])[], model = fakeModel(), detector = fakeDetector(), gateAt?: (tMs: number) => GateDecision) {
  const analyzer = createPoseAnalyzer({ model, detector, downSeconds: 2 });
  const out = [];
  for (const [i, row] of rows.entries()) {
    const tMs = i * 200;
    const { extras, writer } = createExtras();
    const tracks = row(tMs);
    // The detector saw each fresh person (sure boxes: references can be taken from them).
    const detections: Detection[] = tracks.filter((t) => t.lastSeenMs === tMs).map((t) => ({ label: 'person', score: 0.8, box: t.box }));
    await analyzer.analyze({ frame: frameAt(tMs), tracks, detections, ...(gateAt ? { gate: gateAt(tMs) } : {}) }, writer);
    out.push({ poses: getExtra(extras, POSES)!, sightings: getExtra(extras, LYING_SIGHTINGS)! });
  }
  return { out, model, detector };
}
const repeat = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

describe('pose analyzer', () => {
  it('runs no pose and no search for people standing or walking', async () => {
    const { model, detector, out } = await runFrames(repeat(20, (t: number) => [tr(1, at(STAND, t / 10000), t), tr(2, STAND, t)]));
    expect(model.runs).toBe(0);
    expect(detector.calls).toBe(0);
    expect(out.at(-1)!.poses.size).toBe(0);
  });

  it('poses the person who goes down, in frame coordinates', async () => {
    const { model, out } = await runFrames([...repeat(5, (t: number) => [tr(1, STAND, t), tr(2, at(STAND, 0.3), t)]), (t) => [tr(1, LIE, t), tr(2, at(STAND, 0.3), t)]]);
    expect(model.runs).toBe(1);
    const p = out.at(-1)!.poses.get(1)!;
    expect(p.torsoDeg).toBeCloseTo(90, 6);
    expect(p.hipY).toBeGreaterThan(LIE.y1);
    expect(p.hipY).toBeLessThan(LIE.y2);
  });

  it(`poses at most ${MAX_POSES_PER_FRAME} persons a frame`, async () => {
    const ids = [1, 2, 3];
    const { model } = await runFrames([...repeat(5, (t: number) => ids.map((id) => tr(id, STAND, t))), (t) => ids.map((id) => tr(id, LIE, t))]);
    expect(model.runs).toBe(MAX_POSES_PER_FRAME);
  });

  it('searches the place of a fallen person the tracker lost, and reports the lying body', async () => {
    const { out, detector } = await runFrames([
      ...repeat(5, (t: number) => [tr(1, STAND, t)]),
      (t) => [tr(1, LIE, t)],
      (t) => [tr(1, LIE, t, 'lost')],
      () => [],
    ]);
    expect(detector.calls).toBe(2);
    expect([...out[6]!.sightings.keys()]).toEqual([1]);
    const box = out[7]!.sightings.get(1)!.box;
    expect((box.x2 - box.x1) / (box.y2 - box.y1)).toBeGreaterThan(1);
  });

  it('runs no pose on a person too small to show joints', async () => {
    const small = (b: Box): Box => ({ x1: b.x1 / 4, y1: b.y1 / 4, x2: b.x2 / 4, y2: b.y2 / 4 });
    const { model } = await runFrames([...repeat(5, (t: number) => [tr(1, small(STAND), t)]), (t) => [tr(1, small(LIE), t)]]);
    expect(model.runs).toBe(0);
  });

  it('a weak box (no detection above threshold) is never an upright reference', async () => {
    const model = fakeModel();
    const a2 = createPoseAnalyzer({ model, downSeconds: 2 });
    for (const [i, box] of [...repeat(5, STAND), LIE].entries()) {
      const { writer } = createExtras();
      await a2.analyze({ frame: frameAt(i * 200), tracks: [tr(1, box, i * 200)], detections: [] }, writer);
    }
    expect(model.runs).toBe(0);
  });

  it('works without a model (boxes only) and without a detector (no search)', async () => {
    const analyzer = createPoseAnalyzer({ downSeconds: 2 });
    const { extras, writer } = createExtras();
    await analyzer.analyze({ frame: frameAt(0), tracks: [tr(1, LIE, 0)], detections: [] }, writer);
    expect(getExtra(extras, POSES)!.size).toBe(0);
    expect(getExtra(extras, LYING_SIGHTINGS)!.size).toBe(0);
  });

  describe('with motion gating', () => {
    const still: GateDecision = { detect: false, reason: 'still', motion: { boxes: [], changedShare: 0 } };
    const motion = (box: Box): GateDecision => ({ detect: true, reason: 'motion', motion: { boxes: [box], changedShare: 0.05 } });
    const fall = [...repeat(5, (t: number) => [tr(1, STAND, t)]), ...repeat(6, (t: number) => [tr(1, LIE, t)])];
    it.each<[string, ((tMs: number) => GateDecision) | undefined, 'once' | 'every frame']>([
      ['no gating: a pose on every frame', undefined, 'every frame'],
      ['a still person lying: the first pose is reused', () => still, 'once'],
      ['motion elsewhere: reused', () => motion({ x1: 0, y1: 0, x2: 0.1, y2: 0.1 }), 'once'],
      ['motion over the person: posed again', () => motion(LIE), 'every frame'],
    ])('%s', async (_, gateAt, runs) => {
      const off = await runFrames(fall);
      const on = await runFrames(fall, fakeModel(), fakeDetector(), gateAt);
      expect(off.model.runs).toBeGreaterThan(2);
      expect(on.model.runs).toBe(runs === 'once' ? 1 : off.model.runs);
      // The reused pose is the one a new run would have given.
      expect(on.out.map((o) => [...o.poses.values()].map((p) => p.torsoDeg))).toEqual(off.out.map((o) => [...o.poses.values()].map((p) => p.torsoDeg)));
    });

    it('a person whose box changed is posed again', async () => {
      const rows = [...repeat(5, (t: number) => [tr(1, STAND, t)]), ...repeat(3, (t: number) => [tr(1, LIE, t)]), ...repeat(3, (t: number) => [tr(1, at(LIE, 0.01), t)])];
      const { model } = await runFrames(rows, fakeModel(), fakeDetector(), () => still);
      expect(model.runs).toBe(2);
    });
  });
});
