import { describe, expect, it } from 'vitest';
import { attr, floatTensor, int64Tensor, node } from './builder.ts';
import { graphDifference } from './diff.ts';
import type { GraphSpec } from './types.ts';

function graph(shape: number[], scale = 2, weights = [1, 2]): GraphSpec {
  return {
    inputs: [{ name: 'x', dtype: 'float32', shape: [1, 2, 8, 8] }],
    outputs: [{ name: 'y', dtype: 'float32' }],
    initializers: [floatTensor('w', [2], weights), int64Tensor('shape', shape)],
    nodes: [
      node('Mul', ['x', 'w'], ['m']),
      node('Reshape', ['m', 'shape'], ['r']),
      node('LeakyRelu', ['r'], ['y'], { alpha: attr.float(scale) }),
    ],
  };
}

describe('graphDifference', () => {
  const cases: [string, GraphSpec, string | undefined][] = [
    ['the same graph (graph inputs are not compared)', { ...graph([1, 2, -1]), inputs: [{ name: 'x', dtype: 'float32', shape: [1, 2, 'h', 'w'] }] }, undefined],
    ['a size in a reshape target', graph([1, 2, 64]), 'initializer shape: values [1,2,-1] vs [1,2,64]'],
    ['a weight', graph([1, 2, -1], 2, [1, 3]), 'initializer w: values [1,2] vs [1,3]'],
    ['an attribute', graph([1, 2, -1], 3), 'node y (LeakyRelu): attribute alpha'],
    ['a missing node', { ...graph([1, 2, -1]), nodes: graph([1, 2, -1]).nodes.slice(1) }, '3 nodes vs 2'],
  ];
  it.each(cases)('%s', (_label, other, expected) => {
    expect(graphDifference(graph([1, 2, -1]), other)).toBe(expected);
  });
});
