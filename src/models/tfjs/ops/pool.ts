/** MaxPool and AvgPool (2-D), stored NCHW like convolutions. */
import { attr } from '../../onnx/builder.ts';
import { tensorValue } from '../context.ts';
import type { Value } from '../context.ts';
import { attrInts, attrString } from '../graph.ts';
import type { TfNode } from '../graph.ts';
import type { ConvertContext } from '../context.ts';
import { tensorInput } from './common.ts';
import type { OpConverter } from './common.ts';
import { outputShape, storagePerm, window2d } from './conv.ts';

function pool(node: TfNode, inputs: readonly Value[], ctx: ConvertContext, onnxOp: 'MaxPool' | 'AveragePool'): Value[] {
  const x = tensorInput(node, inputs, 0);
  const nhwc = attrString(node, 'data_format', 'NHWC') !== 'NCHW';
  const ksize = attrInts(node, 'ksize');
  const kernel: [number, number] = nhwc ? [ksize[1]!, ksize[2]!] : [ksize[2]!, ksize[3]!];
  const win = window2d(node, x.shape, kernel);
  const perm = storagePerm(win);
  const attributes = {
    kernel_shape: attr.ints(kernel),
    strides: attr.ints(win.strides),
    pads: attr.ints(win.pads),
    // TF averages over the valid window only.
    ...(onnxOp === 'AveragePool' ? { count_include_pad: attr.int(0) } : {}),
  };
  const [out] = ctx.emit(onnxOp, [ctx.physical(x, perm)], node.name, attributes);
  const channels = x.shape[nhwc ? 3 : 1]!;
  return [tensorValue(out!, x.dtype, outputShape(x.shape, win, channels), perm)];
}

export const poolOps: Readonly<Record<string, OpConverter>> = {
  MaxPool: (node, inputs, ctx) => pool(node, inputs, ctx, 'MaxPool'),
  AvgPool: (node, inputs, ctx) => pool(node, inputs, ctx, 'AveragePool'),
};
