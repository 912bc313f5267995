/**
 * Resize, padding, shape, index and element-wise cases, each run in TF.js (wasm) and, converted,
 * in onnxruntime. Float outputs must agree to 1e-4; integer outputs exactly.
 */
import { describe, expect, it } from 'vitest';
import { compareWithTfjs } from '../testing/compare.ts';
import { buildTfGraph, intTensor, randomTensor, tfAttr } from '../testing/tf-graph.ts';
import type { TfTestGraph, TfTestTensor } from '../testing/tf-graph.ts';
import type { HostArray } from '../testing/tfjs-reference.ts';

const TOLERANCE = 1e-4;

const asHost = (t: TfTestTensor): HostArray => ({
  dtype: t.dtype,
  shape: t.shape,
  data: t.dtype === 'float32' ? Float32Array.from(t.values) : Int32Array.from(t.values),
});

const conv1x1 = { strides: tfAttr.ints([1, 1, 1, 1]), padding: tfAttr.s('VALID'), data_format: tfAttr.s('NHWC'), dilations: tfAttr.ints([1, 1, 1, 1]) };
const resizeAttr = (halfPixel: boolean, alignCorners: boolean) => ({ half_pixel_centers: tfAttr.b(halfPixel), align_corners: tfAttr.b(alignCorners) });

interface Case {
  readonly label: string;
  readonly inputs: Readonly<Record<string, TfTestTensor>>;
  readonly consts?: Readonly<Record<string, TfTestTensor>>;
  readonly nodes: TfTestGraph['nodes'];
  readonly outputs?: readonly string[];
  /** ONNX ops that must not appear (folded or layout-free). */
  readonly absentOps?: readonly string[];
}

