/** Test support: convert a TF.js graph, run it in onnxruntime and in TF.js (wasm), compare outputs. */
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { convertGraphModel } from '../tfjs/convert.ts';
import type { ConvertOptions } from '../tfjs/convert.ts';
import { parseGraphModelJson } from '../tfjs/load.ts';
import { decodeWeights } from '../tfjs/weights.ts';
import { initTfjsWasm, loadTfjsModel, runTfjs } from './tfjs-reference.ts';
import type { HostArray, RawGraphModelJson } from './tfjs-reference.ts';
import { repoRoot } from './paths.ts';

export interface OutputComparison {
  readonly name: string;
  readonly onnxShape: readonly number[];
  readonly tfjsShape: readonly number[];
  readonly maxAbsDiff: number;
  /** Largest |value| in the TF.js output, to judge the diff against. */
  readonly maxAbs: number;
}

export interface Comparison {
  readonly outputs: readonly OutputComparison[];
  /** ONNX op type -> count, to check what the converter emitted. */
  readonly onnxOps: Readonly<Record<string, number>>;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function maxAbsValue(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

export async function runOnnx(
  bytes: Uint8Array,
  feeds: Readonly<Record<string, HostArray>>,
  threads = 1,
): Promise<InferenceSession.OnnxValueMapType> {
  const session = await InferenceSession.create(bytes, { intraOpNumThreads: threads });
  try {
    const inputs: Record<string, Tensor> = {};
    for (const [name, a] of Object.entries(feeds)) inputs[name] = new Tensor(a.dtype, a.data, [...a.shape]);
    return await session.run(inputs);
  } finally {
    await session.release();
  }
}

export async function compareWithTfjs(
  json: RawGraphModelJson,
  shards: readonly Uint8Array[],
  feeds: Readonly<Record<string, HostArray>>,
  options: ConvertOptions & { outputs: readonly string[] },
): Promise<Comparison> {
  const parsed = parseGraphModelJson(JSON.stringify(json), 'test graph');
  const converted = convertGraphModel(parsed, decodeWeights(parsed.weightsManifest, shards), options);
  const onnx = await runOnnx(converted.bytes, feeds);
  await initTfjsWasm(repoRoot);
  const model = await loadTfjsModel(json, shards);
  const ref = await runTfjs(model, feeds, options.outputs);
  model.dispose();
  const outputs = options.outputs.map((name): OutputComparison => {
    const o = onnx[name];
    const r = ref[name];
    if (!o || !r) throw new Error(`output ${name} missing (onnx: ${Boolean(o)}, tfjs: ${Boolean(r)})`);
    const data = o.data as Float32Array | Int32Array;
    return {
      name,
      onnxShape: o.dims,
      tfjsShape: r.shape,
      maxAbsDiff: maxAbsDiff(data, r.data),
      maxAbs: maxAbsValue(r.data),
    };
  });
  const onnxOps: Record<string, number> = {};
  for (const n of converted.graph.nodes) onnxOps[n.op] = (onnxOps[n.op] ?? 0) + 1;
  return { outputs, onnxOps };
}
