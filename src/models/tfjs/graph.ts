/**
 * The TF graph as the converter walks it: nodes by name, inputs as (node, output index) references,
 * attribute getters that decode the JSON encodings (base64 strings, int64 as strings).
 */
import { VigieError } from '../../core/errors.ts';
import type { TfAttrValue, TfNodeDef } from './model-json.ts';

export interface TensorRef {
  readonly node: string;
  readonly index: number;
}

export interface TfNode {
  readonly name: string;
  readonly op: string;
  /** Data inputs only; control dependencies (`^name`) are dropped. */
  readonly inputs: readonly TensorRef[];
  readonly attr: Readonly<Record<string, TfAttrValue>>;
}

/** "conv:1" -> { node: "conv", index: 1 }; "conv" -> index 0. */
export function parseTensorRef(ref: string): TensorRef {
  const m = /^(.*):(\d+)$/.exec(ref);
  return m ? { node: m[1]!, index: Number(m[2]) } : { node: ref, index: 0 };
}

export function refKey(ref: TensorRef): string {
  return ref.index === 0 ? ref.node : `${ref.node}:${ref.index}`;
}

export function toTfNode(def: TfNodeDef): TfNode {
  const inputs = (def.input ?? []).filter((i) => !i.startsWith('^')).map(parseTensorRef);
  return { name: def.name, op: def.op, inputs, attr: def.attr ?? {} };
}

function decodeBase64(s: string): string {
  return Buffer.from(s, 'base64').toString('utf8');
}

function missing(node: TfNode, key: string): VigieError {
  return new VigieError('MODEL_INVALID', `node ${node.name} (${node.op}): attribute ${key} is missing`);
}

export function attrString(node: TfNode, key: string, fallback?: string): string {
  const v = node.attr[key]?.s;
  if (v !== undefined) return decodeBase64(v);
  if (fallback !== undefined) return fallback;
  throw missing(node, key);
}

export function attrInt(node: TfNode, key: string, fallback?: number): number {
  const v = node.attr[key]?.i;
  if (v !== undefined) return Number(v);
  if (fallback !== undefined) return fallback;
  throw missing(node, key);
}

export function attrFloat(node: TfNode, key: string, fallback?: number): number {
  const v = node.attr[key]?.f;
  if (v !== undefined) return v;
  if (fallback !== undefined) return fallback;
  throw missing(node, key);
}

export function attrBool(node: TfNode, key: string, fallback = false): boolean {
  return node.attr[key]?.b ?? fallback;
}

export function attrInts(node: TfNode, key: string, fallback?: readonly number[]): number[] {
  const v = node.attr[key]?.list;
  if (v) return (v.i ?? []).map(Number);
  if (fallback !== undefined) return [...fallback];
  throw missing(node, key);
}

export function attrStrings(node: TfNode, key: string): string[] {
  return (node.attr[key]?.list?.s ?? []).map(decodeBase64);
}

/** A dtype attribute such as `T` or `DstT`, e.g. 'DT_FLOAT'. */
export function attrType(node: TfNode, key: string, fallback?: string): string {
  const v = node.attr[key]?.type;
  if (v !== undefined) return v;
  if (fallback !== undefined) return fallback;
  throw missing(node, key);
}

/** A shape attribute: -1 marks an unknown dimension (a missing size is proto3's default, 0); undefined when the rank is unknown. */
export function attrShape(node: TfNode, key: string): number[] | undefined {
  const shape = node.attr[key]?.shape as { dim?: { size?: string | number }[]; unknownRank?: boolean } | undefined;
  if (!shape || shape.unknownRank) return undefined;
  return (shape.dim ?? []).map((d) => (d.size === undefined ? 0 : Number(d.size)));
}
