import { describe, expect, it } from 'vitest';
import type { YoloModelSpec } from './onnx-detector.ts';
import { createDetectorPool, pickWorker } from './pool.ts';
import { buildYoloFixture, writeTempModel } from './test-models.ts';
import { createWorkerDetector, transferableBytes } from './worker-detector.ts';

const model = writeTempModel(
  buildYoloFixture(64, 2, [
    { cx: 32, cy: 32, w: 32, h: 32, scores: [0.9, 0] },
    { cx: 10, cy: 10, w: 8, h: 8, scores: [0, 0], meanDrivenClass: 1 },
  ]),
);
const spec: YoloModelSpec = { kind: 'yolo', modelPath: model, classMap: { '0': 'person', '1': 'car' }, inputSize: 64, thresholds: { default: 0.5 }, threads: 1 };
const frame = (value: number, width = 64, height = 64) => ({ width, height, tMs: 0, data: new Uint8Array(width * height * 3).fill(value) });
const labels = (dets: { label: string }[]) => dets.map((d) => d.label);

describe('createWorkerDetector', () => {
  it('round-trips frames through the worker, serialising concurrent callers', async () => {
    const detector = await createWorkerDetector(spec);
    try {
      const [white, black, white2] = await Promise.all([detector.detect(frame(255)), detector.detect(frame(0)), detector.detect(frame(255))]);
      expect(labels(white)).toEqual(['car', 'person']);
      expect(labels(black)).toEqual(['person']);
      expect(white2).toEqual(white);
      expect(white[1]!.box).toEqual({ x1: 0.25, y1: 0.25, x2: 0.75, y2: 0.75 });
      expect(detector.pending).toBe(0);
    } finally {
      await detector.close();
    }
  });

  it('keeps the caller frame intact by default, detaches it with transferFrames', async () => {
    const kept = await createWorkerDetector(spec);
    const handed = await createWorkerDetector(spec, { transferFrames: true });
    try {
      const f1 = frame(255);
      await kept.detect(f1);
      expect(f1.data.length).toBe(64 * 64 * 3);
      const f2 = frame(255);
      await handed.detect(f2);
      expect(f2.data.length).toBe(0);
    } finally {
      await Promise.all([kept.close(), handed.close()]);
    }
  });

  it('turns an error in the worker into a rejected promise and keeps serving', async () => {
    const detector = await createWorkerDetector(spec);
    try {
      const bad = { width: 64, height: 64, tMs: 0, data: new Uint8Array(10) };
      await expect(detector.detect(bad)).rejects.toThrow(/detection failed in worker: frame 64x64 RGB24 needs 12288 bytes, got 10/);
      expect(labels(await detector.detect(frame(0)))).toEqual(['person']);
    } finally {
      await detector.close();
    }
  });

  it('reports a model that fails to load at creation', async () => {
    const bad = writeTempModel(new Uint8Array([7, 7, 7]));
    await expect(createWorkerDetector({ ...spec, modelPath: bad })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringMatching(/detector worker failed to start: cannot load ONNX model/),
    });
  });

  it('reports a crashed worker on the request in flight and on later ones', async () => {
    const detector = await createWorkerDetector(spec, { entry: new URL('./test-crash-worker.ts', import.meta.url) });
    await expect(detector.detect(frame(0))).rejects.toThrow(/detector worker crashed: boom in worker/);
    expect(detector.alive).toBe(false);
    await expect(detector.detect(frame(0))).rejects.toThrow(/crashed/);
    await detector.close();
  });

  it('close() terminates: later requests are rejected', async () => {
    const detector = await createWorkerDetector(spec);
    await detector.close();
    expect(detector.alive).toBe(false);
    await expect(detector.detect(frame(0))).rejects.toThrow(/detector closed/);
  });
});

describe('transferableBytes', () => {
  it.each([
    { name: 'whole buffer, hand over: same buffer', make: () => new Uint8Array(12), handOver: true, same: true },
    { name: 'whole buffer, keep: a copy', make: () => new Uint8Array(12), handOver: false, same: false },
    { name: 'view into a larger buffer: a copy of the view only', make: () => new Uint8Array(new ArrayBuffer(64), 8, 12), handOver: true, same: false },
  ])('$name', ({ make, handOver, same }) => {
    const data = make();
    const out = transferableBytes(data, handOver);
    expect(out === data.buffer).toBe(same);
    expect(out.byteLength).toBe(12);
  });

  it('copies into a spare buffer of the same size (taken from the spares), else into a new one', () => {
    const data = Uint8Array.from({ length: 12 }, (_, i) => i + 1);
    const small = new ArrayBuffer(8);
    const fit = new ArrayBuffer(12);
    const spare = [small, fit];
    const out = transferableBytes(data, false, spare);
    expect(out).toBe(fit);
    expect(Array.from(new Uint8Array(out))).toEqual(Array.from(data));
    expect(spare).toEqual([small]);
    const fresh = transferableBytes(data, false, spare);
    expect(fresh).not.toBe(small);
    expect(Array.from(new Uint8Array(fresh))).toEqual(Array.from(data));
    expect(spare).toEqual([small]);
  });
});

describe('pickWorker', () => {
  const w = (pending: number, alive = true) => ({ pending, alive });
  it.each([
    { name: 'least pending wins', workers: [w(2), w(0), w(1)], start: 0, expected: 1 },
    { name: 'ties go to the first from start', workers: [w(0), w(0), w(0)], start: 2, expected: 2 },
    { name: 'dead workers are skipped', workers: [w(0, false), w(3)], start: 0, expected: 1 },
    { name: 'none alive', workers: [w(0, false)], start: 0, expected: -1 },
  ])('$name', ({ workers, start, expected }) => {
    expect(pickWorker(workers, start)).toBe(expected);
  });
});

describe('createDetectorPool', () => {
  it('answers concurrent frames, each with its own result', async () => {
    const pool = await createDetectorPool(spec, 2);
    try {
      const results = await Promise.all([255, 0, 255, 0].map((v) => pool.detect(frame(v))));
      expect(results.map(labels)).toEqual([['car', 'person'], ['person'], ['car', 'person'], ['person']]);
    } finally {
      await pool.close();
    }
  });
});
