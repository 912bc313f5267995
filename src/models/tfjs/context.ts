/**
 * Conversion state: the ONNX nodes and initializers emitted so far, unique names, and the
 * values (constants or graph tensors with their layout) that op converters pass around.
 */
import { attr } from '../onnx/builder.ts';
import type { AttributeValue, NodeSpec, TensorSpec } from '../onnx/types.ts';
import { hostTensor, reshapeHost, toTensorSpec, transposeHost } from './host-tensor.ts';
import type { HostDType, HostTensor } from './host-tensor.ts';
import { identityPerm, isIdentityPerm, relayoutPerm, samePerm } from './layout.ts';

export interface ConstValue {
  readonly kind: 'const';
  readonly tensor: HostTensor;
}

/** A tensor computed by the ONNX graph. `shape` is the TF shape; see layout.ts for `perm`. */
export interface TensorValue {
  readonly kind: 'tensor';
  readonly name: string;
  readonly dtype: HostDType;
  readonly shape: readonly number[];
  readonly perm: readonly number[];
}

export type Value = ConstValue | TensorValue;

export function constValue(tensor: HostTensor): ConstValue {
  return { kind: 'const', tensor };
}

export function tensorValue(
  name: string,
  dtype: HostDType,
  shape: readonly number[],
  perm: readonly number[] = identityPerm(shape.length),
): TensorValue {
  return { kind: 'tensor', name, dtype, shape, perm };
}

export function shapeOf(v: Value): readonly number[] {
  return v.kind === 'const' ? v.tensor.shape : v.shape;
}

export function dtypeOf(v: Value): HostDType {
  return v.kind === 'const' ? v.tensor.dtype : v.dtype;
}

export interface ConvertContext {
  /** Appends a node; returns its output names, derived from `outputBase` and made unique. */
  emit(
    op: string,
    inputs: readonly string[],
    outputBase: string,
    attributes?: Readonly<Record<string, AttributeValue>>,
    outputCount?: number,
  ): string[];
  /**
   * The initializer holding `t` (stored once per tensor, layout and width). `perm` may be longer
   * than t's rank: t is then first given leading size-1 axes, as broadcasting would.
   */
  initializer(t: HostTensor, base: string, options?: { perm?: readonly number[]; int64?: boolean }): string;
  /** An int64 1-D initializer, for shapes, pads, axes. */
  int64(values: readonly number[], base: string): string;
  /** The name of `v` stored with `perm`, inserting a Transpose when needed. */
  physical(v: Value, perm: readonly number[], base?: string): string;
  /** The name of `v` in TF layout. */
  logical(v: Value, base?: string): string;
  /** Copies tensor `source` to `name` exactly (a name reserved at creation, e.g. a graph output). */
  alias(source: string, name: string): void;
  readonly nodes: readonly NodeSpec[];
  readonly initializers: readonly TensorSpec[];
  /**
   * Set in the probe conversions of a dynamic-axes conversion (dynamic.ts): every TF tensor's shape
   * ("node" or "node:1" -> TF shape) in the conversion at the model's own input size. Resize and
   * Reshape read it to turn their size constants into size-free ones.
   */
  readonly reference?: ReadonlyMap<string, readonly number[]>;
}

export function createContext(
  reservedNames: Iterable<string> = [],
  reference?: ReadonlyMap<string, readonly number[]>,
): ConvertContext {
  const nodes: NodeSpec[] = [];
  const initializers: TensorSpec[] = [];
  const used = new Set<string>(reservedNames);
  const constCache = new WeakMap<HostTensor, Map<string, string>>();
  const transposeCache = new Map<string, string>();

  const unique = (base: string): string => {
    let name = base;
    for (let i = 1; used.has(name); i++) name = `${base}__${i}`;
    used.add(name);
    return name;
  };

  const ctx: ConvertContext = {
    nodes,
    initializers,
    ...(reference ? { reference } : {}),
    emit(op, inputs, outputBase, attributes, outputCount = 1) {
      const outputs = Array.from({ length: outputCount }, (_, i) => unique(i === 0 ? outputBase : `${outputBase}:${i}`));
      const spec: NodeSpec = { op, inputs, outputs, name: outputs[0]!, ...(attributes ? { attributes } : {}) };
      nodes.push(spec);
      return outputs;
    },
    initializer(t, base, options = {}) {
      const perm = options.perm ?? identityPerm(t.shape.length);
      const key = `${perm.join(',')}|${options.int64 ? 'i64' : ''}`;
      const cached = constCache.get(t)?.get(key);
      if (cached) return cached;
      const name = unique(base);
      initializers.push(toTensorSpec(transposeHost(padRank(t, perm.length), perm), name, options.int64));
      if (!constCache.has(t)) constCache.set(t, new Map());
      constCache.get(t)!.set(key, name);
      return name;
    },
    int64(values, base) {
      const name = unique(base);
      initializers.push(toTensorSpec(hostTensor('int32', [values.length], values), name, true));
      return name;
    },
    physical(v, perm, base) {
      if (v.kind === 'const') return ctx.initializer(v.tensor, base ?? 'const', { perm });
      if (samePerm(v.perm, perm)) return v.name;
      const key = `${v.name}|${perm.join(',')}`;
      const cached = transposeCache.get(key);
      if (cached) return cached;
      const t = relayoutPerm(v.perm, perm);
      const suffix = isIdentityPerm(perm) ? 'tf' : perm.join('');
      const [out] = ctx.emit('Transpose', [v.name], `${v.name}/${suffix}`, { perm: attr.ints(t) });
      transposeCache.set(key, out!);
      return out!;
    },
    logical(v, base) {
      return ctx.physical(v, identityPerm(shapeOf(v).length), base);
    },
    alias(source, name) {
      nodes.push({ op: 'Identity', inputs: [source], outputs: [name], name });
    },
  };
  return ctx;
}

/** Prepends size-1 axes so a constant broadcasts against a higher-rank tensor (numpy rules). */
export function padRank(t: HostTensor, rank: number): HostTensor {
  if (t.shape.length >= rank) return t;
  return reshapeHost(t, [...new Array<number>(rank - t.shape.length).fill(1), ...t.shape]);
}
