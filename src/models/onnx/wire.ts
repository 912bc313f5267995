/**
 * Protocol Buffers wire format, encode side only: just what the ONNX messages need.
 * A message is the concatenation of its encoded fields; nested messages are length-delimited.
 * See https://protobuf.dev/programming-guides/encoding/.
 */

const WIRE_VARINT = 0;
const WIRE_FIXED32 = 5;
const WIRE_LEN = 2;

const UINT64_MASK = (1n << 64n) - 1n;

/** Base-128 varint. Negative numbers are written as 64-bit two's complement (10 bytes), as int64 requires. */
export function encodeVarint(value: number | bigint): Uint8Array {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    const out: number[] = [];
    let v = value;
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
    return Uint8Array.from(out);
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`varint needs an integer, got ${value}`);
  }
  let v = BigInt(value) & UINT64_MASK;
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Uint8Array.from(out);
}

function tag(fieldNumber: number, wireType: number): Uint8Array {
  return encodeVarint(fieldNumber * 8 + wireType);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** An int32/int64/enum/bool field. */
export function varintField(fieldNumber: number, value: number | bigint): Uint8Array {
  return concatBytes([tag(fieldNumber, WIRE_VARINT), encodeVarint(value)]);
}

/** A `float` field (fixed32, little-endian). */
export function floatField(fieldNumber: number, value: number): Uint8Array {
  const body = new Uint8Array(4);
  new DataView(body.buffer).setFloat32(0, value, true);
  return concatBytes([tag(fieldNumber, WIRE_FIXED32), body]);
}

/** A `bytes` field, or an already encoded nested message. */
export function bytesField(fieldNumber: number, body: Uint8Array): Uint8Array {
  return concatBytes([tag(fieldNumber, WIRE_LEN), encodeVarint(body.length), body]);
}

export function stringField(fieldNumber: number, value: string): Uint8Array {
  return bytesField(fieldNumber, new TextEncoder().encode(value));
}

/** A nested message: its fields, length-delimited. */
export function messageField(fieldNumber: number, fields: readonly Uint8Array[]): Uint8Array {
  return bytesField(fieldNumber, concatBytes(fields));
}

/** `repeated int64` in packed form. */
export function packedVarintField(fieldNumber: number, values: readonly (number | bigint)[]): Uint8Array {
  return bytesField(fieldNumber, concatBytes(values.map((v) => encodeVarint(v))));
}

/** `repeated float` in packed form. */
export function packedFloatField(fieldNumber: number, values: readonly number[]): Uint8Array {
  const body = new Uint8Array(values.length * 4);
  const view = new DataView(body.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytesField(fieldNumber, body);
}
