/**
 * The real NanoDet graph: converted ONNX (onnxruntime-node) against TF.js (wasm) on a real
 * crowd photo. Tolerances: sigmoid scores 1e-4 max abs (measured ~6e-7), box logits 1e-3
 * (measured ~2e-5, values up to ~9).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog.ts';
import { maxAbsDiff, runOnnx } from '../testing/compare.ts';
import { decodeJpegFile, hwcToNchw, resizeBilinear } from '../testing/image.ts';
import { repoRoot, sharedDataDir } from '../testing/paths.ts';
import { firstScenario } from '../../testing/footage.ts';
import { initTfjsWasm, loadTfjsModel, runTfjs } from '../testing/tfjs-reference.ts';
import type { HostArray } from '../testing/tfjs-reference.ts';
import { convertGraphModel } from './convert.ts';
import { loadGraphModel } from './load.ts';
import type { LoadedGraphModel } from './load.ts';

const entry = CATALOG.nanodet;
// A crowd photo: the first still scenario with a person count.
const image = firstScenario((s) => s.still && s.counts !== undefined)?.source ?? path.join(sharedDataDir, 'absent.jpg');
const SCORES = ['Identity', 'Identity_1', 'Identity_2'];
const BOXES = ['Identity_3', 'Identity_4', 'Identity_5'];

describe('nanodet conversion: structure', () => {
  it('keeps TF output names and shapes, folds layout transposes and pads', async () => {
    const model = await loadGraphModel(entry.source);
    const converted = convertGraphModel(model.json, model.weights, { outputs: entry.outputs });
    expect(converted.outputs).toEqual(entry.outputDocs.map((o) => ({ name: o.name, dtype: o.dtype, shape: o.shape })));
    const ops: Record<string, number> = {};
    for (const n of converted.graph.nodes) ops[n.op] = (ops[n.op] ?? 0) + 1;
    // 83 TF Transposes become storage perms; only [1,C,N] -> [1,N,C] at the six outputs remain.
    expect(ops.Transpose).toBe(6);
    // 29 TF pads: 28 zero pads fused into Convs, the -Infinity PadV2 into the MaxPool.
    expect(ops.Pad).toBeUndefined();
    expect(ops.Conv).toBe(34);
  });
});

describe.skipIf(!existsSync(image))('nanodet conversion vs TF.js wasm on a real image (needs ../shared/data)', () => {
  let onnx: Record<string, Float32Array>;
  let ref: Record<string, HostArray>;

  beforeAll(async () => {
    const model: LoadedGraphModel = await loadGraphModel(entry.source);
    const converted = convertGraphModel(model.json, model.weights, { outputs: entry.outputs });
    const [h, w] = [entry.input.shape[2]!, entry.input.shape[3]!];
    const x = hwcToNchw(resizeBilinear(decodeJpegFile(image), w, h), w, h, 1 / 255);
    const feeds = { [entry.input.name]: { dtype: 'float32', shape: entry.input.shape, data: x } as const };
    const out = await runOnnx(converted.bytes, feeds);
    onnx = Object.fromEntries(entry.outputs.map((o) => [o, out[o]!.data as Float32Array]));
    await initTfjsWasm(repoRoot);
    const tfModel = await loadTfjsModel(JSON.parse(readFileSync(entry.source, 'utf8')), model.shards);
    ref = await runTfjs(tfModel, feeds, entry.outputs);
    tfModel.dispose();
  });

  it.each(SCORES)('%s class scores agree within 1e-4', (name) => {
    expect(onnx[name]!.length).toBe(ref[name]!.data.length);
    expect(maxAbsDiff(onnx[name]!, ref[name]!.data)).toBeLessThan(1e-4);
  });

  it.each(BOXES)('%s box logits agree within 1e-3', (name) => {
    expect(maxAbsDiff(onnx[name]!, ref[name]!.data)).toBeLessThan(1e-3);
  });

  it('is not degenerate: a person (class 0) scores above 0.3 somewhere in the crowd', () => {
    const personMax = Math.max(...SCORES.map((n) => Math.max(...onnx[n]!.filter((_, i) => i % 80 === 0))));
    expect(personMax).toBeGreaterThan(0.3);
  });
});
