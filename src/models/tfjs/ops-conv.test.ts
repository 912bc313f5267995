/**
 * Convolution, pooling and layout cases: each tiny TF graph runs in TF.js (wasm) and, converted,
 * in onnxruntime; outputs must agree to 1e-4 (float32 accumulation-order noise is ~1e-6 here).
 */
import { describe, expect, it } from 'vitest';
import { compareWithTfjs } from '../testing/compare.ts';
import { buildTfGraph, randomTensor, tfAttr } from '../testing/tf-graph.ts';
import type { TfAttr, TfTestGraph, TfTestTensor } from '../testing/tf-graph.ts';
import type { HostArray } from '../testing/tfjs-reference.ts';

const TOLERANCE = 1e-4;

function window(strides: number[], padding: string, extra: Record<string, TfAttr> = {}): Record<string, TfAttr> {
  return {
    strides: tfAttr.ints(strides),
    padding: tfAttr.s(padding),
    data_format: tfAttr.s('NHWC'),
    dilations: tfAttr.ints([1, 1, 1, 1]),
    explicit_paddings: tfAttr.ints([]),
    ...extra,
  };
}

function fused(ops: string[], strides: number[], padding: string): Record<string, TfAttr> {
  return window(strides, padding, {
    fused_ops: tfAttr.strings(ops),
    num_args: tfAttr.i(1),
    epsilon: tfAttr.f(0),
    leakyrelu_alpha: tfAttr.f(0.1),
  });
}

const asHost = (t: TfTestTensor): HostArray => ({
  dtype: t.dtype,
  shape: t.shape,
  data: t.dtype === 'float32' ? Float32Array.from(t.values) : Int32Array.from(t.values),
});

interface Case {
  readonly label: string;
  readonly input: readonly number[];
  readonly consts: Record<string, TfTestTensor>;
  readonly nodes: TfTestGraph['nodes'];
  /** Exact ONNX op counts the conversion must produce (layout checks). */
  readonly ops?: Readonly<Record<string, number>>;
}

