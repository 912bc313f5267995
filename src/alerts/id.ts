/**
 * Alert ids: ULID layout (26 Crockford base32 characters, 48-bit millisecond time then 80 random
 * bits), so ids sort by creation time as plain strings.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_BYTES = 10;
const MAX_TIME_MS = 2 ** 48 - 1;

export function encodeTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIME_MS) throw new RangeError(`id time out of range: ${ms}`);
  let out = '';
  let t = ms;
  for (let i = 0; i < TIME_CHARS; i++) {
    out = ALPHABET[t % 32]! + out;
    t = Math.floor(t / 32);
  }
  return out;
}

/** 80 bits -> 16 characters, 5 bits each, most significant first. */
export function encodeRandom(bytes: Uint8Array): string {
  if (bytes.length !== RANDOM_BYTES) throw new RangeError(`expected ${RANDOM_BYTES} random bytes, got ${bytes.length}`);
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31]!;
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}

export function newAlertId(nowMs: number, random: (n: number) => Uint8Array = randomBytes): string {
  return encodeTime(Math.trunc(nowMs)) + encodeRandom(random(RANDOM_BYTES));
}

/** The creation time written in an id. */
export function alertIdTimeMs(id: string): number {
  let t = 0;
  for (const ch of id.slice(0, TIME_CHARS)) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new RangeError(`not an alert id: ${id}`);
    t = t * 32 + v;
  }
  return t;
}
