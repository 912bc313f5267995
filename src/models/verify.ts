/**
 * Smoke check of a converted model: it loads in onnxruntime-node and runs on a zero input.
 * Symbolic input dims run at size 1: pass static shapes (ConvertedGraph.examples) for a model that
 * needs more, such as nanodet-dynamic.
 */
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { VigieError, errorMessage } from '../core/errors.ts';
import { assertNotBiometric } from '../detect/biometric-guard.ts';
import { readModelHeader } from '../detect/biometric-guard-read.ts';
import type { ValueInfoSpec } from './onnx/types.ts';

function zeroTensor(info: ValueInfoSpec): Tensor {
  const dims = (info.shape ?? []).map((d) => (typeof d === 'number' ? d : 1));
  const n = dims.reduce((a, b) => a * b, 1);
  switch (info.dtype) {
    case 'float32':
      return new Tensor('float32', new Float32Array(n), dims);
    case 'int32':
      return new Tensor('int32', new Int32Array(n), dims);
    default:
      throw new VigieError('MODEL_INVALID', `input ${info.name}: cannot make a zero ${info.dtype} tensor`);
  }
}

/** Fixed dims must match; symbolic or unknown ones match any size. */
function shapeMatches(dims: readonly number[], expected: readonly (number | string | null)[]): boolean {
  return dims.length === expected.length && expected.every((d, i) => typeof d !== 'number' || d === dims[i]);
}

/**
 * Refuses a biometric model (detect/biometric-guard.ts), then runs the model once on zeros; throws
 * MODEL_INVALID unless every expected output comes back with the expected shape and finite values.
 * Returns the run time in ms.
 */
export async function verifyModel(
  bytes: Uint8Array,
  inputs: readonly ValueInfoSpec[],
  outputs: readonly ValueInfoSpec[],
): Promise<number> {
  const header = readModelHeader(bytes);
  assertNotBiometric(`${header.graphName || 'converted model'}.onnx`, header);
  let session: InferenceSession;
  try {
    session = await InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  } catch (err) {
    throw new VigieError('MODEL_INVALID', `onnxruntime cannot load the model: ${errorMessage(err)}`, { cause: err });
  }
  try {
    const feeds = Object.fromEntries(inputs.map((i) => [i.name, zeroTensor(i)]));
    const started = performance.now();
    const result = await session.run(feeds);
    const ms = performance.now() - started;
    for (const o of outputs) {
      const t = result[o.name];
      if (!t) throw new VigieError('MODEL_INVALID', `output ${o.name} is missing`);
      if (o.shape && !shapeMatches(t.dims, o.shape)) {
        throw new VigieError('MODEL_INVALID', `output ${o.name} has shape [${t.dims}], expected [${o.shape}]`);
      }
      const data = t.data as Float32Array | Int32Array;
      if (!data.every(Number.isFinite)) throw new VigieError('MODEL_INVALID', `output ${o.name} is not finite`);
    }
    return ms;
  } finally {
    await session.release();
  }
}
