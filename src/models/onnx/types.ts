/**
 * Plain-object description of an ONNX graph, the input of `buildModel`.
 * Element types use the names onnxruntime uses for its tensors ('float32', 'int64'...).
 */

export const ELEM_TYPES = ['float32', 'uint8', 'int8', 'int32', 'int64', 'bool', 'float16', 'float64'] as const;
export type ElemType = (typeof ELEM_TYPES)[number];

/** TensorProto.DataType codes. */
export const ONNX_DATA_TYPE: Readonly<Record<ElemType, number>> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
  float64: 11,
};

/** The typed array that holds each element type (bool as 0/1 bytes, float16 as raw uint16 bits). */
export interface TypedDataOf {
  float32: Float32Array;
  uint8: Uint8Array;
  int8: Int8Array;
  int32: Int32Array;
  int64: BigInt64Array;
  bool: Uint8Array;
  float16: Uint16Array;
  float64: Float64Array;
}
export type TypedData = TypedDataOf[ElemType];

/** A constant tensor (an initializer, or the value of a tensor attribute). Data is row-major. */
export interface TensorSpec {
  readonly name: string;
  readonly dtype: ElemType;
  readonly dims: readonly number[];
  readonly data: TypedData;
}

export type AttributeValue =
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'tensor'; readonly value: TensorSpec }
  | { readonly kind: 'floats'; readonly value: readonly number[] }
  | { readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly kind: 'strings'; readonly value: readonly string[] };

export interface NodeSpec {
  /** ONNX operator type, e.g. 'Conv'. */
  readonly op: string;
  /** Names of input tensors; '' marks an omitted optional input. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name?: string;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  /** Operator domain; default '' (the standard ai.onnx domain). */
  readonly domain?: string;
}

/**
 * A graph input or output. `shape` entries: a number is a fixed size, a string a symbolic
 * dimension (e.g. 'batch'), null an unknown one; omit `shape` for an unknown rank.
 */
export interface ValueInfoSpec {
  readonly name: string;
  readonly dtype: ElemType;
  readonly shape?: readonly (number | string | null)[];
}

export interface GraphSpec {
  readonly name?: string;
  readonly inputs: readonly ValueInfoSpec[];
  readonly outputs: readonly ValueInfoSpec[];
  /** In topological order: every input is a graph input, an initializer or an earlier node's output. */
  readonly nodes: readonly NodeSpec[];
  readonly initializers?: readonly TensorSpec[];
  readonly doc?: string;
}

export interface ModelOptions {
  /** Default 17. */
  readonly opset?: number;
  /** Default 8. */
  readonly irVersion?: number;
  readonly producerName?: string;
  readonly producerVersion?: string;
  readonly doc?: string;
  /** Free key/value pairs stored in ModelProto.metadata_props. */
  readonly metadata?: Readonly<Record<string, string>>;
}
