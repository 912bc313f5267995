/** Index ops: GatherV2, GatherNd, ArgMax, in TF layout. Indices are int32 in TF.js, int64 for ONNX. */
import { attr } from '../../onnx/builder.ts';
import { tensorValue } from '../context.ts';
import type { ConvertContext, Value } from '../context.ts';
import { attrInt } from '../graph.ts';
import { normAxis } from '../layout.ts';
import { constNumbers, input, ONNX_CAST_TO, opError } from './common.ts';
import type { OpConverter } from './common.ts';
import { shapeOf, dtypeOf } from '../context.ts';

/** Indices as an int64 tensor name: a constant is stored as int64, a graph tensor is cast. */
function int64Indices(ctx: ConvertContext, v: Value, base: string): string {
  if (v.kind === 'const') return ctx.initializer(v.tensor, `${base}/indices`, { int64: true });
  return ctx.emit('Cast', [ctx.logical(v)], `${base}/indices64`, { to: attr.int(7) })[0]!;
}

const gatherV2: OpConverter = (node, inputs, ctx) => {
  const params = input(node, inputs, 0);
  const indices = input(node, inputs, 1);
  if (attrInt(node, 'batch_dims', 0) !== 0) throw opError(node, 'batch_dims is not supported');
  const pShape = shapeOf(params);
  const axis = normAxis(constNumbers(node, inputs, 2)[0]!, pShape.length);
  const ins = [ctx.logical(params, `${node.name}/params`), int64Indices(ctx, indices, node.name)];
  const [out] = ctx.emit('Gather', ins, node.name, { axis: attr.int(axis) });
  const shape = [...pShape.slice(0, axis), ...shapeOf(indices), ...pShape.slice(axis + 1)];
  return [tensorValue(out!, dtypeOf(params), shape)];
};

const gatherNd: OpConverter = (node, inputs, ctx) => {
  const params = input(node, inputs, 0);
  const indices = input(node, inputs, 1);
  const iShape = shapeOf(indices);
  const k = iShape[iShape.length - 1]!;
  const ins = [ctx.logical(params, `${node.name}/params`), int64Indices(ctx, indices, node.name)];
  const [out] = ctx.emit('GatherND', ins, node.name);
  const shape = [...iShape.slice(0, -1), ...shapeOf(params).slice(k)];
  return [tensorValue(out!, dtypeOf(params), shape)];
};

/** ArgMax: ONNX gives int64; TF.js models read int32, so cast back. */
const argMax: OpConverter = (node, inputs, ctx) => {
  const x = input(node, inputs, 0);
  const xShape = shapeOf(x);
  const axis = normAxis(constNumbers(node, inputs, 1)[0]!, xShape.length);
  const attributes = { axis: attr.int(axis), keepdims: attr.int(0) };
  const [idx] = ctx.emit('ArgMax', [ctx.logical(x)], `${node.name}/int64`, attributes);
  const [out] = ctx.emit('Cast', [idx!], node.name, { to: attr.int(ONNX_CAST_TO.int32) });
  return [tensorValue(out!, 'int32', xShape.filter((_, i) => i !== axis))];
};

export const gatherOps: Readonly<Record<string, OpConverter>> = {
  GatherV2: gatherV2,
  GatherNd: gatherNd,
  ArgMax: argMax,
};
