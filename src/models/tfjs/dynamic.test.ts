import { describe, expect, it } from 'vitest';
import type { TfNode } from './graph.ts';
import { dimExpression, dynamicReshapeTarget, probeInputShapes, reshapeRuns, symbolicInputs } from './dynamic.ts';

const node: TfNode = { name: 'r', op: 'Reshape', inputs: [], attr: {} };

describe('reshapeRuns', () => {
  const cases: [string, number[], number[], [number[], number[]][]][] = [
    ['nanodet head flatten', [1, 80, 52, 52], [1, 80, 2704], [[[0], [0]], [[1], [1]], [[2, 3], [2]]]],
    ['split one axis', [24], [2, 3, 4], [[[0], [0, 1, 2]]]],
    ['merge then keep', [2, 3, 4], [6, 4], [[[0, 1], [0]], [[2], [1]]]],
    ['trailing size-1 axis', [52, 52, 1], [2704], [[[0, 1], [0]], [[2], []]]],
    ['NHWC flatten', [1, 52, 52, 80], [1, 2704, 80], [[[0], [0]], [[1, 2], [1]], [[3], [2]]]],
  ];
  it.each(cases)('%s', (_label, from, to, runs) => {
    expect(reshapeRuns(from, to).map((r) => [r.from, r.to])).toEqual(runs);
  });
});

describe('dynamicReshapeTarget', () => {
  const F = false;
  const T = true;
  const cases: [string, number[], number[], boolean[], number[] | RegExp][] = [
    ['nanodet: cells become -1', [1, 80, 52, 52], [1, 80, 2704], [F, F, T, T], [1, 80, -1]],
    ['NHWC flatten', [1, 52, 52, 80], [1, 2704, 80], [F, T, T, F], [1, -1, 80]],
    ['nothing grows: the target stays', [1, 80, 4, 4], [1, 80, 16], [F, F, F, F], [1, 80, 16]],
    ['size-1 entries never take the -1', [1, 52, 52, 1], [1, 2704, 1], [F, T, T, F], [1, -1, 1]],
    ['H and W land in two entries', [1, 52, 52, 80], [1, 52, 4160], [F, T, T, F], /2 entries of target \[1,52,4160\]/],
    ['one growing axis split in two', [1, 2704, 80], [1, 52, 52, 80], [F, T, F], /entries \[1,2\] of target/],
  ];
  it.each(cases)('%s', (_label, fromRef, targetRef, growing, expected) => {
    const run = () => dynamicReshapeTarget(node, fromRef, targetRef, growing);
    if (expected instanceof RegExp) expect(run).toThrow(expected);
    else expect(run()).toEqual(expected);
  });
});

describe('dimExpression', () => {
  // Sizes at the reference (416 x 416) and the two probes (448 x 480, 480 x 448).
  const axes = [
    { name: 'height', sizes: [416, 448, 480] },
    { name: 'width', sizes: [416, 480, 448] },
  ];
  const cases: [string, number[], string | undefined][] = [
    ['stride-8 cells', [2704, 3360, 3360], 'height*width/64'],
    ['stride-32 cells', [169, 210, 210], 'height*width/1024'],
    ['a height', [52, 56, 60], 'height/8'],
    ['a width', [416, 480, 448], 'width'],
    ['an upsampled width', [832, 960, 896], 'width*2'],
    ['no product of the axes', [100, 101, 102], undefined],
  ];
  it.each(cases)('%s', (_label, sizes, expected) => {
    expect(dimExpression(sizes, axes)).toBe(expected);
  });
});

describe('probe and symbolic inputs', () => {
  const inputs = [{ name: 'input_1', dtype: 'float32' as const, shape: [1, 3, 416, 416] }];
  const dynamic = { axes: { input_1: { 2: 'height', 3: 'width' } }, multiple: 32 };

  it('grows every dynamic axis in both probes, never alike', () => {
    expect(probeInputShapes(inputs, dynamic)).toEqual([{ input_1: [1, 3, 448, 480] }, { input_1: [1, 3, 480, 448] }]);
  });

  it('names the dynamic axes of the graph input', () => {
    expect(symbolicInputs(inputs, dynamic)).toEqual([{ name: 'input_1', dtype: 'float32', shape: [1, 3, 'height', 'width'] }]);
  });

  it('refuses an axis that is not there', () => {
    expect(() => probeInputShapes(inputs, { axes: { input_1: { 4: 'depth' } }, multiple: 32 })).toThrow(/input_1\[4\] is not an axis/);
    expect(() => probeInputShapes(inputs, { axes: { image: { 1: 'h' } }, multiple: 32 })).toThrow(/image\[1\]/);
  });
});
