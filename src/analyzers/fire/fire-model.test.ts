import { describe, expect, it } from 'vitest';
import type { RuleEvent } from '../../core/types.ts';
import { cameraSchema, DEFAULT_PARAMS } from '../../config/schema.ts';
import { buildYoloFixture, writeTempModel } from '../../detect/test-models.ts';
import type { Detector } from '../../detect/detector.ts';
import { createExtras, getExtra } from '../../rules/extras.ts';
import { fireRule } from '../../rules/fire.ts';
import { FIRE_EVIDENCE, fireAnalyzerFactory } from './fire-analyzer.ts';

// class 0 "fire" scores the mean of the input (white frame: high, black: low); class 1 "smoke" never fires
const model = writeTempModel(buildYoloFixture(64, 2, [{ cx: 32, cy: 24, w: 16, h: 16, scores: [0, 0.1], meanDrivenClass: 0 }]));
const unused: Detector = { name: 'unused', detect: () => Promise.reject(new Error('not used')), close: () => Promise.resolve() };

async function run(value: number, frames: number): Promise<{ events: RuleEvent[]; modelBoxes: number }> {
  const camera = cameraSchema.parse({
    id: 'cam',
    url: 'x.mp4',
    events: ['fire'],
    fireDetector: { model, classMap: { '0': 'fire', '1': 'smoke' }, inputSize: 64, minScore: 0.4, intervalSeconds: 0.4 },
  });
  const analyzer = await fireAnalyzerFactory.create({ camera, zones: [], deps: { detector: unused, modelsDir: '.' } });
  const ctx = { zones: [], params: DEFAULT_PARAMS };
  let state = fireRule.init(ctx);
  const events: RuleEvent[] = [];
  let modelBoxes = 0;
  try {
    for (let f = 0; f < frames; f++) {
      const tMs = f * 200;
      const data = new Uint8Array(128 * 96 * 3).fill(value);
      const { extras, writer } = createExtras();
      await analyzer.analyze({ frame: { cameraId: 'cam', seq: f, tMs, wallMs: tMs, width: 128, height: 96, data }, tracks: [], detections: [] }, writer);
      modelBoxes += getExtra(extras, FIRE_EVIDENCE)!.modelDetections.length;
      const out = fireRule.step(state, { tMs, tracks: [], extras }, ctx);
      state = out.state;
      events.push(...out.events);
    }
  } finally {
    await analyzer.close?.();
  }
  return { events, modelBoxes };
}

describe('fire with a user-supplied ONNX model (camera.fireDetector)', () => {
  it('a fire the model sees for 1.5 s alerts once, boxed where the model says', async () => {
    const { events, modelBoxes } = await run(255, 20);
    expect(modelBoxes).toBe(20);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'fire', tMs: 1600, details: { source: 'model' } });
    // the box 24..40 x 16..32 of the 64 x 64 input; the 128 x 96 frame is letterboxed with 8 rows above
    expect(events[0]!.box!.x1).toBeCloseTo(0.375);
    expect(events[0]!.box!.y1).toBeCloseTo((16 - 8) / 48);
  });

  it('nothing seen, nothing raised', async () => {
    const { events, modelBoxes } = await run(0, 20);
    expect(modelBoxes).toBe(0);
    expect(events).toEqual([]);
  });
});
