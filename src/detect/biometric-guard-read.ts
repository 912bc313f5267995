/**
 * Reads what the biometric guard needs from an ONNX file without running it: the producer, the
 * graph's name, the free metadata and the declared outputs (name, element type, shape). A small
 * protobuf reader over the ModelProto fields of onnx/onnx.proto; node bodies and weights are
 * skipped by their length, never decoded.
 */
import { VigieError } from '../core/errors.ts';

export interface OutputInfo {
  readonly name: string;
  /** ONNX TensorProto.DataType: 1 float32, 10 float16, 11 float64...; 0 when not a tensor. */
  readonly elemType: number;
  /** Numbers are fixed sizes, strings symbolic dimensions, null unknown; undefined: unknown rank. */
  readonly shape?: readonly (number | string | null)[];
}

export interface ModelHeader {
  readonly producer: string;
  readonly domain: string;
  readonly doc: string;
  readonly graphName: string;
  readonly graphDoc: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly outputs: readonly OutputInfo[];
}

interface Field {
  readonly num: number;
  /** Varint value (wire type 0). */
  readonly int: number;
  /** Body of a length-delimited field (wire type 2). */
  readonly bytes?: Uint8Array;
}

const fail = (what: string): never => {
  throw new VigieError('MODEL_INVALID', `not an ONNX model (${what})`);
};

function readVarint(buf: Uint8Array, at: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = at; i < buf.length && i < at + 10; i++) {
    const b = buf[i] ?? 0;
    value += (b & 0x7f) * scale;
    scale *= 128;
    if (b < 0x80) return [value, i + 1];
  }
  return fail('truncated varint');
}

/** The fields of one message, in order. */
function* fields(buf: Uint8Array): Generator<Field> {
  let at = 0;
  while (at < buf.length) {
    const [key, next] = readVarint(buf, at);
    at = next;
    const num = Math.floor(key / 8);
    switch (key % 8) {
      case 0: {
        const [int, after] = readVarint(buf, at);
        at = after;
        yield { num, int };
        break;
      }
      case 1:
        at += 8;
        break;
      case 2: {
        const [len, after] = readVarint(buf, at);
        if (after + len > buf.length) fail(`field ${num} runs past the end`);
        yield { num, int: 0, bytes: buf.subarray(after, after + len) };
        at = after + len;
        break;
      }
      case 5:
        at += 4;
        break;
      default:
        fail(`wire type ${key % 8}`);
    }
  }
}

const text = (bytes: Uint8Array | undefined): string => (bytes ? new TextDecoder().decode(bytes) : '');

function readDim(buf: Uint8Array): number | string | null {
  let dim: number | string | null = null;
  for (const f of fields(buf)) {
    if (f.num === 1 && f.bytes === undefined) dim = f.int < 2 ** 31 ? f.int : null; // negative int64: unknown
    if (f.num === 2 && f.bytes) dim = text(f.bytes);
  }
  return dim;
}

function readTensorType(buf: Uint8Array): { elemType: number; shape?: (number | string | null)[] } {
  let elemType = 0;
  let shape: (number | string | null)[] | undefined;
  for (const f of fields(buf)) {
    if (f.num === 1 && f.bytes === undefined) elemType = f.int;
    if (f.num === 2 && f.bytes) shape = [...fields(f.bytes)].filter((d) => d.num === 1 && d.bytes).map((d) => readDim(d.bytes ?? new Uint8Array()));
  }
  return shape ? { elemType, shape } : { elemType };
}

function readValueInfo(buf: Uint8Array): OutputInfo {
  let name = '';
  let type: { elemType: number; shape?: (number | string | null)[] } = { elemType: 0 };
  for (const f of fields(buf)) {
    if (f.num === 1) name = text(f.bytes);
    if (f.num === 2 && f.bytes) {
      const tensor = [...fields(f.bytes)].find((t) => t.num === 1 && t.bytes);
      if (tensor?.bytes) type = readTensorType(tensor.bytes);
    }
  }
  return { name, ...type };
}

function readGraph(buf: Uint8Array): Pick<ModelHeader, 'graphName' | 'graphDoc' | 'outputs'> {
  let graphName = '';
  let graphDoc = '';
  const outputs: OutputInfo[] = [];
  for (const f of fields(buf)) {
    if (f.num === 2) graphName = text(f.bytes);
    if (f.num === 10) graphDoc = text(f.bytes);
    if (f.num === 12 && f.bytes) outputs.push(readValueInfo(f.bytes));
  }
  return { graphName, graphDoc, outputs };
}

/** The header of an ONNX ModelProto; throws MODEL_INVALID when the bytes are not one. */
export function readModelHeader(bytes: Uint8Array): ModelHeader {
  let producer = '';
  let domain = '';
  let doc = '';
  let graph: Pick<ModelHeader, 'graphName' | 'graphDoc' | 'outputs'> | undefined;
  const metadata: Record<string, string> = {};
  for (const f of fields(bytes)) {
    if (f.num === 2) producer = text(f.bytes);
    else if (f.num === 4) domain = text(f.bytes);
    else if (f.num === 6) doc = text(f.bytes);
    else if (f.num === 7 && f.bytes) graph = readGraph(f.bytes);
    else if (f.num === 14 && f.bytes) {
      const entry = [...fields(f.bytes)];
      metadata[text(entry.find((e) => e.num === 1)?.bytes)] = text(entry.find((e) => e.num === 2)?.bytes);
    }
  }
  if (!graph) return fail('no graph');
  return { producer, domain, doc, metadata, ...graph };
}
