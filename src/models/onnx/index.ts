/** Minimal ONNX writer: describe a graph as plain objects, get ModelProto bytes. */
export { attr, buildModel, floatTensor, int64Tensor, node, tensor, validateGraph } from './builder.ts';
export type { BuildModelInput } from './builder.ts';
export { ELEM_TYPES } from './types.ts';
export type {
  AttributeValue,
  ElemType,
  GraphSpec,
  ModelOptions,
  NodeSpec,
  TensorSpec,
  TypedData,
  TypedDataOf,
  ValueInfoSpec,
} from './types.ts';
