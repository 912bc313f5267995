/**
 * Conv2D, DepthwiseConv2dNative and their TF.js fused forms (bias, then an activation).
 * ONNX Conv is NCHW: an NHWC input is read in NCHW storage, and the output stays stored as
 * NCHW (perm [0, 3, 1, 2]) so the next conv needs no transpose.
 */
import { attr } from '../../onnx/builder.ts';
import { reshapeHost, transposeHost } from '../host-tensor.ts';
import type { HostTensor } from '../host-tensor.ts';
import { tensorValue } from '../context.ts';
import type { ConvertContext, TensorValue, Value } from '../context.ts';
import { attrInts, attrString, attrStrings } from '../graph.ts';
import type { TfNode } from '../graph.ts';
import { identityPerm, NHWC_AS_NCHW } from '../layout.ts';
import { constInput, opError, samePadding, tensorInput, windowOutSize } from './common.ts';
import type { OpConverter } from './common.ts';
import { activationFromName, emitActivation } from './elementwise.ts';
import type { Activation } from './elementwise.ts';

/** Spatial geometry shared by convolutions and pooling. */
export interface Window2d {
  readonly nhwc: boolean;
  readonly strides: [number, number];
  readonly dilations: [number, number];
  /** ONNX order: [top, left, bottom, right]. */
  readonly pads: [number, number, number, number];
  readonly outHW: [number, number];
}

/** Reads data_format, strides, dilations and padding ('SAME', 'VALID', 'EXPLICIT') of a 2-D window op. */
export function window2d(node: TfNode, inShape: readonly number[], kernel: readonly [number, number]): Window2d {
  const nhwc = attrString(node, 'data_format', 'NHWC') !== 'NCHW';
  const [hAxis, wAxis] = nhwc ? [1, 2] : [2, 3];
  const pick = (v: readonly number[]): [number, number] => [v[hAxis] ?? 1, v[wAxis] ?? 1];
  const strides = pick(attrInts(node, 'strides', [1, 1, 1, 1]));
  const dilations = pick(attrInts(node, 'dilations', [1, 1, 1, 1]));
  const inHW: [number, number] = [inShape[hAxis]!, inShape[wAxis]!];
  const padding = attrString(node, 'padding', 'VALID');
  let pads: [number, number, number, number];
  if (padding === 'SAME') {
    const h = samePadding(inHW[0], kernel[0], strides[0], dilations[0]);
    const w = samePadding(inHW[1], kernel[1], strides[1], dilations[1]);
    pads = [h[0], w[0], h[1], w[1]];
  } else if (padding === 'VALID') {
    pads = [0, 0, 0, 0];
  } else if (padding === 'EXPLICIT') {
    const e = attrInts(node, 'explicit_paddings');
    pads = [e[hAxis * 2]!, e[wAxis * 2]!, e[hAxis * 2 + 1]!, e[wAxis * 2 + 1]!];
  } else {
    throw opError(node, `padding ${padding} is not supported`);
  }
  const outHW: [number, number] = [
    windowOutSize(inHW[0], kernel[0], strides[0], dilations[0], pads[0] + pads[2]),
    windowOutSize(inHW[1], kernel[1], strides[1], dilations[1], pads[1] + pads[3]),
  ];
  return { nhwc, strides, dilations, pads, outHW };
}

export function outputShape(inShape: readonly number[], w: Window2d, channels: number): number[] {
  const n = inShape[0]!;
  return w.nhwc ? [n, w.outHW[0], w.outHW[1], channels] : [n, channels, w.outHW[0], w.outHW[1]];
}

export function storagePerm(w: Window2d): readonly number[] {
  return w.nhwc ? NHWC_AS_NCHW : identityPerm(4);
}

interface Fused {
  readonly bias?: HostTensor;
  readonly activation?: Activation;
}

/** Decodes `fused_ops` (BiasAdd, then an optional activation) and the bias argument. */
function readFused(node: TfNode, inputs: readonly Value[]): Fused {
  const ops = attrStrings(node, 'fused_ops');
  if (ops.length === 0) return {};
  const [first, act, ...rest] = ops;
  // TF.js itself rejects FusedBatchNorm and Prelu here, so graph models do not carry them.
  if (first !== 'BiasAdd' || rest.length > 0) throw opError(node, `fused ops ${ops.join('+')} are not supported`);
  const bias = constInput(node, inputs, 2);
  return act ? { bias, activation: activationFromName(node, act) } : { bias };
}

/** TF filter [kh, kw, in, out] (depthwise: [kh, kw, in, multiplier]) to ONNX [out, in / group, kh, kw]. */
function onnxWeights(filter: HostTensor, depthwise: boolean): HostTensor {
  const [kh, kw, cin, mult] = filter.shape as [number, number, number, number];
  const hwio = depthwise ? reshapeHost(filter, [kh, kw, 1, cin * mult]) : filter;
  return transposeHost(hwio, [3, 2, 0, 1]);
}

function convert(node: TfNode, inputs: readonly Value[], ctx: ConvertContext, depthwise: boolean): Value[] {
  const x: TensorValue = tensorInput(node, inputs, 0);
  const filter = constInput(node, inputs, 1);
  if (filter.shape.length !== 4) throw opError(node, 'filter must be 4-D');
  const [kh, kw, fin, fout] = filter.shape as [number, number, number, number];
  const win = window2d(node, x.shape, [kh, kw]);
  const channels = x.shape[win.nhwc ? 3 : 1]!;
  const group = depthwise ? channels : channels / fin;
  if (!Number.isInteger(group)) throw opError(node, `${channels} input channels do not fit filter ${filter.shape}`);
  const outChannels = depthwise ? fin * fout : fout;
  const fused = readFused(node, inputs);
  const perm = storagePerm(win);

  const ins = [ctx.physical(x, perm), ctx.initializer(onnxWeights(filter, depthwise), `${node.name}/W`)];
  if (fused.bias) ins.push(ctx.initializer(fused.bias, `${node.name}/B`));
  const attributes = {
    kernel_shape: attr.ints([kh, kw]),
    strides: attr.ints(win.strides),
    dilations: attr.ints(win.dilations),
    pads: attr.ints(win.pads),
    group: attr.int(group),
  };
  const base = fused.activation ? `${node.name}/conv` : node.name;
  let out = ctx.emit('Conv', ins, base, attributes)[0]!;
  if (fused.activation) out = emitActivation(ctx, fused.activation, out, node.name);
  return [tensorValue(out, 'float32', outputShape(x.shape, win, outChannels), perm)];
}

export const convOps: Readonly<Record<string, OpConverter>> = {
  Conv2D: (node, inputs, ctx) => convert(node, inputs, ctx, false),
  _FusedConv2D: (node, inputs, ctx) => convert(node, inputs, ctx, false),
  DepthwiseConv2dNative: (node, inputs, ctx) => convert(node, inputs, ctx, true),
  FusedDepthwiseConv2dNative: (node, inputs, ctx) => convert(node, inputs, ctx, true),
};
