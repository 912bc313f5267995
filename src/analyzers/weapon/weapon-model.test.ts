import { describe, expect, it } from 'vitest';
import type { RuleEvent, Track } from '../../core/types.ts';
import { cameraSchema, DEFAULT_PARAMS } from '../../config/schema.ts';
import { buildYoloFixture, writeTempModel } from '../../detect/test-models.ts';
import type { Detector } from '../../detect/detector.ts';
import { createExtras } from '../../rules/extras.ts';
import { weaponRule } from '../../rules/weapon.ts';
import { weaponAnalyzerFactory } from './weapon-analyzer.ts';

// class 0 "pistol" in the middle of the 64 px input scores the input mean (white crop: high, black: low)
const model = writeTempModel(buildYoloFixture(64, 3, [{ cx: 32, cy: 32, w: 8, h: 6, scores: [0, 0, 0], meanDrivenClass: 0 }]));
const nothing: Detector = { name: 'nothing', detect: async () => [], close: async () => undefined };
const person: Track = {
  id: 3,
  label: 'person',
  box: { x1: 0.45, y1: 0.3, x2: 0.55, y2: 0.7 },
  score: 0.9,
  state: 'confirmed',
  velocity: { x: 0, y: 0 },
  firstSeenMs: 0,
  lastSeenMs: 0,
  hits: 9,
};

async function run(value: number): Promise<RuleEvent[]> {
  const camera = cameraSchema.parse({
    id: 'cam',
    url: 'x.jpg',
    events: ['weapon'],
    weaponDetector: { model, classMap: { '0': 'pistol', '1': 'rifle', '2': 'knife' }, inputSize: 64, minScore: 0.5 },
  });
  const analyzer = await weaponAnalyzerFactory.create({ camera, zones: [], deps: { detector: nothing, modelsDir: '.' } });
  const ctx = { zones: [], params: DEFAULT_PARAMS };
  let state = weaponRule.init(ctx);
  const events: RuleEvent[] = [];
  try {
    for (let f = 0; f < 12; f++) {
      const tMs = f * 200;
      const data = new Uint8Array(200 * 150 * 3).fill(value);
      const { extras, writer } = createExtras();
      await analyzer.analyze({ frame: { cameraId: 'cam', seq: f, tMs, wallMs: tMs, width: 200, height: 150, data }, tracks: [person], detections: [] }, writer);
      const out = weaponRule.step(state, { tMs, tracks: [person], extras }, ctx);
      state = out.state;
      events.push(...out.events);
    }
  } finally {
    await analyzer.close?.();
  }
  return events;
}

describe('weapon with a user-supplied ONNX model (camera.weaponDetector)', () => {
  it('a pistol the model finds in the person crop alerts at the second look', async () => {
    const events = await run(255);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'weapon', tMs: 1000, trackId: 3, details: { weapon: 'pistol' } });
    expect(events[0]!.message).toMatch(/^pistol held by a person/);
  });

  it('nothing found, nothing raised', async () => {
    expect(await run(0)).toEqual([]);
  });
});