const x4 = randomTensor([1, 5, 7, 3], 1);
const cases: Case[] = [
  ...[
    ['ResizeBilinear half_pixel up', true, false, [10, 14]],
    ['ResizeBilinear half_pixel down', true, false, [3, 4]],
    ['ResizeBilinear align_corners', false, true, [9, 11]],
    ['ResizeBilinear asymmetric', false, false, [8, 9]],
    ['ResizeNearestNeighbor half_pixel', true, false, [9, 12]],
    ['ResizeNearestNeighbor align_corners', false, true, [9, 12]],
    ['ResizeNearestNeighbor asymmetric', false, false, [3, 5]],
  ].map(([label, hp, ac, size]): Case => ({
    label: `${label as string} (input stored NCHW after a conv)`,
    inputs: { x: x4 },
    consts: { w: randomTensor([1, 1, 3, 3], 2), size: intTensor(size as number[]) },
    nodes: [
      { name: 'c', op: 'Conv2D', inputs: ['x', 'w'], attr: conv1x1 },
      { name: 'y', op: (label as string).split(' ')[0]!, inputs: ['c', 'size'], attr: resizeAttr(hp as boolean, ac as boolean) },
    ],
  })),
  {
    label: 'Pad, MirrorPad REFLECT',
    inputs: { x: x4 },
    consts: { p: intTensor([0, 0, 1, 2, 2, 1, 0, 0], [4, 2]) },
    nodes: [
      { name: 'a', op: 'Pad', inputs: ['x', 'p'] },
      { name: 'y', op: 'MirrorPad', inputs: ['a', 'p'], attr: { mode: tfAttr.s('REFLECT') } },
    ],
  },
  {
    label: 'ConcatV2 of NCHW-stored tensors on the channel axis, with a constant',
    inputs: { x: x4 },
    consts: { w: randomTensor([1, 1, 3, 2], 3), k: randomTensor([1, 5, 7, 1], 4), axis: intTensor([-1], []) },
    nodes: [
      { name: 'c', op: 'Conv2D', inputs: ['x', 'w'], attr: conv1x1 },
      { name: 'r', op: 'Relu', inputs: ['c'] },
      { name: 'y', op: 'ConcatV2', inputs: ['c', 'r', 'k', 'axis'], attr: { N: tfAttr.i(3) } },
    ],
  },
  {
    label: 'SplitV with -1 and Split on a stored layout',
    inputs: { x: x4 },
    consts: { w: randomTensor([1, 1, 3, 6], 5), sizes: intTensor([2, -1]), axis: intTensor([3], []) },
    nodes: [
      { name: 'c', op: 'Conv2D', inputs: ['x', 'w'], attr: conv1x1 },
      { name: 's', op: 'SplitV', inputs: ['c', 'sizes', 'axis'], attr: { num_split: tfAttr.i(2) } },
      { name: 'y', op: 'Sigmoid', inputs: ['s:1'] },
      { name: 'z', op: 'Split', inputs: ['axis', 'c'], attr: { num_split: tfAttr.i(3) } },
    ],
    outputs: ['y', 's', 'z:2'],
  },
  {
    label: 'Reshape, Transpose, ExpandDims, Squeeze',
    inputs: { x: x4 },
    consts: { shape: intTensor([1, -1, 3]), perm: intTensor([0, 2, 1]), dim: intTensor([-1], []) },
    nodes: [
      { name: 'r', op: 'Reshape', inputs: ['x', 'shape'] },
      { name: 't', op: 'Transpose', inputs: ['r', 'perm'] },
      { name: 'e', op: 'ExpandDims', inputs: ['t', 'dim'] },
      { name: 'y', op: 'Squeeze', inputs: ['e'], attr: { squeeze_dims: tfAttr.ints([0, 3]) } },
    ],
  },
  {
    label: 'Pack and Unpack',
    inputs: { x: randomTensor([4, 3], 6) },
    nodes: [
      { name: 'u', op: 'Unpack', inputs: ['x'], attr: { num: tfAttr.i(3), axis: tfAttr.i(1) } },
      { name: 'y', op: 'Pack', inputs: ['u:2', 'u', 'u:1'], attr: { N: tfAttr.i(3), axis: tfAttr.i(0) } },
    ],
  },
  {
    label: 'ArgMax, GatherNd, GatherV2 (int32 indices)',
    inputs: { x: randomTensor([1, 6, 4], 7) },
    consts: { dim: intTensor([1], []), nd: intTensor([0, 2, 1, 0, 5, 3], [2, 3]), idx: intTensor([3, 0, 2]), axis: intTensor([1], []) },
    nodes: [
      { name: 'a', op: 'ArgMax', inputs: ['x', 'dim'], attr: { output_type: tfAttr.type('DT_INT32') } },
      { name: 'g', op: 'GatherNd', inputs: ['x', 'nd'] },
      { name: 'y', op: 'GatherV2', inputs: ['x', 'idx', 'axis'], attr: { batch_dims: tfAttr.i(0) } },
    ],
    outputs: ['a', 'g', 'y'],
  },
  {
    label: 'FloorDiv on negative ints, Cast, FloorDiv on floats',
    inputs: { n: intTensor([-7, -6, -1, 0, 5, 7]), f: randomTensor([6], 8, 10) },
    consts: { d: intTensor([3]), e: { dtype: 'float32', shape: [], values: [0.75] } },
    nodes: [
      { name: 'q', op: 'FloorDiv', inputs: ['n', 'd'] },
      { name: 'y', op: 'Cast', inputs: ['q'], attr: { SrcT: tfAttr.type('DT_INT32'), DstT: tfAttr.type('DT_FLOAT') } },
      { name: 'z', op: 'FloorDiv', inputs: ['f', 'e'] },
    ],
    outputs: ['q', 'y', 'z'],
  },
  {
    label: 'binary ops: lower-rank graph tensor against an NCHW-stored tensor',
    inputs: { x: x4, v: randomTensor([3], 9) },
    consts: { w: randomTensor([1, 1, 3, 3], 10), k: { dtype: 'float32', shape: [], values: [0.5] } },
    nodes: [
      { name: 'c', op: 'Conv2D', inputs: ['x', 'w'], attr: conv1x1 },
      { name: 's', op: 'SquaredDifference', inputs: ['c', 'v'] },
      { name: 'm', op: 'Maximum', inputs: ['s', 'k'] },
      { name: 'r', op: 'Rsqrt', inputs: ['m'] },
      { name: 'd', op: 'RealDiv', inputs: ['r', 'v'] },
      { name: 'y', op: 'Sub', inputs: ['d', 'c'] },
    ],
  },
  {
    label: 'shape arithmetic is folded to constants',
    inputs: { x: x4 },
    consts: { zeros: intTensor([0, 0, 0, 0]), two: intTensor([1, 1, 1, 2]), shape2: intTensor([1, -1]) },
    nodes: [
      { name: 's', op: 'Shape', inputs: ['x'] },
      { name: 'a', op: 'AddV2', inputs: ['s', 'zeros'] },
      { name: 'r', op: 'Reshape', inputs: ['x', 'a'] },
      { name: 'y', op: 'Reshape', inputs: ['r', 'shape2'] },
    ],
    absentOps: ['Shape', 'Add', 'Transpose'],
  },
];

describe('resize / shape / index / element-wise ops agree with TF.js', () => {
  it.each(cases)('$label', async (c) => {
    const placeholders = Object.entries(c.inputs).map(([name, t]) => ({ name, dtype: t.dtype, shape: t.shape }));
    const graph = buildTfGraph({ placeholders, consts: c.consts ?? {}, nodes: c.nodes });
    const feeds = Object.fromEntries(Object.entries(c.inputs).map(([name, t]) => [name, asHost(t)]));
    const outputs = c.outputs ?? ['y'];
    const result = await compareWithTfjs(graph.json, graph.shards, feeds, { outputs });
    for (const o of result.outputs) {
      expect(o.onnxShape, o.name).toEqual(o.tfjsShape);
      expect(o.maxAbs, o.name).toBeGreaterThan(0.01);
      expect(o.maxAbsDiff, o.name).toBeLessThan(TOLERANCE);
    }
    for (const op of c.absentOps ?? []) expect(result.onnxOps[op], op).toBeUndefined();
  });
});
