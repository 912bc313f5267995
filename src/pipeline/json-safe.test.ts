import { describe, expect, it } from 'vitest';
import { toJsonSafe } from './json-safe.ts';

describe('toJsonSafe', () => {
  it.each([
    ['a number, rounded', 0.123456789, 0.1235],
    ['a non-finite number, as text', Number.POSITIVE_INFINITY, 'Infinity'],
    ['a map keyed by track id', new Map([[3, { phase: 'down' }]]), { 3: { phase: 'down' } }],
    ['a typed array, summarised', new Float32Array(10), '[Float32Array of 40 bytes]'],
    ['a set', new Set(['a', 'b']), ['a', 'b']],
    ['an object without its undefined fields', { a: 1, b: undefined }, { a: 1 }],
    ['undefined', undefined, null],
  ])('%s', (_what, value, expected) => {
    expect(toJsonSafe(value)).toEqual(expected);
  });

  it('cuts long arrays and deep nesting', () => {
    const long = toJsonSafe(Array.from({ length: 70 }, (_, i) => i));
    expect(long).toHaveLength(65);
    expect((long as unknown[])[64]).toBe('[+6 more]');
    const deep = toJsonSafe({ a: { b: { c: 1 } } }, { maxItems: 64, maxDepth: 2, decimals: 4 });
    expect(deep).toEqual({ a: { b: '[nested]' } });
  });
});
