import { describe, expect, it } from 'vitest';
import { encodeVarint, floatField, packedVarintField, stringField, varintField } from './wire.ts';

describe('encodeVarint', () => {
  const cases: [number | bigint, number[]][] = [
    [0, [0x00]],
    [1, [0x01]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [300, [0xac, 0x02]],
    [2 ** 32, [0x80, 0x80, 0x80, 0x80, 0x10]],
    [-1, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
    [-2n, [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
  ];
  it.each(cases)('%s', (value, bytes) => {
    expect(Array.from(encodeVarint(value))).toEqual(bytes);
  });

  it('rejects non-integers', () => {
    expect(() => encodeVarint(1.5)).toThrow(RangeError);
  });
});

describe('fields', () => {
  it('writes tag, then value', () => {
    expect(Array.from(varintField(1, 150))).toEqual([0x08, 0x96, 0x01]);
    expect(Array.from(stringField(2, 'testing'))).toEqual([0x12, 0x07, ...Buffer.from('testing')]);
    expect(Array.from(floatField(2, 1))).toEqual([0x15, 0x00, 0x00, 0x80, 0x3f]);
    expect(Array.from(packedVarintField(4, [3, 270, 86942]))).toEqual([
      0x22, 0x06, 0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05,
    ]);
  });
});
