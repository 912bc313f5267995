/**
 * person_down through the real pipeline (ingest, NanoDet, tracker, this analyzer, the rule) on dev
 * clips, and MoveNet on a real crop. Skips without ../shared/data or the models.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleEvent } from '../../core/types.ts';
import { detectorSchema } from '../../config/schema.ts';
import type { Detector } from '../../detect/detector.ts';
import { createDetector } from '../../detect/factory.ts';
import { createThresholdTable } from '../../detect/thresholds.ts';
import { grabFrame } from '../../detect/test-frames.ts';
import { loadScenario, scenarioToCamera } from '../../eval/scenario.ts';
import { runCamera } from '../../pipeline/run-camera.ts';
import { cropToInput, squareCrop } from './crop.ts';
import { decodeMoveNet } from './keypoints.ts';
import { openMoveNet } from './movenet.ts';
import { poseSample } from './sample.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = path.resolve(repoRoot, '../shared/data');
const modelsDir = path.join(repoRoot, 'models');
const needed = [dataDir, path.join(modelsDir, 'nanodet.onnx'), path.join(modelsDir, 'movenet-lightning.onnx')];
const ready = needed.every((p) => existsSync(p));
if (!ready) console.warn(`person_down real-footage tests skipped: need ${needed.join(', ')} (npx vigie models install)`);

describe.skipIf(!ready)('person_down on real footage', () => {
  let detector: Detector;
  const config = detectorSchema.parse({ kind: 'nanodet' });
  beforeAll(async () => {
    detector = await createDetector(config, { modelsDir });
  });
  afterAll(async () => {
    await detector?.close();
  });

  async function alertsOf(scenarioName: string): Promise<{ events: RuleEvent[]; window: [number, number] | undefined }> {
    const scenario = loadScenario(path.join(dataDir, 'scenarios', `${scenarioName}.yaml`));
    const events: RuleEvent[] = [];
    if (config.kind !== 'nanodet') throw new Error('unexpected detector');
    await runCamera({
      camera: scenarioToCamera(scenario),
      detector,
      thresholds: createThresholdTable(config.thresholds),
      fps: 5,
      width: 640,
      maxRetries: 0,
      onEvent: (e) => void events.push(e),
    });
    const e = scenario.expected.find((x) => x.type === 'person_down');
    return { events: events.filter((x) => x.type === 'person_down'), window: e && [e.start - 2, e.end + 2] };
  }

  it('thanhnc58_Fall08: one alert in the scored window (the lying man, scored low, is found again)', async () => {
    const { events, window } = await alertsOf('thanhnc58_Fall08');
    expect(events).toHaveLength(1);
    expect(events[0]!.tMs / 1000).toBeGreaterThanOrEqual(window![0]);
    expect(events[0]!.tMs / 1000).toBeLessThanOrEqual(window![1]);
  });

  it('gmdcsa24_Subject_2_ADL_23 (a man sitting on a bed, eating): no alert', async () => {
    expect((await alertsOf('gmdcsa24_Subject_2_ADL_23')).events).toEqual([]);
  });

  it('MoveNet finds an upright torso on a standing man (thanhnc58_Fall01 at 2 s)', async () => {
    const model = await openMoveNet(path.join(modelsDir, 'movenet-lightning.onnx'));
    try {
      const frame = grabFrame(path.join(dataDir, 'clips/person_down/thanhnc58_Fall01.mp4'), 60, 640, 30);
      // The man's box at 2 s, read off the frame (he stands at the right, facing the camera).
      const box = { x1: 0.66, y1: 0.29, x2: 0.94, y2: 0.8 };
      const rect = squareCrop(box, frame.width, frame.height, 0.2);
      const s = poseSample(1, decodeMoveNet(await model.run(cropToInput(frame, rect, model.inputSize))), rect, frame.width, frame.height);
      expect(s.torsoDeg).toBeLessThan(20);
      expect(s.hipY).toBeGreaterThan(box.y1 + 0.3 * (box.y2 - box.y1));
      expect(s.hipY).toBeLessThan(box.y2 - 0.3 * (box.y2 - box.y1));
    } finally {
      await model.release();
    }
  });
});
