import { describe, expect, it } from 'vitest';
import { alertIdTimeMs, encodeRandom, encodeTime, newAlertId } from './id.ts';

describe('alert ids', () => {
  it.each([
    [0, '0000000000'],
    [1, '0000000001'],
    [32, '0000000010'],
    [1_469_918_176_385, '01ARYZ6S41'], // example from the ULID spec
    [2 ** 48 - 1, '7ZZZZZZZZZ'],
  ])('encodeTime(%s) = %s', (ms, s) => {
    expect(encodeTime(ms)).toBe(s);
    expect(alertIdTimeMs(s)).toBe(ms);
  });

  it.each([-1, 1.5, 2 ** 48])('encodeTime refuses %s', (ms) => expect(() => encodeTime(ms)).toThrow(RangeError));

  it.each([
    [new Uint8Array(10), '0000000000000000'],
    [new Uint8Array(10).fill(255), 'ZZZZZZZZZZZZZZZZ'],
    [Uint8Array.from([0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]), '1000000000000000'],
    [Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), '0000000000000001'],
  ])('encodeRandom %#', (bytes, s) => expect(encodeRandom(bytes)).toBe(s));

  it('sorts by creation time as strings and differs within the same millisecond', () => {
    const times = [1_700_000_000_999, 1_700_000_000_000, 1_700_000_001_000, 5];
    const ids = times.map((t) => newAlertId(t));
    expect([...ids].sort().map(alertIdTimeMs)).toEqual([...times].sort((a, b) => a - b));
    expect(ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
    expect(newAlertId(5)).not.toBe(newAlertId(5));
  });
});
