/**
 * Dynamic-axes conversion on small TF graphs exported at one size (like NanoDet: constant resize
 * sizes and reshape targets): the dynamic model run at another size must equal the same graph
 * exported, and converted statically, at that size; graphs with other size constants are refused.
 */
import { describe, expect, it } from 'vitest';
import { runOnnx, maxAbsDiff } from '../testing/compare.ts';
import { buildTfGraph, intTensor, randomTensor, tfAttr } from '../testing/tf-graph.ts';
import type { TfTestGraph, TfTestNode, TfTestTensor } from '../testing/tf-graph.ts';
import { convertGraphModel } from './convert.ts';
import type { ConvertOptions } from './convert.ts';
import type { DynamicAxes } from './dynamic.ts';
import { parseGraphModelJson } from './load.ts';
import { decodeWeights } from './weights.ts';

const conv1x1 = { strides: tfAttr.ints([1, 1, 1, 1]), padding: tfAttr.s('VALID'), data_format: tfAttr.s('NHWC'), dilations: tfAttr.ints([1, 1, 1, 1]) };
const DYNAMIC: DynamicAxes = { axes: { x: { 1: 'height', 2: 'width' } }, multiple: 8 };
const WEIGHTS = randomTensor([1, 1, 3, 3], 2);

function convert(g: TfTestGraph, options: ConvertOptions & { outputs: readonly string[] }) {
  const { json, shards } = buildTfGraph(g);
  const parsed = parseGraphModelJson(JSON.stringify(json), 'test graph');
  return convertGraphModel(parsed, decodeWeights(parsed.weightsManifest, shards), options);
}

/** x [1, h, w, 3] -> 1x1 conv (NCHW storage) -> resize by `ratio` -> reshape to [1, cells, 3] (constants at h x w). */
function headGraph(op: string, ratio: number, h: number, w: number): TfTestGraph {
  const [rh, rw] = [h * ratio, w * ratio];
  return {
    placeholders: [{ name: 'x', dtype: 'float32', shape: [1, h, w, 3] }],
    consts: { w: WEIGHTS, size: intTensor([rh, rw]), shape: intTensor([1, rh * rw, 3]) },
    nodes: [
      { name: 'c', op: 'Conv2D', inputs: ['x', 'w'], attr: conv1x1 },
      { name: 'r', op, inputs: ['c', 'size'], attr: { half_pixel_centers: tfAttr.b(true), align_corners: tfAttr.b(false) } },
      { name: 'y', op: 'Reshape', inputs: ['r', 'shape'] },
    ],
  };
}

const feed = (t: TfTestTensor) => ({ x: { dtype: 'float32' as const, shape: t.shape, data: Float32Array.from(t.values) } });

describe('dynamic axes on a small head (exported at 8 x 8, run at 16 x 24)', () => {
  const cases: [string, string, number, string][] = [
    ['bilinear up x2', 'ResizeBilinear', 2, 'height*width*4'],
    ['bilinear down x0.5', 'ResizeBilinear', 0.5, 'height*width/4'],
    ['nearest up x2', 'ResizeNearestNeighbor', 2, 'height*width*4'],
  ];
  it.each(cases)('%s equals the graph exported at that size', async (_label, op, ratio, cells) => {
    const dynamic = convert(headGraph(op, ratio, 8, 8), { outputs: ['y'], dynamic: DYNAMIC });
    expect(dynamic.inputs[0]!.shape).toEqual([1, 'height', 'width', 3]);
    expect(dynamic.outputs[0]!.shape).toEqual([1, cells, 3]);
    expect(dynamic.examples?.map((e) => e.inputs[0]!.shape)).toEqual([[1, 8, 8, 3], [1, 16, 24, 3], [1, 24, 16, 3]]);
    const x = randomTensor([1, 16, 24, 3], 3);
    const wanted = (await runOnnx(convert(headGraph(op, ratio, 16, 24), { outputs: ['y'] }).bytes, feed(x))).y!;
    const got = (await runOnnx(dynamic.bytes, feed(x))).y!;
    expect(got.dims).toEqual(wanted.dims);
    expect(maxAbsDiff(got.data as Float32Array, wanted.data as Float32Array)).toBeLessThan(1e-6);
  });
});

describe('dynamic axes: constants that embed the size are refused', () => {
  const cases: [string, Record<string, TfTestTensor>, TfTestNode[], RegExp, number?][] = [
    [
      'SplitV along the height with a -1',
      { sizes: intTensor([4, -1]), axis: intTensor([1], []) },
      [{ name: 'y', op: 'SplitV', inputs: ['x', 'sizes', 'axis'], attr: { num_split: tfAttr.i(2) } }],
      /dynamic axes: initializer y\/split: values \[4,12\] vs \[4,20\] changes with the input size/,
    ],
    [
      'SplitV along the height with fixed sizes',
      { sizes: intTensor([4, 4]), axis: intTensor([1], []) },
      [{ name: 'y', op: 'SplitV', inputs: ['x', 'sizes', 'axis'], attr: { num_split: tfAttr.i(2) } }],
      /converting at x \[1,16,24,3\] failed: .*split sizes \[4,4\] do not add up to 16/,
    ],
    [
      'Reshape keeping the height apart from the width',
      { shape: intTensor([1, 8, 24]) },
      [{ name: 'y', op: 'Reshape', inputs: ['x', 'shape'] }],
      /converting at x \[1,16,24,3\] failed: .*2 entries of target \[1,8,24\] depend on the input size/,
    ],
    [
      'a resize ratio that float32 cannot hold (12 -> 5)',
      { size: intTensor([5, 5]) },
      [{ name: 'y', op: 'ResizeBilinear', inputs: ['x', 'size'] }],
      /resize ratio \[1,0\.41\d+,0\.41\d+,1\] \(to 5x5 from \[1,12,12,3\]\) is not exact in float32/,
      12,
    ],
  ];
  it.each(cases)('%s', (_label, consts, nodes, message, size = 8) => {
    const x = { name: 'x', dtype: 'float32' as const, shape: [1, size, size, 3] };
    expect(() => convert({ placeholders: [x], consts, nodes }, { outputs: ['y'], dynamic: DYNAMIC })).toThrow(message);
  });
});
