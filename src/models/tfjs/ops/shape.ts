/**
 * Ops that move data without arithmetic. Transpose is free (it changes the storage perm only);
 * Concat, Split and Pad work in the input's storage layout; Reshape and the rank-changing ops
 * need TF layout. In the probes of a dynamic-axes conversion (dynamic.ts) a Reshape target gets -1
 * at its one entry that grows with the input size.
 */
import { attr } from '../../onnx/builder.ts';
import { hostTensor, sizeOf } from '../host-tensor.ts';
import { constValue, shapeOf, tensorValue } from '../context.ts';
import { dynamicReshapeTarget, referenceShape } from '../dynamic.ts';
import type { TensorValue, Value } from '../context.ts';
import { attrInt, attrInts, attrString } from '../graph.ts';
import type { TfNode } from '../graph.ts';
import { identityPerm, invertPerm, normAxis, permAfterTranspose, samePerm } from '../layout.ts';
import { constNumbers, input, opError, tensorInput } from './common.ts';
import type { OpConverter } from './common.ts';

/** Resolves a TF target shape (one -1 allowed, 0 copies nothing: TF has no "copy dim" rule). */
export function resolveShape(node: TfNode, from: readonly number[], target: readonly number[]): number[] {
  const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const unknown = target.filter((d) => d === -1).length;
  if (unknown > 1) throw opError(node, `shape [${target}] has more than one -1`);
  const total = sizeOf(from);
  const out = target.map((d) => (d === -1 ? total / known : d));
  if (sizeOf(out) !== total || out.some((d) => !Number.isInteger(d))) {
    throw opError(node, `cannot reshape [${from}] to [${target}]`);
  }
  return out;
}

const identity: OpConverter = (node, inputs) => [input(node, inputs, 0)];

const transpose: OpConverter = (node, inputs) => {
  const x = tensorInput(node, inputs, 0);
  const q = constNumbers(node, inputs, 1);
  return [tensorValue(x.name, x.dtype, q.map((i) => x.shape[i]!), permAfterTranspose(x.perm, q))];
};

/** Reshapes to `shape`, emitting `target` (default: `shape`) as the ONNX target. */
function reshapeTo(node: TfNode, x: Value, shape: readonly number[], ctx: Parameters<OpConverter>[2], target = shape): TensorValue {
  const dtype = x.kind === 'tensor' ? x.dtype : x.tensor.dtype;
  const [out] = ctx.emit('Reshape', [ctx.logical(x), ctx.int64(target, `${node.name}/shape`)], node.name);
  return tensorValue(out!, dtype, shape);
}

const reshape: OpConverter = (node, inputs, ctx) => {
  const x = input(node, inputs, 0);
  const from = shapeOf(x);
  const fromRef = referenceShape(node, 0, ctx);
  if (!fromRef) return [reshapeTo(node, x, resolveShape(node, from, constNumbers(node, inputs, 1)), ctx)];
  const targetRef = resolveShape(node, fromRef, constNumbers(node, inputs, 1));
  const target = dynamicReshapeTarget(node, fromRef, targetRef, from.map((d, i) => d !== fromRef[i]));
  return [reshapeTo(node, x, resolveShape(node, from, target), ctx, target)];
};

const expandDims: OpConverter = (node, inputs, ctx) => {
  const x = input(node, inputs, 0);
  const shape = [...shapeOf(x)];
  const axis = normAxis(constNumbers(node, inputs, 1)[0]!, shape.length + 1);
  shape.splice(axis, 0, 1);
  return [reshapeTo(node, x, shape, ctx)];
};

const squeeze: OpConverter = (node, inputs, ctx) => {
  const x = input(node, inputs, 0);
  const from = shapeOf(x);
  const listed = attrInts(node, 'squeeze_dims', attrInts(node, 'axis', [])).map((a) => normAxis(a, from.length));
  const drop = listed.length > 0 ? listed : from.flatMap((d, i) => (d === 1 ? [i] : []));
  if (drop.some((a) => from[a] !== 1)) throw opError(node, `cannot squeeze axes [${drop}] of [${from}]`);
  return [reshapeTo(node, x, from.filter((_, i) => !drop.includes(i)), ctx)];
};

/** The layout shared by all graph-tensor inputs of equal rank, else TF layout. */
function commonPerm(values: readonly Value[], rank: number): readonly number[] {
  const tensors = values.filter((v): v is TensorValue => v.kind === 'tensor');
  const first = tensors[0];
  if (first && tensors.every((t) => samePerm(t.perm, first.perm))) return first.perm;
  return identityPerm(rank);
}

const concat: OpConverter = (node, inputs, ctx) => {
  const values = inputs.slice(0, -1);
  const rank = shapeOf(values[0]!).length;
  const axis = normAxis(constNumbers(node, inputs, inputs.length - 1)[0]!, rank);
  const perm = commonPerm(values, rank);
  const names = values.map((v) => ctx.physical(v, perm, `${node.name}/const`));
  const shape = [...shapeOf(values[0]!)];
  shape[axis] = values.reduce((s, v) => s + shapeOf(v)[axis]!, 0);
  const [out] = ctx.emit('Concat', names, node.name, { axis: attr.int(invertPerm(perm)[axis]!) });
  const dtype = values.find((v): v is TensorValue => v.kind === 'tensor')?.dtype ?? 'float32';
  return [tensorValue(out!, dtype, shape, perm)];
};

