import { describe, expect, it } from 'vitest';
import { decodeWeights, float16ToNumber } from './weights.ts';
import type { GraphModelJson } from './model-json.ts';

describe('float16ToNumber', () => {
  const cases: [number, number][] = [
    [0x0000, 0],
    [0x3c00, 1],
    [0xc000, -2],
    [0x3555, 0.333251953125],
    [0x7bff, 65504],
    [0x0001, 2 ** -24],
    [0x0400, 2 ** -14],
    [0x7c00, Infinity],
    [0xfc00, -Infinity],
  ];
  it.each(cases)('0x%s', (bits, value) => {
    expect(float16ToNumber(bits)).toBe(value);
  });
  it('NaN', () => expect(float16ToNumber(0x7e00)).toBeNaN());
});

function bytes(...parts: ArrayBufferView[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => Array.from(new Uint8Array(p.buffer, p.byteOffset, p.byteLength))));
}

const manifest: GraphModelJson['weightsManifest'] = [
  {
    paths: ['a.bin'],
    weights: [
      { name: 'half', shape: [2], dtype: 'float32', quantization: { dtype: 'float16', original_dtype: 'float32' } },
      { name: 'ints', shape: [3], dtype: 'int32' },
      { name: 'u8', shape: [2], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
      { name: 'flag', shape: [], dtype: 'bool' },
      { name: 'f32', shape: [1, 1], dtype: 'float32' },
    ],
  },
];
const shard = bytes(
  Uint16Array.from([0x3c00, 0xc000]),
  Int32Array.from([7, -8, 2 ** 30]),
  Uint8Array.from([0, 5]),
  Uint8Array.from([1]),
  Float32Array.from([0.1]),
);

describe('decodeWeights', () => {
  it('decodes each dtype and quantisation at its offset (unaligned reads included)', () => {
    const w = decodeWeights(manifest, [shard]);
    expect(Array.from(w.get('half')!.data)).toEqual([1, -2]);
    expect(w.get('ints')).toMatchObject({ dtype: 'int32', shape: [3] });
    expect(Array.from(w.get('ints')!.data)).toEqual([7, -8, 2 ** 30]);
    expect(Array.from(w.get('u8')!.data)).toEqual([-1, 1.5]);
    expect(w.get('flag')).toMatchObject({ dtype: 'bool', shape: [] });
    expect(Array.from(w.get('flag')!.data)).toEqual([1]);
    expect(w.get('f32')!.data[0]).toBeCloseTo(0.1, 7);
  });

  const errors: [string, Uint8Array[], RegExp][] = [
    ['short shard', [shard.subarray(0, 10)], /ends before ints/],
    ['extra bytes', [bytes(shard, Uint8Array.from([0]))], /1 unread bytes/],
    ['missing group', [], /weights group 0 .* is missing/],
  ];
  it.each(errors)('%s', (_label, shards, message) => {
    expect(() => decodeWeights(manifest, shards)).toThrow(message);
  });
});
