/**
 * nanodet-dynamic: the NanoDet graph converted with symbolic height and width. At 416 x 416 it
 * must equal nanodet; at other sizes it must match TF.js running the same graph with its resize
 * sizes rescaled (measured at 128 x 192: scores ~1e-7, box logits ~5e-6). A window run differs
 * from the full run even far from the window's edges: the network sees zeros beyond the window
 * and its receptive field spans the whole 416 input (measured on a crowd photo, cells >= 64 px
 * inside a 192 x 224 window: score diff median ~0.02 at stride 16, ~0.15 at stride 32).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstScenario } from '../../testing/footage.ts';
import { CATALOG } from '../catalog.ts';
import { maxAbsDiff } from '../testing/compare.ts';
import { decodeJpegFile, hwcToNchw, resizeBilinear } from '../testing/image.ts';
import { repoRoot, sharedDataDir } from '../testing/paths.ts';
import { seededValues } from '../testing/tf-graph.ts';
import { initTfjsWasm, loadTfjsModel } from '../testing/tfjs-reference.ts';
import type { RawGraphModelJson } from '../testing/tfjs-reference.ts';
import { cropNchw, median, windowCellDiffs } from '../testing/window.ts';
import type { PixelWindow } from '../testing/window.ts';
import { convertGraphModel } from './convert.ts';
import type { ConvertedGraph } from './convert.ts';
import { loadGraphModel } from './load.ts';
import type { LoadedGraphModel } from './load.ts';

const entry = CATALOG['nanodet-dynamic'];
const OUTPUTS = entry.outputs;
const STRIDES = [8, 16, 32, 8, 16, 32];
const CHANNELS = [80, 80, 80, 44, 44, 44];
const image = firstScenario((s) => s.still && s.counts !== undefined)?.source ?? path.join(sharedDataDir, 'absent.jpg');

let model: LoadedGraphModel;
let dynamic: ConvertedGraph & { bytes: Uint8Array };
let fixedSession: InferenceSession;
let dynamicSession: InferenceSession;

const randomInput = (h: number, w: number, seed: number) => Float32Array.from(seededValues(3 * h * w, seed), (v) => (v + 1) / 2);

async function run(session: InferenceSession, x: Float32Array, h: number, w: number): Promise<Record<string, Tensor>> {
  const out = await session.run({ [entry.input.name]: new Tensor('float32', x, [1, 3, h, w]) });
  return Object.fromEntries(OUTPUTS.map((o) => [o, out[o]!]));
}

beforeAll(async () => {
  model = await loadGraphModel(entry.source);
  dynamic = convertGraphModel(model.json, model.weights, { outputs: OUTPUTS, dynamic: entry.dynamic });
  const fixed = convertGraphModel(model.json, model.weights, { outputs: CATALOG.nanodet.outputs });
  fixedSession = await InferenceSession.create(fixed.bytes, { intraOpNumThreads: 1 });
  dynamicSession = await InferenceSession.create(dynamic.bytes, { intraOpNumThreads: 1 });
});
afterAll(async () => {
  await fixedSession?.release();
  await dynamicSession?.release();
});

describe('nanodet-dynamic conversion', () => {
  it('has a symbolic input and cell counts, Resize by scales and Reshape to -1', () => {
    expect(dynamic.inputs).toEqual([{ name: entry.input.name, dtype: entry.input.dtype, shape: entry.input.shape }]);
    expect(dynamic.outputs).toEqual(entry.outputDocs.map((o) => ({ name: o.name, dtype: o.dtype, shape: o.shape })));
    const resizes = dynamic.graph.nodes.filter((n) => n.op === 'Resize');
    expect(resizes.map((n) => n.inputs.length)).toEqual([3, 3, 3, 3]);
    const targets = dynamic.graph.nodes.filter((n) => n.op === 'Reshape').map((n) => n.inputs[1]);
    const values = (name: string | undefined) => Array.from(dynamic.graph.initializers!.find((t) => t.name === name)!.data as BigInt64Array, Number);
    expect(targets.map(values).sort()).toEqual([[1, 44, -1], [1, 44, -1], [1, 44, -1], [1, 80, -1], [1, 80, -1], [1, 80, -1]]);
  });

  it('equals nanodet at 416 x 416: all six outputs within 1e-4', async () => {
    const x = randomInput(416, 416, 11);
    const [want, got] = [await run(fixedSession, x, 416, 416), await run(dynamicSession, x, 416, 416)];
    for (const o of OUTPUTS) {
      expect(got[o]!.dims).toEqual(want[o]!.dims);
      expect(maxAbsDiff(got[o]!.data as Float32Array, want[o]!.data as Float32Array)).toBeLessThan(1e-4);
    }
  });

  it.each([
    [128, 192],
    [320, 416],
    [96, 96],
  ])('runs at %i x %i with (H / stride) * (W / stride) cells', async (h, w) => {
    const out = await run(dynamicSession, randomInput(h, w, 12), h, w);
    expect(OUTPUTS.map((o) => out[o]!.dims)).toEqual(STRIDES.map((s, i) => [1, (h / s) * (w / s), CHANNELS[i]]));
  });
});

/** TF.js running nanodet.json at h x w: the input made dynamic, each ResizeBilinear's size constant fed rescaled. */
async function tfjsAtSize(x: Float32Array, h: number, w: number): Promise<Float32Array[]> {
  const json = JSON.parse(readFileSync(entry.source, 'utf8')) as RawGraphModelJson & { modelTopology: { node: { op: string; input?: string[]; attr?: Record<string, unknown> }[] } };
  const nodes = json.modelTopology.node;
  for (const n of nodes) if (n.op === 'Placeholder') n.attr = { ...n.attr, shape: { shape: { dim: [1, 3, -1, -1].map((d) => ({ size: String(d) })) } } };
  await initTfjsWasm(repoRoot);
  const tfModel = await loadTfjsModel(json, model.shards);
  const feeds: tf.NamedTensorMap = { [entry.input.name]: tf.tensor(x, [1, 3, h, w]) };
  for (const n of nodes.filter((n) => n.op === 'ResizeBilinear')) {
    const size = n.input![1]!;
    const [rh, rw] = Array.from(model.weights.get(size)!.data as ArrayLike<number>);
    feeds[size] = tf.tensor1d([(rh! * h) / 416, (rw! * w) / 416], 'int32');
  }
  try {
    const out = tfModel.execute(feeds, [...OUTPUTS]) as tf.Tensor[];
    const data = await Promise.all(out.map(async (t) => (await t.data()) as Float32Array));
    tf.dispose(out);
    return data;
  } finally {
    tf.dispose(Object.values(feeds));
    tfModel.dispose();
  }
}

