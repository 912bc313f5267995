import { describe, expect, it } from 'vitest';
import { buildModel, node } from './onnx/builder.ts';
import type { ValueInfoSpec } from './onnx/types.ts';
import { verifyModel } from './verify.ts';

/** y = Transpose(x): [n, 4] -> [4, n], n symbolic. */
const model = buildModel({
  name: 'transpose',
  inputs: [{ name: 'x', dtype: 'float32', shape: ['n', 4] }],
  outputs: [{ name: 'y', dtype: 'float32', shape: [4, 'n'] }],
  nodes: [node('Transpose', ['x'], ['y'])],
});

describe('verifyModel with symbolic dims', () => {
  const x = (n: number | string): ValueInfoSpec[] => [{ name: 'x', dtype: 'float32', shape: [n, 4] }];
  const y = (...shape: (number | string)[]): ValueInfoSpec[] => [{ name: 'y', dtype: 'float32', shape }];
  const cases: [string, ValueInfoSpec[], ValueInfoSpec[], RegExp | undefined][] = [
    ['a static example', x(3), y(4, 3), undefined],
    ['a symbolic output dim matches any size', x(3), y(4, 'n'), undefined],
    ['a symbolic input dim runs at 1', x('n'), y(4, 1), undefined],
    ['a wrong fixed dim', x(3), y(4, 2), /output y has shape \[4,3\], expected \[4,2\]/],
    ['a wrong rank', x(3), y(4, 3, 1), /expected \[4,3,1\]/],
  ];
  it.each(cases)('%s', async (_label, inputs, outputs, error) => {
    const check = verifyModel(model, inputs, outputs);
    if (error) await expect(check).rejects.toThrow(error);
    else await expect(check).resolves.toBeGreaterThanOrEqual(0);
  });
});
