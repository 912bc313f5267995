import { describe, expect, it } from 'vitest';
import { DEFAULT_COAST } from './track-coast.ts';
import { createMotionGate, gateOptionsFor, patchGrey, type GateReason } from './motion-gate.ts';
import { gateFrame } from './gate-frames.ts';

const PERIOD = 200; // 5 fps

describe('createMotionGate', () => {
  const gate = (): ReturnType<typeof createMotionGate> => createMotionGate({ warmupMs: 1000, refreshMs: 2000, motionWidth: 160 });

  it('detects every frame while warming up, then skips still frames and refreshes every refreshMs', () => {
    const g = gate();
    const reasons: GateReason[] = [];
    for (let t = 0; t < 5000; t += PERIOD) reasons.push(g.decide(gateFrame(t)).reason);
    // 0..800 ms warm-up (5 frames); last detection at 800 ms; refresh at 2800 and 4800 ms.
    const detectedAt = reasons.flatMap((r, i) => (r === 'still' ? [] : [[i * PERIOD, r]]));
    expect(detectedAt).toEqual([[0, 'warmup'], [200, 'warmup'], [400, 'warmup'], [600, 'warmup'], [800, 'warmup'], [2800, 'refresh'], [4800, 'refresh']]);
  });

  it('measures motion during the warm-up too, against the previous frame (none on the first frame)', () => {
    const g = gate();
    const first = g.decide(gateFrame(0));
    const same = g.decide(gateFrame(200));
    const moved = g.decide(gateFrame(400, [[100, 60, 20]]));
    expect([first.reason, same.reason, moved.reason]).toEqual(['warmup', 'warmup', 'warmup']);
    expect(first.motion).toBeUndefined();
    expect(same.motion?.boxes).toEqual([]);
    expect(moved.motion?.boxes).toHaveLength(1);
  });

  it('detects on motion, then takes that frame as the reference', () => {
    const g = gate();
    for (let t = 0; t < 1000; t += PERIOD) g.decide(gateFrame(t));
    const still = g.decide(gateFrame(1000));
    const moved = g.decide(gateFrame(1200, [[100, 60, 20]]));
    const stillAgain = g.decide(gateFrame(1400, [[100, 60, 20]]));
    expect([still.detect, moved.detect, stillAgain.detect]).toEqual([false, true, false]);
    expect(moved.reason).toBe('motion');
    expect(moved.motion?.boxes).toHaveLength(1);
  });

  it('skips the detector on motion the caller explains (tracked objects), keeping the reference, until a refresh is due', () => {
    const g = createMotionGate({ warmupMs: 1000, refreshMs: 2000, motionWidth: 160 });
    for (let t = 0; t < 1000; t += PERIOD) g.decide(gateFrame(t));
    const asked: number[] = [];
    const explained = (_m: unknown, since: number): boolean => {
      asked.push(since);
      return true;
    };
    const decisions = [1000, 1200, 2800].map((t) => g.decide(gateFrame(t, [[100 + t / 100, 60, 20]]), explained));
    expect(decisions.map((d) => d.reason)).toEqual(['tracked', 'tracked', 'motion']);
    // Both asks measured from the detector's last frame (800 ms): the reference did not move.
    expect(asked).toEqual([200, 400]);
    expect(decisions[0]?.motion?.boxes).toHaveLength(1);
    const unexplained = g.decide(gateFrame(3000, [[20, 20, 20]]), () => false);
    expect(unexplained).toMatchObject({ detect: true, reason: 'motion' });
  });

  it('on a look, takes the covered part of that frame as the reference there, the rest staying the last whole frame', () => {
    const g = createMotionGate({ warmupMs: 1000, refreshMs: 2000, motionWidth: 160 });
    for (let t = 0; t < 1000; t += PERIOD) g.decide(gateFrame(t));
    // Two squares appear, one on the left (x < 0.5) and one on the right; the caller asks to look on the left.
    const both: [number, number, number][] = [[40, 60, 20], [240, 60, 20]];
    const look = { x1: 0, y1: 0, x2: 0.5, y2: 1 };
    const asked: number[] = [];
    const first = g.decide(gateFrame(1000, both), (_m, since) => (asked.push(since), { looks: [look] }));
    expect(first).toMatchObject({ detect: true, reason: 'look', looks: [look] });
    g.looked([look]);
    // The next frame, unchanged: only the right square still differs from the reference; the clock still runs from the last whole frame.
    const next = g.decide(gateFrame(1200, both), (_m, since) => (asked.push(since), true));
    expect(next.reason).toBe('tracked');
    expect(next.motion?.boxes.map((b) => b.x1 > 0.5)).toEqual([true]);
    expect(asked).toEqual([200, 400]);
    // A look the detector answered on the whole frame: all of it becomes the reference, the clock restarts.
    g.decide(gateFrame(1400, both), () => ({ looks: [look] }));
    g.looked(undefined);
    expect(g.decide(gateFrame(1600, both)).reason).toBe('still');
    expect(g.decide(gateFrame(3400, both)).reason).toBe('refresh');
  });

  it('ignores a change of brightness of the whole frame', () => {
    const g = gate();
    for (let t = 0; t < 1000; t += PERIOD) g.decide(gateFrame(t));
    expect(g.decide(gateFrame(1000, [], 1.25)).detect).toBe(false);
  });

  it('catches a slow change against the frame the detector last saw, not the previous frame', () => {
    const g = createMotionGate({ warmupMs: 1000, refreshMs: 60_000, motionWidth: 160 });
    for (let t = 0; t < 1000; t += PERIOD) g.decide(gateFrame(t));
    // A square fading in by a twentieth per frame: each step (under 8 grey levels) is under the noise threshold.
    const detected: boolean[] = [];
    for (let k = 1; k <= 20; k++) detected.push(g.decide(blend(gateFrame(0), gateFrame(0, [[100, 60, 20]]), k / 20, 1000 + k * PERIOD)).detect);
    const first = detected.indexOf(true);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(6);
  });
});

