/**
 * Tracker + rules on synthetic detections shaped like the real scenes we are evaluated on:
 * noisy boxes, label flips, score flicker and missing frames, at 5 fps.
 */
import { describe, expect, it } from 'vitest';
import type { Box, Detection, Label, RuleEvent, Zone } from '../core/types.ts';
import { clampBox } from '../core/geometry.ts';
import { createTracker } from '../track/tracker.ts';
import { rulesFor } from './registry.ts';
import type { RuleContext } from './rule.ts';
import { context, range } from './testkit.ts';
import { parkMiller } from '../core/random.ts';


/** Runs tracker then rules; `detect(f)` gives the detections of frame f (200 ms apart). */
function run(ctx: RuleContext, frames: number, detect: (f: number) => Detection[]): RuleEvent[] {
  const tracker = createTracker();
  const rules = rulesFor(['intrusion', 'wrong_way']);
  const states = rules.map((r) => r.init(ctx));
  const events: RuleEvent[] = [];
  for (const f of range(frames)) {
    const tMs = f * 200;
    const tracks = tracker.update(detect(f), tMs);
    rules.forEach((rule, i) => {
      const out = rule.step(states[i], { tMs, tracks }, ctx);
      states[i] = out.state;
      events.push(...out.events);
    });
  }
  return events;
}

function noisy(b: Box, r: () => number, px: number): Box {
  const j = (): number => (r() - 0.5) * 2 * px;
  return clampBox({ x1: b.x1 + j(), y1: b.y1 + j(), x2: b.x2 + j(), y2: b.y2 + j() });
}

describe('tracker + rules', () => {
  it('overhead aisle: one car up (allowed), one car down (wrong way) passing it: one alert', () => {
    const aisle: Zone = {
      id: 'aisle',
      kind: 'flow',
      polygon: [{ x: 0.05, y: 0 }, { x: 0.8, y: 0 }, { x: 0.8, y: 1 }, { x: 0.05, y: 1 }],
      direction: { x: 0, y: -1 },
    };
    const r = parkMiller(11);
    const labels: Label[] = ['car', 'car', 'truck', 'car', 'bus', 'car'];
    const carBox = (x: number, yTop: number): Box => ({ x1: x, y1: yTop, x2: x + 0.19, y2: yTop + 0.6 });
    const events = run(context([aisle]), 30, (f) => {
      const dets: Detection[] = [];
      const score = f % 3 === 0 ? 0.3 : 0.75;
      const up = carBox(0.43, 1.0 - 0.055 * f);
      const down = carBox(0.15, -0.55 + 0.055 * f);
      if (up.y1 < 1 && f !== 9) dets.push({ box: noisy(up, r, 0.008), label: labels[f % 6]!, score });
      if (down.y2 > 0.05 && down.y1 < 1 && f !== 12) dets.push({ box: noisy(down, r, 0.008), label: labels[(f + 2) % 6]!, score: 0.8 });
      return dets;
    });
    expect(events.map((e) => e.type)).toEqual(['wrong_way']);
    // The down car's box reaches into the frame from frame 1; with 2 hits to confirm and 1 s of motion it alerts by ~1.6 s.
    expect(events[0]!.tMs).toBeLessThanOrEqual(2000);
  });

  it('motorway shoulder: a small cyclist riding slowly along it raises one intrusion', () => {
    const shoulder: Zone = {
      id: 'hard_shoulder',
      kind: 'forbidden',
      polygon: [[0.7, 1], [0.77, 0.8], [0.83, 0.6], [0.9, 0.4], [0.94, 0.2], [0.93, 0.12], [0.98, 0.12], [0.99, 0.2], [0.97, 0.4], [0.94, 0.6], [0.9, 0.8], [0.85, 1]].map(([x, y]) => ({ x: x!, y: y! })),
    };
    const r = parkMiller(5);
    const events = run(context([shoulder]), 100, (f) => {
      // From the bottom edge towards the top right, ~0.02 of the frame per second; detections drop out often.
      const y = 0.98 - 0.004 * f;
      const x = 0.78 + (0.98 - y) * 0.35;
      const h = 0.1 - 0.0004 * f;
      if (r() < 0.2) return [];
      const person: Detection = { box: noisy({ x1: x - h / 5, y1: y - h, x2: x + h / 5, y2: y }, r, 0.004), label: 'person', score: 0.35 + r() * 0.3 };
      const bike: Detection = { box: noisy({ x1: x - h / 5, y1: y - h / 2, x2: x + h / 5, y2: y }, r, 0.004), label: 'bicycle', score: 0.45 };
      return r() < 0.5 ? [person, bike] : [person];
    });
    expect(events.map((e) => `${e.type}@${e.zoneId}`)).toEqual(['intrusion@hard_shoulder']);
  });
});
