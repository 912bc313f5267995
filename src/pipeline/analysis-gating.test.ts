import { describe, expect, it } from 'vitest';
import type { Detection, Track } from '../core/types.ts';
import type { Detector, DetectorInput } from '../detect/detector.ts';
import { cameraSchema } from '../config/schema.ts';
import { createCameraAnalysis } from './analysis.ts';
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
});