function blend(a: ReturnType<typeof gateFrame>, b: ReturnType<typeof gateFrame>, w: number, tMs: number): ReturnType<typeof gateFrame> {
  const data = a.data.map((v, i) => Math.round(v * (1 - w) + b.data[i]! * w));
  return { ...a, tMs, data };
}

describe('patchGrey', () => {
  it('copies the cells whose centres lie in the box, and nothing else', () => {
    const ref = { width: 4, height: 2, data: new Uint8Array(8) };
    const grey = { width: 4, height: 2, data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) };
    expect([...patchGrey(ref, grey, { x1: 0.25, y1: 0.5, x2: 0.75, y2: 1 }).data]).toEqual([0, 0, 0, 0, 0, 6, 7, 0]);
    expect([...ref.data]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(patchGrey({ width: 2, height: 2, data: new Uint8Array(4) }, grey, { x1: 0, y1: 0, x2: 1, y2: 1 })).toBe(grey);
  });
});

describe('gateOptionsFor (config analysis.motionGating)', () => {
  it.each([
    ['absent', undefined, undefined],
    ['false', false, undefined],
    ['true: the defaults', true, {}],
    ['both coasts', { coastMs: 1000, uncertainCoastMs: 500 }, { coast: { ...DEFAULT_COAST, maxMs: 1000, uncertainMs: 500 } }],
    ['a coast shorter than the default uncertain one', { coastMs: 500 }, { coast: { ...DEFAULT_COAST, maxMs: 500, uncertainMs: 500 } }],
    ['a longer coast, the default uncertain one', { coastMs: 3000 }, { coast: { ...DEFAULT_COAST, maxMs: 3000, uncertainMs: DEFAULT_COAST.uncertainMs } }],
    ['no coasting', { coastMs: 0 }, { coast: { ...DEFAULT_COAST, maxMs: 0, uncertainMs: 0 } }],
  ] as const)('%s', (_name, setting, expected) => {
    expect(gateOptionsFor(setting)).toEqual(expected);
  });
});
