import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectorSchema } from '../config/schema.ts';
import { createDetector } from './factory.ts';
import { buildYoloFixture, writeTempModel } from './test-models.ts';

const emptyDir = mkdtempSync(path.join(tmpdir(), 'vigie-models-'));

describe('createDetector', () => {
  it('nanodet without the model file: MODEL_MISSING telling how to install it', async () => {
    const config = detectorSchema.parse({ kind: 'nanodet' });
    await expect(createDetector(config, { modelsDir: emptyDir })).rejects.toMatchObject({
      code: 'MODEL_MISSING',
      message: expect.stringContaining('npx vigie models install'),
    });
  });

  it('yolo with a missing file: MODEL_MISSING naming the path', async () => {
    const config = detectorSchema.parse({ kind: 'yolo', model: 'nope.onnx', classMap: { '0': 'person' } });
    await expect(createDetector(config, { modelsDir: emptyDir, baseDir: emptyDir })).rejects.toMatchObject({
      code: 'MODEL_MISSING',
      message: expect.stringContaining(path.join(emptyDir, 'nope.onnx')),
    });
  });

  it('rejects a threshold key that is neither label nor group', async () => {
    const config = detectorSchema.parse({ kind: 'yolo', model: 'x.onnx', classMap: { '0': 'person' }, thresholds: { vehicles: 0.2 } });
    await expect(createDetector(config, { modelsDir: emptyDir })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  const model = writeTempModel(buildYoloFixture(32, 1, [{ cx: 16, cy: 16, w: 16, h: 16, scores: [0.8] }]));
  const yolo = detectorSchema.parse({ kind: 'yolo', model, classMap: { '0': 'knife' }, inputSize: 32 });
  const frame = { width: 32, height: 32, tMs: 0, data: new Uint8Array(32 * 32 * 3) };
  it.each([
    { name: 'yolo in a worker', opts: {} },
    { name: 'yolo in process', opts: { inProcess: true } },
    { name: 'yolo in a pool of two workers', opts: { workers: 2 } },
  ])('$name', async ({ opts }) => {
    const detector = await createDetector(yolo, { modelsDir: emptyDir, ...opts });
    try {
      expect((await detector.detect(frame)).map((d) => d.label)).toEqual(['knife']);
    } finally {
      await detector.close();
    }
  });

  it('replay, path relative to baseDir', async () => {
    writeFileSync(path.join(emptyDir, 'r.jsonl'), JSON.stringify({ tMs: 0, detections: [{ box: { x1: 0, y1: 0, x2: 1, y2: 1 }, label: 'car', score: 1 }] }));
    const detector = await createDetector(detectorSchema.parse({ kind: 'replay', path: 'r.jsonl' }), { modelsDir: emptyDir, baseDir: emptyDir });
    expect((await detector.detect(frame)).map((d) => d.label)).toEqual(['car']);
  });
});
