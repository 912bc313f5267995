import { describe, expect, it } from 'vitest';
import { binaryHost, broadcastShapes, hostTensor, transposeHost } from './host-tensor.ts';
import { concatHost, folders } from './fold.ts';
import { toTfNode } from './graph.ts';
import { permAfterTranspose, relayoutPerm } from './layout.ts';

const iota = (shape: number[]) => hostTensor('float32', shape, Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i));
const values = (t: { data: ArrayLike<number> }) => Array.from(t.data);

describe('host tensors', () => {
  it('transposes like numpy', () => {
    const t = transposeHost(iota([2, 3]), [1, 0]);
    expect(t.shape).toEqual([3, 2]);
    expect(values(t)).toEqual([0, 3, 1, 4, 2, 5]);
  });

  const shapes: [number[], number[], number[] | null][] = [
    [[2, 1], [3], [2, 3]],
    [[1, 4, 1], [2, 1, 5], [2, 4, 5]],
    [[], [3], [3]],
    [[2], [3], null],
  ];
  it.each(shapes)('broadcast %j with %j', (a, b, out) => {
    if (out) expect(broadcastShapes(a, b)).toEqual(out);
    else expect(() => broadcastShapes(a, b)).toThrow(/cannot broadcast/);
  });

  it('binary ops broadcast', () => {
    const r = binaryHost(iota([2, 1]), iota([3]), (a, b) => a * 10 + b);
    expect(values(r)).toEqual([0, 1, 2, 10, 11, 12]);
  });

  it('concatenates along an inner axis', () => {
    const r = concatHost([iota([2, 1]), hostTensor('float32', [2, 2], [7, 8, 9, 10])], 1);
    expect(r.shape).toEqual([2, 3]);
    expect(values(r)).toEqual([0, 7, 8, 1, 9, 10]);
  });
});

describe('constant folding', () => {
  const node = (op: string) => toTfNode({ name: 'n', op });
  it('SparseToDense with no indices gives the default (nanodet builds [1,80,-1] this way)', () => {
    const [out] = folders.SparseToDense!(node('SparseToDense'), [
      hostTensor('int32', [0, 1], []),
      hostTensor('int32', [1], [3]),
      hostTensor('int32', [0], []),
      hostTensor('int32', [], [0]),
    ]);
    expect(values(out!)).toEqual([0, 0, 0]);
    const [sum] = folders.AddV2!(node('AddV2'), [hostTensor('int32', [3], [1, 80, -1]), out!]);
    expect(values(sum!)).toEqual([1, 80, -1]);
  });
  it('SparseToDense scatters values', () => {
    const [out] = folders.SparseToDense!(node('SparseToDense'), [
      hostTensor('int32', [2, 2], [0, 1, 1, 0]),
      hostTensor('int32', [2], [2, 2]),
      hostTensor('float32', [2], [5, 6]),
      hostTensor('float32', [], [-1]),
    ]);
    expect(values(out!)).toEqual([-1, 5, 6, -1]);
  });
});

describe('layout algebra', () => {
  const L = iota([2, 3, 4, 5]);
  const perms = [
    [0, 1, 2, 3],
    [0, 3, 1, 2],
    [0, 2, 3, 1],
    [3, 2, 1, 0],
    [1, 0, 3, 2],
  ];
  const pairs = perms.flatMap((p) => perms.map((q) => [p, q] as const));
  it.each(pairs)('stored %j, TF transpose %j', (p, q) => {
    const stored = transposeHost(L, p);
    const after = transposeHost(L, q);
    expect(values(transposeHost(after, permAfterTranspose(p, q)))).toEqual(values(stored));
    expect(values(transposeHost(stored, relayoutPerm(p, q)))).toEqual(values(after));
  });
});