function splitInto(node: TfNode, x: TensorValue, axisIn: number, sizes: readonly number[], ctx: Parameters<OpConverter>[2]): Value[] {
  const axis = normAxis(axisIn, x.shape.length);
  const known = sizes.filter((s) => s !== -1).reduce((a, b) => a + b, 0);
  const resolved = sizes.map((s) => (s === -1 ? x.shape[axis]! - known : s));
  if (resolved.reduce((a, b) => a + b, 0) !== x.shape[axis]) throw opError(node, `split sizes [${sizes}] do not add up to ${x.shape[axis]} (input [${x.shape}])`);
  const physAxis = invertPerm(x.perm)[axis]!;
  const outs = ctx.emit('Split', [x.name, ctx.int64(resolved, `${node.name}/split`)], node.name, { axis: attr.int(physAxis) }, resolved.length);
  return outs.map((name, i) => {
    const shape = [...x.shape];
    shape[axis] = resolved[i]!;
    return tensorValue(name, x.dtype, shape, x.perm);
  });
}

const splitV: OpConverter = (node, inputs, ctx) =>
  splitInto(node, tensorInput(node, inputs, 0), constNumbers(node, inputs, 2)[0]!, constNumbers(node, inputs, 1), ctx);

const split: OpConverter = (node, inputs, ctx) => {
  const x = tensorInput(node, inputs, 1);
  const axis = normAxis(constNumbers(node, inputs, 0)[0]!, x.shape.length);
  const n = attrInt(node, 'num_split');
  return splitInto(node, x, axis, new Array<number>(n).fill(x.shape[axis]! / n), ctx);
};

const pack: OpConverter = (node, inputs, ctx) => {
  const rank = shapeOf(inputs[0]!).length + 1;
  const axis = normAxis(attrInt(node, 'axis', 0), rank);
  const axes = ctx.int64([axis], `${node.name}/axes`);
  const names = inputs.map((v, i) => ctx.emit('Unsqueeze', [ctx.logical(v, `${node.name}/const`), axes], `${node.name}/in${i}`)[0]!);
  const shape = [...shapeOf(inputs[0]!)];
  shape.splice(axis, 0, inputs.length);
  const [out] = ctx.emit('Concat', names, node.name, { axis: attr.int(axis) });
  const dtype = inputs.find((v): v is TensorValue => v.kind === 'tensor')?.dtype ?? 'float32';
  return [tensorValue(out!, dtype, shape)];
};

const unpack: OpConverter = (node, inputs, ctx) => {
  const x = tensorInput(node, inputs, 0);
  const axis = normAxis(attrInt(node, 'axis', 0), x.shape.length);
  const num = attrInt(node, 'num', x.shape[axis]);
  const src = ctx.logical(x);
  const shape = x.shape.filter((_, i) => i !== axis);
  return Array.from({ length: num }, (_, i) => {
    const index = ctx.initializer(hostTensor('int32', [], [i]), `${node.name}/index${i}`, { int64: true });
    const base = i === 0 ? node.name : `${node.name}:${i}`;
    return tensorValue(ctx.emit('Gather', [src, index], base, { axis: attr.int(axis) })[0]!, x.dtype, shape);
  });
};

const PAD_MODES: Readonly<Record<string, string>> = { Pad: 'constant', PadV2: 'constant', MirrorPad: 'reflect' };

const pad: OpConverter = (node, inputs, ctx) => {
  const x = tensorInput(node, inputs, 0);
  const p = constNumbers(node, inputs, 1);
  if (node.op === 'MirrorPad' && attrString(node, 'mode') !== 'REFLECT') throw opError(node, 'only REFLECT mirror padding is supported');
  const begins = x.perm.map((a) => p[a * 2]!);
  const ends = x.perm.map((a) => p[a * 2 + 1]!);
  const ins = [x.name, ctx.int64([...begins, ...ends], `${node.name}/pads`)];
  if (node.op === 'PadV2') ins.push(ctx.physical(input(node, inputs, 2), [], `${node.name}/value`));
  const [out] = ctx.emit('Pad', ins, node.name, { mode: attr.string(PAD_MODES[node.op]!) });
  const shape = x.shape.map((d, i) => d + p[i * 2]! + p[i * 2 + 1]!);
  return [tensorValue(out!, x.dtype, shape, x.perm)];
};

/** Shapes are static here, so Shape is a constant. */
const shapeOp: OpConverter = (node, inputs) => {
  const s = shapeOf(input(node, inputs, 0));
  if (s.some((d) => d < 0)) throw opError(node, 'input shape is not static');
  return [constValue(hostTensor('int32', [s.length], s))];
};

export const shapeOps: Readonly<Record<string, OpConverter>> = {
  Identity: identity,
  StopGradient: identity,
  Snapshot: identity,
  Transpose: transpose,
  Reshape: reshape,
  ExpandDims: expandDims,
  Squeeze: squeeze,
  ConcatV2: concat,
  Concat: (node, inputs, ctx) => concat(node, [...inputs.slice(1), inputs[0]!], ctx),
  SplitV: splitV,
  Split: split,
  Pack: pack,
  Unpack: unpack,
  Pad: pad,
  PadV2: pad,
  MirrorPad: pad,
  Shape: shapeOp,
};
