/**
 * The real MoveNet Lightning graph, decoding ops included (ArgMax, GatherNd, FloorDiv...):
 * converted ONNX against TF.js (wasm) on a real photo with people. Tolerances: keypoints and
 * heatmaps 1e-4 max abs (measured ~3e-6), raw offset/regression heads 1e-3 (measured ~2e-4).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, MOVENET_HEADS } from '../catalog.ts';
import { maxAbsDiff, runOnnx } from '../testing/compare.ts';
import { decodeJpegFile, resizeBilinear } from '../testing/image.ts';
import { repoRoot, sharedDataDir } from '../testing/paths.ts';
import { firstScenario } from '../../testing/footage.ts';
import { initTfjsWasm, loadTfjsModel, runTfjs } from '../testing/tfjs-reference.ts';
import type { HostArray } from '../testing/tfjs-reference.ts';
import { convertGraphModel } from './convert.ts';
import { loadGraphModel } from './load.ts';

const entry = CATALOG['movenet-lightning'];
// A photo with people: the first still scenario expecting a weapon.
const image = firstScenario((s) => s.still && s.expected.some((e) => e.type === 'weapon'))?.source ?? path.join(sharedDataDir, 'absent.jpg');
const OUTPUTS = ['Identity', ...Object.values(MOVENET_HEADS)];

describe('movenet conversion: subgraphs', () => {
  it('converting up to the heads leaves the decoding ops out', async () => {
    const model = await loadGraphModel(entry.source);
    const heads = convertGraphModel(model.json, model.weights, { outputs: Object.values(MOVENET_HEADS) });
    const ops = new Set(heads.graph.nodes.map((n) => n.op));
    expect(ops.has('ArgMax')).toBe(false);
    expect(ops.has('GatherND')).toBe(false);
    expect(heads.outputs.map((o) => o.shape)).toEqual([[1, 48, 48, 17], [1, 48, 48, 1], [1, 48, 48, 34], [1, 48, 48, 34]]);
    const full = convertGraphModel(model.json, model.weights, { outputs: entry.outputs });
    expect(full.graph.nodes.some((n) => n.op === 'ArgMax')).toBe(true);
  });
});

describe.skipIf(!existsSync(image))('movenet conversion vs TF.js wasm on a real image (needs ../shared/data)', () => {
  let onnx: Record<string, Float32Array>;
  let ref: Record<string, HostArray>;

  beforeAll(async () => {
    const model = await loadGraphModel(entry.source);
    const converted = convertGraphModel(model.json, model.weights, { outputs: OUTPUTS });
    const pixels = resizeBilinear(decodeJpegFile(image), 192, 192);
    const x = Int32Array.from(pixels, (v) => Math.round(v));
    const feeds = { [entry.input.name]: { dtype: 'int32', shape: entry.input.shape, data: x } as const };
    const out = await runOnnx(converted.bytes, feeds);
    onnx = Object.fromEntries(OUTPUTS.map((o) => [o, out[o]!.data as Float32Array]));
    await initTfjsWasm(repoRoot);
    const tfModel = await loadTfjsModel(JSON.parse(readFileSync(entry.source, 'utf8')), model.shards);
    ref = await runTfjs(tfModel, feeds, OUTPUTS);
    tfModel.dispose();
  });

  const cases: [string, string, number][] = [
    ['keypoints (y, x, score)', 'Identity', 1e-4],
    ['heatmaps', MOVENET_HEADS.heatmaps, 1e-4],
    ['centres', MOVENET_HEADS.centers, 1e-4],
    ['offsets', MOVENET_HEADS.offsets, 1e-3],
    ['regression', MOVENET_HEADS.regress, 1e-3],
  ];
  it.each(cases)('%s (%s) agree within %s', (_label, name, tolerance) => {
    expect(onnx[name]!.length).toBe(ref[name]!.data.length);
    expect(maxAbsDiff(onnx[name]!, ref[name]!.data)).toBeLessThan(tolerance);
  });

  it('is not degenerate: keypoints lie inside the image and some are confident', () => {
    const k = onnx.Identity!;
    const scores = Array.from({ length: 17 }, (_, i) => k[i * 3 + 2]!);
    expect(Math.max(...scores)).toBeGreaterThan(0.3);
    expect(Array.from(k).every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});
