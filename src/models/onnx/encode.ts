/**
 * Encoders for the ONNX protobuf messages (field numbers from onnx/onnx.proto).
 * Tensor data always goes in `raw_data`, little-endian.
 */
import {
  bytesField,
  concatBytes,
  floatField,
  messageField,
  packedFloatField,
  packedVarintField,
  stringField,
  varintField,
} from './wire.ts';
import { ONNX_DATA_TYPE } from './types.ts';
import type { AttributeValue, GraphSpec, ModelOptions, NodeSpec, TensorSpec, TypedData, ValueInfoSpec } from './types.ts';

const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7, strings: 8 } as const;

const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function rawBytes(data: TypedData): Uint8Array {
  if (!IS_LITTLE_ENDIAN) throw new Error('ONNX raw_data encoding assumes a little-endian host');
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export function encodeTensor(t: TensorSpec): Uint8Array {
  const expected = t.dims.reduce((a, b) => a * b, 1);
  if (t.data.length !== expected) {
    throw new RangeError(`tensor ${t.name}: ${t.data.length} values for dims [${t.dims.join(', ')}]`);
  }
  return concatBytes([
    t.dims.length > 0 ? packedVarintField(1, t.dims) : new Uint8Array(0),
    varintField(2, ONNX_DATA_TYPE[t.dtype]),
    stringField(8, t.name),
    bytesField(9, rawBytes(t.data)),
  ]);
}

function attributeBody(value: AttributeValue): Uint8Array {
  switch (value.kind) {
    case 'float':
      return floatField(2, value.value);
    case 'int':
      return varintField(3, value.value);
    case 'string':
      return stringField(4, value.value);
    case 'tensor':
      return bytesField(5, encodeTensor(value.value));
    case 'floats':
      return packedFloatField(7, value.value);
    case 'ints':
      return packedVarintField(8, value.value);
    case 'strings':
      return concatBytes(value.value.map((s) => stringField(9, s)));
  }
}

export function encodeAttribute(name: string, value: AttributeValue): Uint8Array {
  return concatBytes([stringField(1, name), varintField(20, ATTRIBUTE_TYPE[value.kind]), attributeBody(value)]);
}

export function encodeNode(node: NodeSpec): Uint8Array {
  const attrs = Object.entries(node.attributes ?? {}).map(([k, v]) => messageField(5, [encodeAttribute(k, v)]));
  return concatBytes([
    ...node.inputs.map((i) => stringField(1, i)),
    ...node.outputs.map((o) => stringField(2, o)),
    node.name !== undefined ? stringField(3, node.name) : new Uint8Array(0),
    stringField(4, node.op),
    ...attrs,
    node.domain ? stringField(7, node.domain) : new Uint8Array(0),
  ]);
}

function encodeDim(dim: number | string | null): Uint8Array {
  if (typeof dim === 'number') return varintField(1, dim);
  if (typeof dim === 'string') return stringField(2, dim);
  return new Uint8Array(0);
}

export function encodeValueInfo(v: ValueInfoSpec): Uint8Array {
  const tensorType = [
    varintField(1, ONNX_DATA_TYPE[v.dtype]),
    ...(v.shape ? [messageField(2, v.shape.map((d) => messageField(1, [encodeDim(d)])))] : []),
  ];
  const typeProto = messageField(1, tensorType);
  return concatBytes([stringField(1, v.name), messageField(2, [typeProto])]);
}

export function encodeGraph(g: GraphSpec): Uint8Array {
  return concatBytes([
    ...g.nodes.map((n) => bytesField(1, encodeNode(n))),
    stringField(2, g.name ?? 'graph'),
    ...(g.initializers ?? []).map((t) => bytesField(5, encodeTensor(t))),
    g.doc ? stringField(10, g.doc) : new Uint8Array(0),
    ...g.inputs.map((v) => bytesField(11, encodeValueInfo(v))),
    ...g.outputs.map((v) => bytesField(12, encodeValueInfo(v))),
  ]);
}

export function encodeModel(g: GraphSpec, options: ModelOptions = {}): Uint8Array {
  const opset = messageField(8, [stringField(1, ''), varintField(2, options.opset ?? 17)]);
  const metadata = Object.entries(options.metadata ?? {}).map(([k, v]) =>
    messageField(14, [stringField(1, k), stringField(2, v)]),
  );
  return concatBytes([
    varintField(1, options.irVersion ?? 8),
    stringField(2, options.producerName ?? 'vigie'),
    stringField(3, options.producerVersion ?? '0'),
    options.doc ? stringField(6, options.doc) : new Uint8Array(0),
    bytesField(7, encodeGraph(g)),
    opset,
    ...metadata,
  ]);
}
