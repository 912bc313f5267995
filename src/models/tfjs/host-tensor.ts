/**
 * Constant tensors held in memory during conversion (weights, folded shape computations).
 * Like TF.js, the converter treats TF int64 as int32; int64 appears only in the ONNX it writes.
 */
import type { TensorSpec } from '../onnx/types.ts';

export type HostTensor =
  | { readonly dtype: 'float32'; readonly shape: readonly number[]; readonly data: Float32Array }
  | { readonly dtype: 'int32'; readonly shape: readonly number[]; readonly data: Int32Array }
  | { readonly dtype: 'bool'; readonly shape: readonly number[]; readonly data: Uint8Array };
export type HostDType = HostTensor['dtype'];

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function hostTensor(dtype: HostDType, shape: readonly number[], values: ArrayLike<number>): HostTensor {
  if (values.length !== sizeOf(shape)) {
    throw new RangeError(`${values.length} values for shape [${shape.join(', ')}]`);
  }
  switch (dtype) {
    case 'float32':
      return { dtype, shape, data: Float32Array.from(values) };
    case 'int32':
      return { dtype, shape, data: Int32Array.from(values) };
    case 'bool':
      return { dtype, shape, data: Uint8Array.from(values, (v) => (v ? 1 : 0)) };
  }
}

export function toNumbers(t: HostTensor): number[] {
  return Array.from(t.data);
}

/** Row-major strides. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) strides[i] = strides[i + 1]! * shape[i + 1]!;
  return strides;
}

/** out.shape[i] = t.shape[perm[i]], like numpy.transpose. */
export function transposeHost(t: HostTensor, perm: readonly number[]): HostTensor {
  if (perm.every((p, i) => p === i)) return t;
  const inStrides = stridesOf(t.shape);
  const outShape = perm.map((p) => t.shape[p]!);
  const n = sizeOf(outShape);
  const values = new Array<number>(n);
  const index = new Array<number>(outShape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let src = 0;
    for (let d = 0; d < outShape.length; d++) src += index[d]! * inStrides[perm[d]!]!;
    values[k] = t.data[src]!;
    for (let d = outShape.length - 1; d >= 0; d--) {
      index[d]! += 1;
      if (index[d]! < outShape[d]!) break;
      index[d] = 0;
    }
  }
  return hostTensor(t.dtype, outShape, values);
}

export function reshapeHost(t: HostTensor, shape: readonly number[]): HostTensor {
  if (sizeOf(shape) !== t.data.length) throw new RangeError(`cannot reshape [${t.shape}] to [${shape}]`);
  return { ...t, shape } as HostTensor;
}

export function castHost(t: HostTensor, dtype: HostDType): HostTensor {
  if (t.dtype === dtype) return t;
  const values = dtype === 'int32' ? Array.from(t.data, (v) => Math.trunc(v)) : Array.from(t.data);
  return hostTensor(dtype, t.shape, values);
}

/** Numpy broadcasting of two shapes; throws when incompatible. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new RangeError(`cannot broadcast [${a}] with [${b}]`);
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** Element-wise binary op with broadcasting. */
export function binaryHost(
  a: HostTensor,
  b: HostTensor,
  fn: (x: number, y: number) => number,
  dtype: HostDType = a.dtype,
): HostTensor {
  const shape = broadcastShapes(a.shape, b.shape);
  const rank = shape.length;
  const stridesFor = (s: readonly number[]): number[] => {
    const padded = [...new Array<number>(rank - s.length).fill(1), ...s];
    return stridesOf(padded).map((st, i) => (padded[i] === 1 ? 0 : st));
  };
  const sa = stridesFor(a.shape);
  const sb = stridesFor(b.shape);
  const outStrides = stridesOf(shape);
  const n = sizeOf(shape);
  const values = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    let ia = 0;
    let ib = 0;
    let rest = k;
    for (let d = 0; d < rank; d++) {
      const q = Math.floor(rest / outStrides[d]!);
      rest -= q * outStrides[d]!;
      ia += q * sa[d]!;
      ib += q * sb[d]!;
    }
    values[k] = fn(a.data[ia]!, b.data[ib]!);
  }
  return hostTensor(dtype, shape, values);
}

/** The ONNX initializer for a host tensor; `asInt64` widens int32 data (shapes, indices). */
export function toTensorSpec(t: HostTensor, name: string, asInt64 = false): TensorSpec {
  if (asInt64) {
    return { name, dtype: 'int64', dims: t.shape, data: BigInt64Array.from(Array.from(t.data, (v) => BigInt(v))) };
  }
  return { name, dtype: t.dtype, dims: t.shape, data: t.data };
}
