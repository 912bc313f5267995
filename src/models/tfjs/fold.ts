/**
 * Constant folding: ops whose inputs are all constants are evaluated at conversion time.
 * TF graphs exported from other frameworks compute shapes this way (e.g. nanodet's
 * SparseToDense + AddV2 that build Reshape targets), and ONNX gets plain initializers instead.
 */
import { attrInt, attrInts, attrType } from './graph.ts';
import type { TfNode } from './graph.ts';
import { binaryHost, castHost, hostTensor, reshapeHost, sizeOf, stridesOf, transposeHost } from './host-tensor.ts';
import type { HostTensor } from './host-tensor.ts';
import { normAxis } from './layout.ts';
import { opError, tfDtype } from './ops/common.ts';
import { resolveShape } from './ops/shape.ts';

export type Folder = (node: TfNode, inputs: readonly HostTensor[]) => HostTensor[];

function arg(node: TfNode, inputs: readonly HostTensor[], i: number): HostTensor {
  const t = inputs[i];
  if (!t) throw opError(node, `input ${i} is missing`);
  return t;
}

function binary(fn: (a: number, b: number) => number): Folder {
  return (node, inputs) => {
    const a = arg(node, inputs, 0);
    const r = binaryHost(a, arg(node, inputs, 1), fn);
    return [a.dtype === 'int32' ? castHost(r, 'int32') : r];
  };
}

/** Concatenation of same-rank tensors along `axis`. */
export function concatHost(parts: readonly HostTensor[], axis: number): HostTensor {
  const first = parts[0]!;
  const shape = [...first.shape];
  shape[axis] = parts.reduce((s, p) => s + p.shape[axis]!, 0);
  const outer = sizeOf(shape.slice(0, axis));
  const values: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const p of parts) {
      const chunk = p.shape[axis]! * (stridesOf(p.shape)[axis] ?? 1);
      for (let k = 0; k < chunk; k++) values.push(p.data[o * chunk + k]!);
    }
  }
  return hostTensor(first.dtype, shape, values);
}

/** SparseToDense(indices, output_shape, values, default_value). */
const sparseToDense: Folder = (node, inputs) => {
  const [indices, outShape, values, fill] = [0, 1, 2, 3].map((i) => arg(node, inputs, i));
  const shape = Array.from(outShape!.data);
  const dense = new Array<number>(sizeOf(shape)).fill(fill!.data[0] ?? 0);
  const strides = stridesOf(shape);
  const rank = shape.length;
  const count = indices!.shape.length === 0 ? 1 : indices!.shape[0]!;
  for (let k = 0; k < count; k++) {
    let flat = 0;
    for (let d = 0; d < rank; d++) flat += indices!.data[k * rank + d]! * strides[d]!;
    dense[flat] = values!.data.length === 1 ? values!.data[0]! : values!.data[k]!;
  }
  return [hostTensor(values!.dtype, shape, dense)];
};

const expandDims: Folder = (node, inputs) => {
  const x = arg(node, inputs, 0);
  const shape = [...x.shape];
  shape.splice(normAxis(arg(node, inputs, 1).data[0]!, shape.length + 1), 0, 1);
  return [reshapeHost(x, shape)];
};

const squeeze: Folder = (node, inputs) => {
  const x = arg(node, inputs, 0);
  const listed = attrInts(node, 'squeeze_dims', attrInts(node, 'axis', [])).map((a) => normAxis(a, x.shape.length));
  return [reshapeHost(x, x.shape.filter((d, i) => (listed.length > 0 ? !listed.includes(i) : d !== 1)))];
};

const pack: Folder = (node, inputs) => {
  const axis = normAxis(attrInt(node, 'axis', 0), (inputs[0]?.shape.length ?? 0) + 1);
  const expanded = inputs.map((t) => {
    const shape = [...t.shape];
    shape.splice(axis, 0, 1);
    return reshapeHost(t, shape);
  });
  return [concatHost(expanded, axis)];
};

export const folders: Readonly<Record<string, Folder>> = {
  Identity: (node, inputs) => [arg(node, inputs, 0)],
  Cast: (node, inputs) => [castHost(arg(node, inputs, 0), tfDtype(node, attrType(node, 'DstT')))],
  Add: binary((a, b) => a + b),
  AddV2: binary((a, b) => a + b),
  Sub: binary((a, b) => a - b),
  Mul: binary((a, b) => a * b),
  RealDiv: binary((a, b) => a / b),
  FloorDiv: binary((a, b) => Math.floor(a / b)),
  Maximum: binary(Math.max),
  Minimum: binary(Math.min),
  SparseToDense: sparseToDense,
  Reshape: (node, inputs) => {
    const x = arg(node, inputs, 0);
    return [reshapeHost(x, resolveShape(node, x.shape, Array.from(arg(node, inputs, 1).data)))];
  },
  ExpandDims: expandDims,
  Squeeze: squeeze,
  Transpose: (node, inputs) => [transposeHost(arg(node, inputs, 0), Array.from(arg(node, inputs, 1).data))],
  ConcatV2: (node, inputs) => {
    const parts = inputs.slice(0, -1);
    const axis = normAxis(arg(node, inputs, inputs.length - 1).data[0]!, parts[0]?.shape.length ?? 1);
    return [concatHost(parts, axis)];
  },
  Pack: pack,
};
