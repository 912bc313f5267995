/**
 * Element-wise ops. They work in any layout, so their output keeps the layout of their input:
 * with a constant operand, the constant is stored in the tensor's layout instead.
 */
import { attr } from '../../onnx/builder.ts';
import { broadcastShapes, hostTensor } from '../host-tensor.ts';
import type { HostDType } from '../host-tensor.ts';
import { shapeOf, tensorValue } from '../context.ts';
import type { ConvertContext, TensorValue, Value } from '../context.ts';
import { attrFloat, attrString, attrType } from '../graph.ts';
import type { TfNode } from '../graph.ts';
import { identityPerm, samePerm } from '../layout.ts';
import { constInput, input, ONNX_CAST_TO, opError, tensorInput, tfDtype } from './common.ts';
import type { OpConverter } from './common.ts';

export type Activation =
  | { readonly kind: 'Relu' | 'Relu6' | 'Sigmoid' | 'Tanh' | 'Elu' }
  | { readonly kind: 'LeakyRelu'; readonly alpha: number };

/** Emits an activation on tensor `x`; the output is named `outputBase`. */
export function emitActivation(ctx: ConvertContext, act: Activation, x: string, outputBase: string): string {
  switch (act.kind) {
    case 'Relu6': {
      const lo = ctx.initializer(hostTensor('float32', [], [0]), 'relu6/min');
      const hi = ctx.initializer(hostTensor('float32', [], [6]), 'relu6/max');
      return ctx.emit('Clip', [x, lo, hi], outputBase)[0]!;
    }
    case 'LeakyRelu':
      return ctx.emit('LeakyRelu', [x], outputBase, { alpha: attr.float(act.alpha) })[0]!;
    default:
      return ctx.emit(act.kind, [x], outputBase)[0]!;
  }
}

const SIMPLE_UNARY: Readonly<Record<string, string>> = {
  Sigmoid: 'Sigmoid',
  Relu: 'Relu',
  Tanh: 'Tanh',
  Elu: 'Elu',
  Selu: 'Selu',
  Exp: 'Exp',
  Log: 'Log',
  Sqrt: 'Sqrt',
  Neg: 'Neg',
  Abs: 'Abs',
  Floor: 'Floor',
  Ceil: 'Ceil',
  Round: 'Round',
  Reciprocal: 'Reciprocal',
  Softplus: 'Softplus',
  Sin: 'Sin',
  Cos: 'Cos',
};

function sameLayout(x: TensorValue, name: string, dtype: HostDType = x.dtype): TensorValue {
  return tensorValue(name, dtype, x.shape, x.perm);
}

const unary: OpConverter = (node, inputs, ctx) => {
  const x = tensorInput(node, inputs, 0);
  const op = SIMPLE_UNARY[node.op];
  if (!op) throw opError(node, 'not a unary op');
  return [sameLayout(x, ctx.emit(op, [x.name], node.name)[0]!)];
};

const leakyRelu: OpConverter = (node, inputs, ctx) => {
  const x = tensorInput(node, inputs, 0);
  const act = { kind: 'LeakyRelu', alpha: attrFloat(node, 'alpha', 0.2) } as const;
  return [sameLayout(x, emitActivation(ctx, act, x.name, node.name))];
};

const relu6: OpConverter = (node, inputs, ctx) => {
  const x = tensorInput(node, inputs, 0);
  return [sameLayout(x, emitActivation(ctx, { kind: 'Relu6' }, x.name, node.name))];
};

const rsqrt: OpConverter = (node, inputs, ctx) => {
  const x = tensorInput(node, inputs, 0);
  const [s] = ctx.emit('Sqrt', [x.name], `${node.name}/sqrt`);
  return [sameLayout(x, ctx.emit('Reciprocal', [s!], node.name)[0]!)];
};

const square: OpConverter = (node, inputs, ctx) => {
  const x = tensorInput(node, inputs, 0);
  return [sameLayout(x, ctx.emit('Mul', [x.name, x.name], node.name)[0]!)];
};

const cast: OpConverter = (node, inputs, ctx) => {
  const x = tensorInput(node, inputs, 0);
  const to = tfDtype(node, attrType(node, 'DstT'));
  if (to === x.dtype) return [x];
  return [sameLayout(x, ctx.emit('Cast', [x.name], node.name, { to: attr.int(ONNX_CAST_TO[to]) })[0]!, to)];
};

/**
 * The layout both operands are stored in: the common layout of the full-rank graph tensors when
 * they agree (constants follow), otherwise TF layout.
 */
function binaryLayout(values: readonly Value[], rank: number): readonly number[] {
  const tensors = values.filter((v): v is TensorValue => v.kind === 'tensor');
  const lead = tensors.find((t) => t.shape.length === rank);
  if (!lead) return identityPerm(rank);
  const agree = tensors.every((t) => (t.shape.length === rank ? samePerm(t.perm, lead.perm) : false));
  return agree ? lead.perm : identityPerm(rank);
}

