/**
 * Test support: writes small TF.js graph models (model.json + one weight shard) from a list of
 * nodes, so each op converter can be checked against TF.js on the same graph.
 */
import { concatBytes } from '../onnx/wire.ts';
import type { RawGraphModelJson } from './tfjs-reference.ts';

export type TfAttr = Record<string, unknown>;

/** TF attribute encodings as model.json writes them. */
export const tfAttr = {
  s: (v: string): TfAttr => ({ s: Buffer.from(v).toString('base64') }),
  i: (v: number): TfAttr => ({ i: String(v) }),
  f: (v: number): TfAttr => ({ f: v }),
  b: (v: boolean): TfAttr => ({ b: v }),
  type: (v: 'DT_FLOAT' | 'DT_INT32' | 'DT_BOOL'): TfAttr => ({ type: v }),
  ints: (v: readonly number[]): TfAttr => ({ list: { i: v.map(String) } }),
  strings: (v: readonly string[]): TfAttr => ({ list: { s: v.map((x) => Buffer.from(x).toString('base64')) } }),
};

export interface TfTestTensor {
  readonly dtype: 'float32' | 'int32';
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

export interface TfTestNode {
  readonly name: string;
  readonly op: string;
  readonly inputs?: readonly string[];
  readonly attr?: Readonly<Record<string, TfAttr>>;
}

export interface TfTestGraph {
  readonly placeholders: readonly { readonly name: string; readonly dtype: 'float32' | 'int32'; readonly shape: readonly number[] }[];
  readonly consts?: Readonly<Record<string, TfTestTensor>>;
  readonly nodes: readonly TfTestNode[];
}

const DT = { float32: 'DT_FLOAT', int32: 'DT_INT32' } as const;

function dims(shape: readonly number[]): { dim: { size: string }[] } {
  return { dim: shape.map((d) => ({ size: String(d) })) };
}

function constBytes(t: TfTestTensor): Uint8Array {
  const arr = t.dtype === 'float32' ? Float32Array.from(t.values) : Int32Array.from(t.values);
  return new Uint8Array(arr.buffer);
}

export function buildTfGraph(g: TfTestGraph): { json: RawGraphModelJson; shards: Uint8Array[] } {
  const consts = Object.entries(g.consts ?? {});
  const nodes = [
    ...g.placeholders.map((p) => ({
      name: p.name,
      op: 'Placeholder',
      attr: { dtype: tfAttr.type(DT[p.dtype]), shape: { shape: dims(p.shape) } },
    })),
    ...consts.map(([name, t]) => ({
      name,
      op: 'Const',
      attr: { dtype: tfAttr.type(DT[t.dtype]), value: { tensor: { dtype: DT[t.dtype], tensorShape: dims(t.shape) } } },
    })),
    ...g.nodes.map((n) => ({ name: n.name, op: n.op, input: [...(n.inputs ?? [])], attr: { ...n.attr } })),
  ];
  const json: RawGraphModelJson = {
    format: 'graph-model',
    generatedBy: 'vigie-test',
    convertedBy: null,
    modelTopology: { node: nodes, library: {}, versions: {} },
    weightsManifest: [
      { paths: ['test.bin'], weights: consts.map(([name, t]) => ({ name, shape: [...t.shape], dtype: t.dtype })) },
    ],
  };
  return { json, shards: [concatBytes(consts.map(([, t]) => constBytes(t)))] };
}

/** Deterministic pseudo-random values in [-1, 1) (a small LCG), so test tensors are reproducible. */
export function seededValues(count: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: count }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

export function randomTensor(shape: readonly number[], seed: number, scale = 1): TfTestTensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return { dtype: 'float32', shape, values: seededValues(n, seed).map((v) => v * scale) };
}

export function intTensor(values: readonly number[], shape: readonly number[] = [values.length]): TfTestTensor {
  return { dtype: 'int32', shape, values };
}