describe('nanodet-dynamic vs TF.js at 128 x 192', () => {
  it('scores within 1e-4, box logits within 1e-3', async () => {
    const x = randomInput(128, 192, 13);
    const [ref, out] = [await tfjsAtSize(x, 128, 192), await run(dynamicSession, x, 128, 192)];
    OUTPUTS.forEach((o, i) => {
      expect(maxAbsDiff(out[o]!.data as Float32Array, ref[i]!)).toBeLessThan(CHANNELS[i] === 80 ? 1e-4 : 1e-3);
    });
  });
});

describe.skipIf(!existsSync(image))('nanodet-dynamic on a window of a real 416 x 416 input (needs ../shared/data)', () => {
  // Rows 64..256, cols 128..352: 192 x 224, aligned to 32 px. No cell is 96 px from every edge of a
  // 192-px-tall window, so "interior" here is 64 px (2 stride-32 cells, 4 stride-16 cells).
  const win: PixelWindow = { top: 64, left: 128, height: 192, width: 224 };
  const interior = (o: string, stride: number, full: Record<string, Tensor>, part: Record<string, Tensor>) =>
    windowCellDiffs(full[o]!.data as Float32Array, part[o]!.data as Float32Array, 416, win, stride, 80)
      .filter((c) => c.marginPx >= 64)
      .map((c) => c.maxAbsDiff);

  it('interior class scores stay close to the full run (the receptive field makes them differ)', async () => {
    const x = hwcToNchw(resizeBilinear(decodeJpegFile(image), 416, 416), 416, 416, 1 / 255);
    const full = await run(dynamicSession, x, 416, 416);
    const part = await run(dynamicSession, cropNchw(x, 3, 416, 416, win), win.height, win.width);
    const [s16, s32] = [interior('Identity_1', 16, full, part), interior('Identity_2', 32, full, part)];
    expect([s16.length, s32.length]).toEqual([24, 6]);
    expect(median(s16)).toBeLessThan(0.05);
    expect(median(s32)).toBeLessThan(0.25);
  });
});
