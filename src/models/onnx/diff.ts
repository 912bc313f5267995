/**
 * The first difference between two graphs' nodes and initializers (inputs, outputs and names of
 * the graphs are not compared), in words, or undefined when they are the same.
 */
import type { AttributeValue, GraphSpec, NodeSpec, TensorSpec } from './types.ts';

function sameValues(a: ArrayLike<unknown>, b: ArrayLike<unknown>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function sameAttribute(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (!a || !b || a.kind !== b.kind) return a === b;
  if (a.kind === 'tensor' && b.kind === 'tensor') return tensorDifference(a.value, b.value) === undefined;
  if (Array.isArray(a.value) && Array.isArray(b.value)) return sameValues(a.value, b.value);
  return Object.is(a.value, b.value);
}

function nodeDifference(a: NodeSpec, b: NodeSpec): string | undefined {
  const what = `node ${a.name ?? a.outputs[0]} (${a.op})`;
  if (a.op !== b.op || a.domain !== b.domain) return `${what}: op ${b.op}`;
  if (!sameValues(a.inputs, b.inputs) || !sameValues(a.outputs, b.outputs)) return `${what}: inputs or outputs`;
  const keys = new Set([...Object.keys(a.attributes ?? {}), ...Object.keys(b.attributes ?? {})]);
  const differing = [...keys].find((k) => !sameAttribute(a.attributes?.[k], b.attributes?.[k]));
  return differing === undefined ? undefined : `${what}: attribute ${differing}`;
}

function tensorDifference(a: TensorSpec, b: TensorSpec): string | undefined {
  const what = `initializer ${a.name}`;
  if (a.name !== b.name || a.dtype !== b.dtype) return `${what}: name or type`;
  if (!sameValues(a.dims, b.dims)) return `${what}: dims [${a.dims}] vs [${b.dims}]`;
  if (!sameValues(a.data, b.data)) return `${what}: values${a.data.length <= 8 ? ` [${a.data}] vs [${b.data}]` : ''}`;
  return undefined;
}

export function graphDifference(a: GraphSpec, b: GraphSpec): string | undefined {
  if (a.nodes.length !== b.nodes.length) return `${a.nodes.length} nodes vs ${b.nodes.length}`;
  const [ta, tb] = [a.initializers ?? [], b.initializers ?? []];
  if (ta.length !== tb.length) return `${ta.length} initializers vs ${tb.length}`;
  for (let i = 0; i < a.nodes.length; i++) {
    const d = nodeDifference(a.nodes[i]!, b.nodes[i]!);
    if (d) return d;
  }
  for (let i = 0; i < ta.length; i++) {
    const d = tensorDifference(ta[i]!, tb[i]!);
    if (d) return d;
  }
  return undefined;
}
