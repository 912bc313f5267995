import { describe, expect, it } from 'vitest';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { attr, buildModel, floatTensor, int64Tensor, node } from './builder.ts';
import { fusePads, inlineOutputIdentities, pruneUnused } from './passes.ts';
import type { GraphSpec } from './types.ts';

async function run(g: GraphSpec, x: Float32Array): Promise<Float32Array> {
  const session = await InferenceSession.create(buildModel(g));
  try {
    const out = await session.run({ x: new Tensor('float32', x, [1, 1, 4, 4]) });
    return out.y!.data as Float32Array;
  } finally {
    await session.release();
  }
}

function padThen(op: 'Conv' | 'MaxPool', pads: number[], value?: number, extraReader = false): GraphSpec {
  return {
    inputs: [{ name: 'x', dtype: 'float32', shape: [1, 1, 4, 4] }],
    outputs: [{ name: 'y', dtype: 'float32' }, ...(extraReader ? [{ name: 'r', dtype: 'float32' as const }] : [])],
    initializers: [
      int64Tensor('pads', pads),
      floatTensor('w', [1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]),
      ...(value === undefined ? [] : [floatTensor('v', [], [value])]),
    ],
    nodes: [
      node('Pad', value === undefined ? ['x', 'pads'] : ['x', 'pads', 'v'], ['p'], { mode: attr.string('constant') }),
      node(op, op === 'Conv' ? ['p', 'w'] : ['p'], ['y'], { kernel_shape: attr.ints([3, 3]), pads: attr.ints([1, 0, 0, 1]) }),
      ...(extraReader ? [node('Relu', ['p'], ['r'])] : []),
    ],
  };
}

describe('fusePads', () => {
  const x = Float32Array.from({ length: 16 }, (_, i) => i - 5);
  const cases: [string, GraphSpec, boolean][] = [
    ['zero spatial pads fuse into Conv', padThen('Conv', [0, 0, 1, 2, 0, 0, 2, 1]), true],
    ['explicit zero value fuses into Conv', padThen('Conv', [0, 0, 1, 0, 0, 0, 0, 1], 0), true],
    ['non-zero value stays before Conv', padThen('Conv', [0, 0, 1, 1, 0, 0, 1, 1], -1), false],
    ['negative pads (a crop) stay', padThen('Conv', [0, 0, -1, 0, 0, 0, 0, 1]), false],
    ['Pad read by another op stays', padThen('Conv', [0, 0, 1, 1, 0, 0, 1, 1], undefined, true), false],
    ['-Infinity pads fuse into MaxPool', padThen('MaxPool', [0, 0, 1, 1, 0, 0, 1, 0], -Infinity), true],
    ['-Infinity pads as large as the kernel stay', padThen('MaxPool', [0, 0, 1, 1, 0, 0, 1, 2], -Infinity), false],
    ['zero pads stay before MaxPool (inputs may be negative)', padThen('MaxPool', [0, 0, 1, 1, 0, 0, 1, 1]), false],
  ];
  it.each(cases)('%s, same numbers', async (_label, g, fused) => {
    const after = fusePads(g);
    expect(after.nodes.some((n) => n.op === 'Pad')).toBe(!fused);
    expect(Array.from(await run(after, x))).toEqual(Array.from(await run(g, x)));
  });
});

describe('inlineOutputIdentities + pruneUnused', () => {
  it('renames the producer of an output and drops dead nodes and initializers', () => {
    const g: GraphSpec = {
      inputs: [{ name: 'x', dtype: 'float32' }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      initializers: [floatTensor('unused', [1], [0]), floatTensor('k', [1], [2])],
      nodes: [
        node('Mul', ['x', 'k'], ['m']),
        node('Relu', ['x'], ['dead']),
        node('Sigmoid', ['dead'], ['dead2']),
        node('Identity', ['m'], ['y']),
      ],
    };
    const out = pruneUnused(inlineOutputIdentities(g));
    expect(out.nodes).toEqual([{ op: 'Mul', inputs: ['x', 'k'], outputs: ['y'] }]);
    expect(out.initializers!.map((t) => t.name)).toEqual(['k']);
  });

  it('keeps an Identity whose source is also read elsewhere', () => {
    const g: GraphSpec = {
      inputs: [{ name: 'x', dtype: 'float32' }],
      outputs: [{ name: 'y', dtype: 'float32' }, { name: 'z', dtype: 'float32' }],
      nodes: [node('Relu', ['x'], ['r']), node('Identity', ['r'], ['y']), node('Neg', ['r'], ['z'])],
    };
    expect(inlineOutputIdentities(g).nodes).toHaveLength(3);
  });
});
