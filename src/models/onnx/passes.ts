/**
 * Generic clean-ups on a GraphSpec, run by the converter before encoding:
 * - inline Identity nodes that only rename a graph output;
 * - fold constant Pads on the spatial axes into the ops that read them: zero padding into
 *   Conv, -Infinity padding into MaxPool (whose own pads are never the maximum);
 * - drop nodes and initializers that no graph output depends on.
 */
import { attr } from './builder.ts';
import type { GraphSpec, NodeSpec, TensorSpec } from './types.ts';

function consumers(nodes: readonly NodeSpec[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const n of nodes) for (const i of n.inputs) count.set(i, (count.get(i) ?? 0) + 1);
  return count;
}

/** Identity(x) -> y where x comes from a node, feeds nothing else and is not an output: that node writes y. */
export function inlineOutputIdentities(g: GraphSpec): GraphSpec {
  const outputNames = new Set(g.outputs.map((o) => o.name));
  const uses = consumers(g.nodes);
  const renames = new Map<string, string>();
  const dropped = new Set<NodeSpec>();
  const producers = new Set(g.nodes.flatMap((n) => n.outputs));
  for (const n of g.nodes) {
    const source = n.inputs[0];
    if (n.op !== 'Identity' || source === undefined || !outputNames.has(n.outputs[0]!)) continue;
    if (!producers.has(source) || outputNames.has(source) || uses.get(source) !== 1) continue;
    renames.set(source, n.outputs[0]!);
    dropped.add(n);
  }
  const nodes = g.nodes
    .filter((n) => !dropped.has(n))
    .map((n) => (n.outputs.some((o) => renames.has(o)) ? { ...n, outputs: n.outputs.map((o) => renames.get(o) ?? o) } : n));
  return { ...g, nodes };
}

/** Keeps only what the graph outputs depend on. */
export function pruneUnused(g: GraphSpec): GraphSpec {
  const needed = new Set(g.outputs.map((o) => o.name));
  const kept: NodeSpec[] = [];
  for (let i = g.nodes.length - 1; i >= 0; i--) {
    const n = g.nodes[i]!;
    if (!n.outputs.some((o) => needed.has(o))) continue;
    kept.push(n);
    for (const input of n.inputs) needed.add(input);
  }
  const initializers = (g.initializers ?? []).filter((t) => needed.has(t.name));
  return { ...g, nodes: kept.reverse(), initializers };
}

function initializerValues(g: GraphSpec, name: string | undefined): number[] | undefined {
  const t: TensorSpec | undefined = (g.initializers ?? []).find((i) => i.name === name);
  return t ? Array.from(t.data as ArrayLike<number | bigint>, Number) : undefined;
}

/** Spatial [top, left, bottom, right] pads of a 4-D constant Pad that only pads H and W, and its value. */
function spatialPads(g: GraphSpec, pad: NodeSpec): { pads: number[]; value: number } | undefined {
  const mode = pad.attributes?.mode;
  if (mode && (mode.kind !== 'string' || mode.value !== 'constant')) return undefined;
  const pads = initializerValues(g, pad.inputs[1]);
  if (!pads || pads.length !== 8 || pads.some((p) => p < 0)) return undefined;
  if (pads[0] !== 0 || pads[1] !== 0 || pads[4] !== 0 || pads[5] !== 0) return undefined;
  const value = pad.inputs[2] ? initializerValues(g, pad.inputs[2]) : [0];
  if (!value || value.length !== 1) return undefined;
  return { pads: [pads[2]!, pads[3]!, pads[6]!, pads[7]!], value: value[0]! };
}

/** The op that can absorb padding with this value. */
const ABSORBS: Readonly<Record<string, number>> = { Conv: 0, MaxPool: -Infinity };

/** The reader's pads once the Pad is folded in, or undefined when it cannot absorb it. */
function mergedPads(reader: NodeSpec, padded: string, found: { pads: number[]; value: number }): number[] | undefined {
  if (ABSORBS[reader.op] !== found.value || reader.inputs[0] !== padded) return undefined;
  if (reader.inputs.slice(1).includes(padded) || reader.attributes?.auto_pad) return undefined;
  const own = reader.attributes?.pads;
  const pads = (own?.kind === 'ints' ? own.value : [0, 0, 0, 0]).map((p, i) => p + found.pads[i]!);
  const kernel = reader.attributes?.kernel_shape;
  // onnxruntime requires pooling pads smaller than the kernel.
  if (reader.op === 'MaxPool' && (kernel?.kind !== 'ints' || pads.some((p, i) => p >= kernel.value[i % 2]!))) return undefined;
  return pads;
}

/** Pad -> Conv / MaxPool becomes Conv / MaxPool with larger pads, when every reader of the Pad can take it. */
export function fusePads(g: GraphSpec): GraphSpec {
  const outputNames = new Set(g.outputs.map((o) => o.name));
  const readers = new Map<string, NodeSpec[]>();
  for (const n of g.nodes) for (const i of n.inputs) readers.set(i, [...(readers.get(i) ?? []), n]);
  const replaced = new Map<NodeSpec, NodeSpec>();
  const dropped = new Set<NodeSpec>();
  for (const pad of g.nodes) {
    if (pad.op !== 'Pad' || outputNames.has(pad.outputs[0]!)) continue;
    const found = spatialPads(g, pad);
    const consumers = readers.get(pad.outputs[0]!) ?? [];
    if (!found || consumers.length === 0) continue;
    const merged = consumers.map((c) => mergedPads(c, pad.outputs[0]!, found));
    if (merged.some((m) => m === undefined)) continue;
    consumers.forEach((c, k) => {
      const inputs = [pad.inputs[0]!, ...c.inputs.slice(1)];
      replaced.set(c, { ...c, inputs, attributes: { ...c.attributes, pads: attr.ints(merged[k]!) } });
    });
    dropped.add(pad);
  }
  const nodes = g.nodes.filter((n) => !dropped.has(n)).map((n) => replaced.get(n) ?? n);
  return { ...g, nodes };
}

export function optimizeGraph(g: GraphSpec): GraphSpec {
  return pruneUnused(fusePads(inlineOutputIdentities(g)));
}
