/**
 * Test support: runs a TF.js graph model with @tensorflow/tfjs-backend-wasm in Node, as the
 * reference the ONNX conversion is compared with. Dev dependencies only; never imported by src.
 */
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { concatBytes } from '../onnx/wire.ts';

/** model.json as read from disk (unvalidated: TF.js gets exactly what the file says). */
export interface RawGraphModelJson {
  readonly modelTopology: unknown;
  readonly weightsManifest: readonly { readonly paths: readonly string[]; readonly weights: readonly unknown[] }[];
  readonly format?: string;
  readonly generatedBy?: string;
  readonly convertedBy?: string | null;
  readonly signature?: unknown;
}

export interface HostArray {
  readonly dtype: 'float32' | 'int32';
  readonly shape: readonly number[];
  readonly data: Float32Array | Int32Array;
}

let ready: Promise<void> | undefined;

/** Selects the wasm backend once per process (single-threaded: Node has no SharedArrayBuffer workers here). */
export function initTfjsWasm(repoRoot: string): Promise<void> {
  ready ??= (async () => {
    setWasmPaths(`${path.join(repoRoot, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
    await tf.setBackend('wasm');
    await tf.ready();
  })();
  return ready;
}

/** An IOHandler serving model.json + its weight shards from memory. */
export function memoryIoHandler(json: RawGraphModelJson, shards: readonly Uint8Array[]): tf.io.IOHandler {
  const bytes = concatBytes(shards);
  const weightData = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(weightData).set(bytes);
  return {
    load: async () => ({
      modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[],
      weightData,
      format: json.format ?? 'graph-model',
      generatedBy: json.generatedBy ?? '',
      convertedBy: json.convertedBy ?? null,
      signature: json.signature as tf.io.ModelArtifacts['signature'],
    }),
  };
}

export function loadTfjsModel(json: RawGraphModelJson, shards: readonly Uint8Array[]): Promise<GraphModel> {
  return loadGraphModel(memoryIoHandler(json, shards));
}

/** Runs `outputs` (TF node names, "name" or "name:1") for the given inputs. */
export async function runTfjs(
  model: GraphModel,
  feeds: Readonly<Record<string, HostArray>>,
  outputs: readonly string[],
): Promise<Record<string, HostArray>> {
  const inputs: tf.NamedTensorMap = {};
  for (const [name, a] of Object.entries(feeds)) inputs[name] = tf.tensor(a.data, [...a.shape], a.dtype);
  try {
    const result = model.execute(inputs, [...outputs]);
    const list = Array.isArray(result) ? result : [result];
    const out: Record<string, HostArray> = {};
    for (const [i, t] of list.entries()) {
      const dtype = t.dtype === 'int32' ? 'int32' : 'float32';
      out[outputs[i]!] = { dtype, shape: t.shape, data: (await t.data()) as Float32Array | Int32Array };
      t.dispose();
    }
    return out;
  } finally {
    for (const t of Object.values(inputs)) t.dispose();
  }
}
