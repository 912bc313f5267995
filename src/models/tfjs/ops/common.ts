/** Shared pieces of the op converters. */
import { VigieError } from '../../../core/errors.ts';
import type { ConvertContext, TensorValue, Value } from '../context.ts';
import type { HostDType, HostTensor } from '../host-tensor.ts';
import type { TfNode } from '../graph.ts';

/** Converts one TF node given its input values; returns one value per TF output. */
export type OpConverter = (node: TfNode, inputs: readonly Value[], ctx: ConvertContext) => Value[];

export function opError(node: TfNode, message: string): VigieError {
  return new VigieError('MODEL_INVALID', `node ${node.name} (${node.op}): ${message}`);
}

export function input(node: TfNode, inputs: readonly Value[], i: number): Value {
  const v = inputs[i];
  if (!v) throw opError(node, `input ${i} is missing`);
  return v;
}

/** An input that must be known at conversion time (weights, shapes, axes). */
export function constInput(node: TfNode, inputs: readonly Value[], i: number): HostTensor {
  const v = input(node, inputs, i);
  if (v.kind !== 'const') throw opError(node, `input ${i} must be a constant`);
  return v.tensor;
}

export function constNumbers(node: TfNode, inputs: readonly Value[], i: number): number[] {
  return Array.from(constInput(node, inputs, i).data);
}

/** An input computed by the graph (constant inputs are stored as initializers on demand). */
export function tensorInput(node: TfNode, inputs: readonly Value[], i: number): TensorValue {
  const v = input(node, inputs, i);
  if (v.kind !== 'tensor') throw opError(node, `input ${i} must not be a constant`);
  return v;
}

const TF_DTYPES: Readonly<Record<string, HostDType>> = {
  DT_FLOAT: 'float32',
  DT_HALF: 'float32',
  DT_DOUBLE: 'float32',
  DT_INT32: 'int32',
  DT_INT64: 'int32',
  DT_INT16: 'int32',
  DT_INT8: 'int32',
  DT_UINT8: 'int32',
  DT_BOOL: 'bool',
};

/** TF dtype name to the converter's dtype (int64 is handled as int32, like TF.js does). */
export function tfDtype(node: TfNode, type: string): HostDType {
  const d = TF_DTYPES[type];
  if (!d) throw opError(node, `dtype ${type} is not supported`);
  return d;
}

/** ONNX TensorProto.DataType code for Cast's `to`. */
export const ONNX_CAST_TO: Readonly<Record<HostDType, number>> = { float32: 1, int32: 6, bool: 9 };

/** TF 'SAME' padding for one spatial axis: [before, after] and the output size. */
export function samePadding(inSize: number, kernel: number, stride: number, dilation: number): [number, number, number] {
  const effective = (kernel - 1) * dilation + 1;
  const out = Math.ceil(inSize / stride);
  const total = Math.max((out - 1) * stride + effective - inSize, 0);
  const before = Math.floor(total / 2);
  return [before, total - before, out];
}

/** Output size of a window op along one axis with explicit padding. */
export function windowOutSize(inSize: number, kernel: number, stride: number, dilation: number, pads: number): number {
  const effective = (kernel - 1) * dilation + 1;
  return Math.floor((inSize + pads - effective) / stride) + 1;
}
