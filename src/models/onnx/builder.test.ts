import { describe, expect, it } from 'vitest';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { attr, buildModel, floatTensor, int64Tensor, node, tensor, validateGraph } from './builder.ts';
import type { GraphSpec } from './types.ts';

async function run(bytes: Uint8Array, feeds: Record<string, Tensor>): Promise<InferenceSession.OnnxValueMapType> {
  const session = await InferenceSession.create(bytes);
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

describe('buildModel + onnxruntime round trip', () => {
  it('runs a graph using every attribute kind the converter emits', async () => {
    // y = LeakyRelu(Transpose(x) * w + c, 0.5), then concatenated with a Constant along the last axis.
    const bytes = buildModel({
      inputs: [{ name: 'x', dtype: 'float32', shape: ['batch', 2, 3] }],
      outputs: [
        { name: 'y', dtype: 'float32', shape: ['batch', 3, 3] },
        { name: 'shape', dtype: 'int64', shape: [3] },
      ],
      initializers: [floatTensor('w', [2], [2, -1]), floatTensor('c', [], [-3])],
      nodes: [
        node('Transpose', ['x'], ['xt'], { perm: attr.ints([0, 2, 1]) }),
        node('Mul', ['xt', 'w'], ['m']),
        node('Add', ['m', 'c'], ['a']),
        node('LeakyRelu', ['a'], ['l'], { alpha: attr.float(0.5) }),
        node('Constant', [], ['k'], { value: attr.tensor(floatTensor('kv', [1, 3, 1], [7, 8, 9])) }),
        node('Concat', ['l', 'k'], ['y'], { axis: attr.int(-1) }),
        node('Shape', ['y'], ['shape']),
      ],
      metadata: { source: 'test' },
    });
    const x = new Tensor('float32', Float32Array.from([1, 2, 3, 4, 5, 6]), [1, 2, 3]);
    const out = await run(bytes, { x });
    // xt = [[1,4],[2,5],[3,6]]; m = [[2,-4],[4,-5],[6,-6]]; a = m - 3; leaky(0.5)
    const expected = [-0.5, -3.5, 7, 1, -4, 8, 3, -4.5, 9];
    expect(Array.from(out.y!.data as Float32Array)).toEqual(expected);
    expect(out.y!.dims).toEqual([1, 3, 3]);
    expect(Array.from(out.shape!.data as BigInt64Array)).toEqual([1n, 3n, 3n]);
  });

  it('encodes int64 initializers, float and string attributes (Resize, Reshape)', async () => {
    const bytes = buildModel({
      inputs: [{ name: 'x', dtype: 'float32', shape: [1, 1, 2, 2] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: [1, 16] }],
      initializers: [int64Tensor('sizes', [1, 1, 4, 4]), int64Tensor('flat', [1, -1])],
      nodes: [
        node('Resize', ['x', '', '', 'sizes'], ['r'], {
          mode: attr.string('nearest'),
          coordinate_transformation_mode: attr.string('asymmetric'),
          nearest_mode: attr.string('floor'),
        }),
        node('Reshape', ['r', 'flat'], ['y']),
      ],
    });
    const x = new Tensor('float32', Float32Array.from([1, 2, 3, 4]), [1, 1, 2, 2]);
    const out = await run(bytes, { x });
    expect(Array.from(out.y!.data as Float32Array)).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
  });

  it('encodes int32 and uint8 tensors and a Cast with an int attribute', async () => {
    const bytes = buildModel({
      inputs: [{ name: 'x', dtype: 'int32', shape: [3] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: [3] }],
      initializers: [tensor('b', 'uint8', [3], Uint8Array.from([10, 20, 255]))],
      nodes: [
        node('Cast', ['b'], ['bi'], { to: attr.int(6) }),
        node('Add', ['x', 'bi'], ['s']),
        node('Cast', ['s'], ['y'], { to: attr.int(1) }),
      ],
    });
    const out = await run(bytes, { x: new Tensor('int32', Int32Array.from([-5, 0, 1]), [3]) });
    expect(Array.from(out.y!.data as Float32Array)).toEqual([5, 20, 256]);
  });
});

describe('validateGraph', () => {
  const base: GraphSpec = {
    inputs: [{ name: 'x', dtype: 'float32' }],
    outputs: [{ name: 'y', dtype: 'float32' }],
    nodes: [node('Relu', ['x'], ['y'])],
  };
  const cases: [string, GraphSpec, string | null][] = [
    ['valid graph', base, null],
    ['undefined input', { ...base, nodes: [node('Add', ['x', 'z'], ['y'])] }, 'input "z" is not defined'],
    [
      'use before definition',
      { ...base, nodes: [node('Relu', ['t'], ['y']), node('Relu', ['x'], ['t'])] },
      'input "t" is not defined before use',
    ],
    ['missing output', { ...base, nodes: [node('Relu', ['x'], ['t'])] }, 'graph output "y" is not produced'],
    [
      'duplicate name',
      { ...base, initializers: [floatTensor('x', [1], [0])] },
      'tensor "x" is defined twice',
    ],
  ];
  it.each(cases)('%s', (_label, graph, problem) => {
    const problems = validateGraph(graph);
    if (problem === null) expect(problems).toEqual([]);
    else expect(problems.join('\n')).toContain(problem);
  });

  it('buildModel refuses an invalid graph', () => {
    expect(() => buildModel({ ...base, nodes: [] })).toThrow(/graph output "y" is not produced/);
  });

  it('rejects data that does not match dims', () => {
    expect(() =>
      buildModel({ ...base, initializers: [floatTensor('w', [2, 2], [1, 2, 3])] }),
    ).toThrow(/3 values for dims \[2, 2\]/);
  });
});
