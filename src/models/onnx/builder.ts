/**
 * Small builder API over the encoder: validate a graph description, then serialise it.
 *
 *   const bytes = buildModel({
 *     inputs: [{ name: 'x', dtype: 'float32', shape: [1, 3] }],
 *     outputs: [{ name: 'y', dtype: 'float32', shape: [1, 3] }],
 *     initializers: [floatTensor('w', [3], [1, 2, 3])],
 *     nodes: [node('Mul', ['x', 'w'], ['y'])],
 *   });
 *   const session = await InferenceSession.create(bytes);
 */
import { VigieError } from '../../core/errors.ts';
import { encodeModel } from './encode.ts';
import type { AttributeValue, ElemType, GraphSpec, ModelOptions, NodeSpec, TensorSpec, TypedDataOf } from './types.ts';

export type BuildModelInput = GraphSpec & ModelOptions;

/** Attribute value constructors: `{ alpha: attr.float(0.1), axes: attr.ints([1]) }`. */
export const attr = {
  float: (value: number): AttributeValue => ({ kind: 'float', value }),
  int: (value: number): AttributeValue => ({ kind: 'int', value }),
  string: (value: string): AttributeValue => ({ kind: 'string', value }),
  tensor: (value: TensorSpec): AttributeValue => ({ kind: 'tensor', value }),
  floats: (value: readonly number[]): AttributeValue => ({ kind: 'floats', value }),
  ints: (value: readonly number[]): AttributeValue => ({ kind: 'ints', value }),
  strings: (value: readonly string[]): AttributeValue => ({ kind: 'strings', value }),
};

export function node(
  op: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attributes?: Readonly<Record<string, AttributeValue>>,
): NodeSpec {
  return attributes ? { op, inputs, outputs, attributes } : { op, inputs, outputs };
}

export function tensor<T extends ElemType>(
  name: string,
  dtype: T,
  dims: readonly number[],
  data: TypedDataOf[T],
): TensorSpec {
  return { name, dtype, dims, data };
}

export function floatTensor(name: string, dims: readonly number[], values: ArrayLike<number>): TensorSpec {
  return tensor(name, 'float32', dims, Float32Array.from(values));
}

/** An int64 tensor; dims default to a 1-D tensor of the values. */
export function int64Tensor(name: string, values: readonly number[], dims: readonly number[] = [values.length]): TensorSpec {
  return tensor(name, 'int64', dims, BigInt64Array.from(values.map((v) => BigInt(v))));
}

/**
 * Structural checks ONNX runtimes would reject later with less helpful messages:
 * unique tensor names, every node input defined before use, every graph output produced.
 * Returns every problem found, each naming the node.
 */
export function validateGraph(g: GraphSpec): string[] {
  const problems: string[] = [];
  const defined = new Set<string>();
  const define = (name: string, where: string): void => {
    if (defined.has(name)) problems.push(`${where}: tensor "${name}" is defined twice`);
    defined.add(name);
  };
  for (const v of g.inputs) define(v.name, 'graph input');
  for (const t of g.initializers ?? []) define(t.name, 'initializer');
  g.nodes.forEach((n, i) => {
    const where = `node ${i} (${n.op}${n.name ? ` ${n.name}` : ''})`;
    for (const input of n.inputs) {
      if (input !== '' && !defined.has(input)) problems.push(`${where}: input "${input}" is not defined before use`);
    }
    for (const output of n.outputs) define(output, where);
  });
  for (const v of g.outputs) {
    if (!defined.has(v.name)) problems.push(`graph output "${v.name}" is not produced`);
  }
  return problems;
}

/** Validates, then encodes a ModelProto (opset 17, IR version 8 unless told otherwise). */
export function buildModel(spec: BuildModelInput): Uint8Array {
  const problems = validateGraph(spec);
  if (problems.length > 0) {
    throw new VigieError('MODEL_INVALID', `invalid ONNX graph: ${problems.slice(0, 10).join('; ')}`);
  }
  return encodeModel(spec, spec);
}