const cases: Case[] = [
  {
    label: 'Conv2D NHWC SAME stride 2, even sizes (pads 0 before, 1 after)',
    input: [1, 8, 10, 3],
    consts: { w: randomTensor([3, 3, 3, 4], 1) },
    nodes: [{ name: 'y', op: 'Conv2D', inputs: ['x', 'w'], attr: window([1, 2, 2, 1], 'SAME') }],
    ops: { Transpose: 2, Conv: 1 },
  },
  {
    label: 'Conv2D VALID with dilation 2',
    input: [1, 9, 9, 2],
    consts: { w: randomTensor([3, 3, 2, 3], 2) },
    nodes: [
      { name: 'y', op: 'Conv2D', inputs: ['x', 'w'], attr: window([1, 1, 1, 1], 'VALID', { dilations: tfAttr.ints([1, 2, 2, 1]) }) },
    ],
  },
  {
    label: '_FusedConv2D BiasAdd + Relu6',
    input: [1, 6, 6, 3],
    consts: { w: randomTensor([3, 3, 3, 8], 3, 3), b: randomTensor([8], 4) },
    nodes: [{ name: 'y', op: '_FusedConv2D', inputs: ['x', 'w', 'b'], attr: fused(['BiasAdd', 'Relu6'], [1, 1, 1, 1], 'SAME') }],
  },
  {
    label: '_FusedConv2D BiasAdd + LeakyRelu',
    input: [1, 6, 6, 3],
    consts: { w: randomTensor([1, 1, 3, 5], 5), b: randomTensor([5], 6) },
    nodes: [{ name: 'y', op: '_FusedConv2D', inputs: ['x', 'w', 'b'], attr: fused(['BiasAdd', 'LeakyRelu'], [1, 1, 1, 1], 'VALID') }],
  },
  {
    label: 'DepthwiseConv2dNative, channel multiplier 2',
    input: [1, 8, 8, 3],
    consts: { w: randomTensor([3, 3, 3, 2], 7) },
    nodes: [{ name: 'y', op: 'DepthwiseConv2dNative', inputs: ['x', 'w'], attr: window([1, 2, 2, 1], 'SAME') }],
  },
  {
    label: 'FusedDepthwiseConv2dNative BiasAdd + Relu',
    input: [1, 8, 8, 4],
    consts: { w: randomTensor([3, 3, 4, 1], 8), b: randomTensor([4], 9) },
    nodes: [
      { name: 'y', op: 'FusedDepthwiseConv2dNative', inputs: ['x', 'w', 'b'], attr: fused(['BiasAdd', 'Relu'], [1, 1, 1, 1], 'SAME') },
    ],
  },
  {
    label: 'NCHW graph around NHWC convs (onnx-tf style): transposes fold away',
    input: [1, 3, 8, 8],
    consts: {
      toNhwc: { dtype: 'int32', shape: [4], values: [0, 2, 3, 1] },
      toNchw: { dtype: 'int32', shape: [4], values: [0, 3, 1, 2] },
      pads: { dtype: 'int32', shape: [4, 2], values: [0, 0, 0, 0, 1, 1, 1, 1] },
      w1: randomTensor([3, 3, 3, 4], 10),
      b1: randomTensor([4], 11),
      w2: randomTensor([3, 3, 4, 2], 12),
    },
    nodes: [
      { name: 'p1', op: 'Pad', inputs: ['x', 'pads'] },
      { name: 't1', op: 'Transpose', inputs: ['p1', 'toNhwc'] },
      { name: 'c1', op: 'Conv2D', inputs: ['t1', 'w1'], attr: window([1, 1, 1, 1], 'VALID') },
      { name: 'a1', op: 'Add', inputs: ['c1', 'b1'] },
      { name: 't2', op: 'Transpose', inputs: ['a1', 'toNchw'] },
      { name: 'l1', op: 'LeakyRelu', inputs: ['t2'], attr: { alpha: tfAttr.f(0.1) } },
      { name: 'p2', op: 'Pad', inputs: ['l1', 'pads'] },
      { name: 't3', op: 'Transpose', inputs: ['p2', 'toNhwc'] },
      { name: 'c2', op: 'Conv2D', inputs: ['t3', 'w2'], attr: window([1, 2, 2, 1], 'VALID') },
      { name: 'y', op: 'Transpose', inputs: ['c2', 'toNchw'] },
    ],
    ops: { Conv: 2, Add: 1, LeakyRelu: 1 },
  },
  {
    label: 'MaxPool SAME stride 2, asymmetric padding',
    input: [1, 8, 7, 2],
    consts: {},
    nodes: [{ name: 'y', op: 'MaxPool', inputs: ['x'], attr: { ...window([1, 2, 2, 1], 'SAME'), ksize: tfAttr.ints([1, 3, 3, 1]) } }],
  },
  {
    label: 'AvgPool SAME excludes the padding from the mean',
    input: [1, 5, 6, 3],
    consts: {},
    nodes: [{ name: 'y', op: 'AvgPool', inputs: ['x'], attr: { ...window([1, 2, 2, 1], 'SAME'), ksize: tfAttr.ints([1, 3, 3, 1]) } }],
  },
  {
    label: 'PadV2 (value -1e9) then MaxPool VALID, as nanodet does',
    input: [1, 6, 6, 2],
    consts: {
      pads: { dtype: 'int32', shape: [4, 2], values: [0, 0, 1, 1, 1, 1, 0, 0] },
      v: { dtype: 'float32', shape: [], values: [-1e9] },
    },
    nodes: [
      { name: 'p', op: 'PadV2', inputs: ['x', 'pads', 'v'] },
      { name: 'y', op: 'MaxPool', inputs: ['p'], attr: { ...window([1, 2, 2, 1], 'VALID'), ksize: tfAttr.ints([1, 3, 3, 1]) } },
    ],
  },
];

describe('conv / pool / layout ops agree with TF.js', () => {
  it.each(cases)('$label', async (c) => {
    const graph = buildTfGraph({ placeholders: [{ name: 'x', dtype: 'float32', shape: c.input }], consts: c.consts, nodes: c.nodes });
    const feeds = { x: asHost(randomTensor(c.input, 100)) };
    const result = await compareWithTfjs(graph.json, graph.shards, feeds, { outputs: ['y'] });
    const [y] = result.outputs;
    expect(y!.onnxShape).toEqual(y!.tfjsShape);
    expect(y!.maxAbs).toBeGreaterThan(0.01);
    expect(y!.maxAbsDiff).toBeLessThan(TOLERANCE);
    if (c.ops) expect(result.onnxOps).toEqual(c.ops);
  });
});