/** Stores both operands in one layout; returns their names, the layout and the output shape. */
export function alignOperands(
  ctx: ConvertContext,
  a: Value,
  b: Value,
  base: string,
): { names: [string, string]; perm: readonly number[]; shape: number[] } {
  const shape = broadcastShapes(shapeOf(a), shapeOf(b));
  const perm = binaryLayout([a, b], shape.length);
  const place = (v: Value): string => {
    // A lower-rank graph tensor broadcasts by numpy rules only in TF layout (perm is then identity).
    if (v.kind === 'tensor' && v.shape.length < shape.length) return ctx.logical(v);
    return ctx.physical(v, perm, `${base}/const`);
  };
  return { names: [place(a), place(b)], perm, shape };
}

function binary(onnxOp: string): OpConverter {
  return (node, inputs, ctx) => {
    const a = input(node, inputs, 0);
    const b = input(node, inputs, 1);
    const { names, perm, shape } = alignOperands(ctx, a, b, node.name);
    const dtype = a.kind === 'tensor' ? a.dtype : b.kind === 'tensor' ? b.dtype : a.tensor.dtype;
    return [tensorValue(ctx.emit(onnxOp, names, node.name)[0]!, dtype, shape, perm)];
  };
}

/** BiasAdd: a 1-D bias on the channel axis (last for NHWC, 1 for NCHW). */
const biasAdd: OpConverter = (node, inputs, ctx) => {
  const x = input(node, inputs, 0);
  const bias = constInput(node, inputs, 1);
  const rank = shapeOf(x).length;
  const nchw = attrString(node, 'data_format', 'NHWC') === 'NCHW';
  const shaped = nchw ? { ...bias, shape: [bias.shape[0]!, ...new Array<number>(rank - 2).fill(1)] } : bias;
  return binary('Add')(node, [x, { kind: 'const', tensor: shaped }], ctx);
};

const squaredDifference: OpConverter = (node, inputs, ctx) => {
  const a = input(node, inputs, 0);
  const b = input(node, inputs, 1);
  const { names, perm, shape } = alignOperands(ctx, a, b, node.name);
  const [d] = ctx.emit('Sub', names, `${node.name}/diff`);
  const dtype = a.kind === 'tensor' ? a.dtype : b.kind === 'tensor' ? b.dtype : 'float32';
  return [tensorValue(ctx.emit('Mul', [d!, d!], node.name)[0]!, dtype, shape, perm)];
};

/** Floor division: Floor(a / b) for floats, (a - mod(a, b)) / b for integers (exact). */
const floorDiv: OpConverter = (node, inputs, ctx) => {
  const a = input(node, inputs, 0);
  const b = input(node, inputs, 1);
  const { names, perm, shape } = alignOperands(ctx, a, b, node.name);
  const dtype = a.kind === 'tensor' ? a.dtype : b.kind === 'tensor' ? b.dtype : 'float32';
  if (dtype === 'float32') {
    const [q] = ctx.emit('Div', names, `${node.name}/div`);
    return [tensorValue(ctx.emit('Floor', [q!], node.name)[0]!, dtype, shape, perm)];
  }
  const [m] = ctx.emit('Mod', names, `${node.name}/mod`, { fmod: attr.int(0) });
  const [d] = ctx.emit('Sub', [names[0], m!], `${node.name}/sub`);
  return [tensorValue(ctx.emit('Div', [d!, names[1]], node.name)[0]!, dtype, shape, perm)];
};

export const elementwiseOps: Readonly<Record<string, OpConverter>> = {
  ...Object.fromEntries(Object.keys(SIMPLE_UNARY).map((op) => [op, unary])),
  LeakyRelu: leakyRelu,
  Relu6: relu6,
  Rsqrt: rsqrt,
  Square: square,
  Cast: cast,
  Add: binary('Add'),
  AddV2: binary('Add'),
  Sub: binary('Sub'),
  Mul: binary('Mul'),
  RealDiv: binary('Div'),
  Div: binary('Div'),
  Maximum: binary('Max'),
  Minimum: binary('Min'),
  Pow: binary('Pow'),
  BiasAdd: biasAdd,
  SquaredDifference: squaredDifference,
  FloorDiv: floorDiv,
};

/** Exposed for the fused conv converters. */
export function activationFromName(node: TfNode, name: string): Activation {
  switch (name) {
    case 'Relu':
    case 'Relu6':
    case 'Sigmoid':
    case 'Tanh':
    case 'Elu':
      return { kind: name };
    case 'LeakyRelu':
      return { kind: 'LeakyRelu', alpha: attrFloat(node, 'leakyrelu_alpha', 0.2) };
    default:
      throw opError(node, `fused activation ${name} is not supported`);
  }
}
