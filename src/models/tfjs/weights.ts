/**
 * Decodes the binary weight shards of a TF.js graph model into host tensors, keyed by Const node name.
 * Handles float32, int32 and bool entries, and the float16 / uint8 / uint16 quantisations the
 * TF.js converter writes (https://github.com/tensorflow/tfjs/tree/master/tfjs-converter).
 */
import { VigieError } from '../../core/errors.ts';
import { hostTensor, sizeOf } from './host-tensor.ts';
import type { HostTensor } from './host-tensor.ts';
import type { GraphModelJson, WeightEntry } from './model-json.ts';

/** IEEE 754 half precision bits to a number. */
export function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x03ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function storedBytes(entry: WeightEntry): number {
  const n = sizeOf(entry.shape);
  const q = entry.quantization;
  if (q) return n * (q.dtype === 'uint8' ? 1 : 2);
  if (entry.dtype === 'bool') return n;
  if (entry.dtype === 'float32' || entry.dtype === 'int32') return n * 4;
  throw new VigieError('MODEL_INVALID', `weight ${entry.name}: dtype ${entry.dtype} is not supported`);
}

function decodeEntry(entry: WeightEntry, bytes: Uint8Array): HostTensor {
  const n = sizeOf(entry.shape);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const q = entry.quantization;
  const dtype = entry.dtype === 'bool' ? 'bool' : entry.dtype === 'int32' ? 'int32' : 'float32';
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (q?.dtype === 'float16') values[i] = float16ToNumber(view.getUint16(i * 2, true));
    else if (q) {
      const raw = q.dtype === 'uint8' ? view.getUint8(i) : view.getUint16(i * 2, true);
      values[i] = raw * (q.scale ?? 1) + (q.min ?? 0);
    } else if (dtype === 'float32') values[i] = view.getFloat32(i * 4, true);
    else if (dtype === 'int32') values[i] = view.getInt32(i * 4, true);
    else values[i] = view.getUint8(i);
  }
  if (dtype === 'int32' && q) return hostTensor(dtype, entry.shape, values.map(Math.round));
  return hostTensor(dtype, entry.shape, values);
}

/**
 * `shards[g]` holds the bytes of weight group g (its `paths` concatenated in order).
 * Throws MODEL_INVALID when a group is shorter or longer than its manifest says.
 */
export function decodeWeights(
  manifest: GraphModelJson['weightsManifest'],
  shards: readonly Uint8Array[],
): Map<string, HostTensor> {
  const out = new Map<string, HostTensor>();
  manifest.forEach((group, g) => {
    const bytes = shards[g];
    if (!bytes) throw new VigieError('MODEL_INVALID', `weights group ${g} (${group.paths.join(', ')}) is missing`);
    let offset = 0;
    for (const entry of group.weights) {
      const size = storedBytes(entry);
      if (offset + size > bytes.length) {
        throw new VigieError('MODEL_INVALID', `weights group ${g} ends before ${entry.name}`);
      }
      out.set(entry.name, decodeEntry(entry, bytes.subarray(offset, offset + size)));
      offset += size;
    }
    if (offset !== bytes.length) {
      throw new VigieError('MODEL_INVALID', `weights group ${g}: ${bytes.length - offset} unread bytes`);
    }
  });
  return out;
}
