import { describe, expect, it } from 'vitest';
import { createOnnxDetector } from './onnx-detector.ts';
import { buildYoloFixture, writeTempModel } from './test-models.ts';

/** A 64x32 frame of one colour: letterboxed into 64x64 with 16 rows of padding above and below. */
function frame(value: number): { width: number; height: number; data: Uint8Array; tMs: number } {
  return { width: 64, height: 32, data: new Uint8Array(64 * 32 * 3).fill(value), tMs: 0 };
}

const model = writeTempModel(
  buildYoloFixture(64, 3, [
    // a car centred in the frame, half its width and height: input px (16..48, 24..40)
    { cx: 32, cy: 32, w: 32, h: 16, scores: [0, 0.9, 0] },
    // a duplicate car box, lower score: removed by NMS
    { cx: 33, cy: 32, w: 32, h: 16, scores: [0, 0.8, 0] },
    // a person whose score is the mean of the input tensor (white frame: high, black frame: low)
    { cx: 8, cy: 24, w: 8, h: 16, scores: [0, 0, 0], meanDrivenClass: 0 },
    // class 2 is not mapped: ignored whatever its score
    { cx: 40, cy: 30, w: 10, h: 10, scores: [0, 0, 0.99] },
  ]),
);
const spec = { kind: 'yolo' as const, modelPath: model, classMap: { '0': 'person' as const, '1': 'car' as const }, inputSize: 64, thresholds: { person: 0.5, vehicle: 0.2 }, threads: 1 };

describe('createOnnxDetector (yolo layout, through onnxruntime)', () => {
  const cases = [
    // white: mean = (32 rows of 1 + 32 rows of 114/255) / 64 = 0.7235 -> person kept
    { name: 'white frame: car and person', value: 255, expected: ['car 0.9 0.25,0.25,0.75,0.75', 'person 0.72 0.0625,0,0.1875,0.5'] },
    // black: mean = 32 rows of 114/255 / 64 = 0.2235 -> under the person threshold
    { name: 'black frame: car only', value: 0, expected: ['car 0.9 0.25,0.25,0.75,0.75'] },
  ];
  it.each(cases)('$name', async ({ value, expected }) => {
    const detector = await createOnnxDetector(spec);
    try {
      const dets = await detector.detect(frame(value));
      const round = (v: number) => Math.round(v * 10000) / 10000;
      expect(dets.map((d) => `${d.label} ${Math.round(d.score * 100) / 100} ${[d.box.x1, d.box.y1, d.box.x2, d.box.y2].map(round).join(',')}`)).toEqual(expected);
    } finally {
      await detector.close();
    }
  });

  it('rejects a class map beyond the model classes on the first frame', async () => {
    const detector = await createOnnxDetector({ ...spec, classMap: { '5': 'knife' } });
    try {
      await expect(detector.detect(frame(0))).rejects.toThrow(/index 5 beyond the model's 3 classes/);
    } finally {
      await detector.close();
    }
  });

  it('reports an unreadable model as MODEL_INVALID', async () => {
    const bad = writeTempModel(new Uint8Array([1, 2, 3]));
    await expect(createOnnxDetector({ ...spec, modelPath: bad })).rejects.toMatchObject({ code: 'MODEL_INVALID' });
  });
});
