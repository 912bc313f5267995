/**
 * TF.js graph model -> ONNX graph. Walks the TF graph backwards from the requested outputs
 * (so a subgraph ending at named nodes converts on its own), folds constant subgraphs, maps each
 * op with the converters in ops/, then cleans the ONNX graph (passes.ts).
 *
 * Limits: static shapes (Placeholders with unknown sizes need `inputShapes`), except input axes
 * named in `dynamic` (see dynamic.ts); TF int64 is treated as int32 like TF.js does; no control flow.
 */
import { VigieError, errorMessage } from '../../core/errors.ts';
import { buildModel } from '../onnx/builder.ts';
import { graphDifference } from '../onnx/diff.ts';
import { optimizeGraph } from '../onnx/passes.ts';
import type { GraphSpec, ValueInfoSpec } from '../onnx/types.ts';
import { constValue, createContext, shapeOf, tensorValue } from './context.ts';
import type { ConvertContext, Value } from './context.ts';
import { probeInputShapes, symbolicInputs, symbolicOutputs } from './dynamic.ts';
import type { DynamicAxes, ShapeExample } from './dynamic.ts';
import { folders } from './fold.ts';
import { attrShape, attrType, parseTensorRef, refKey, toTfNode } from './graph.ts';
import type { TensorRef, TfNode } from './graph.ts';
import type { HostTensor } from './host-tensor.ts';
import type { GraphModelJson } from './model-json.ts';
import { opError, tfDtype } from './ops/common.ts';
import { OP_CONVERTERS } from './ops/registry.ts';

export interface ConvertOptions {
  /**
   * TF tensors to expose as graph outputs ("node" or "node:1"), which also become the ONNX output
   * names. Default: the signature's outputs, else every node nothing consumes.
   */
  readonly outputs?: readonly string[];
  /** Shapes for Placeholders whose shape has unknown (-1) sizes. */
  readonly inputShapes?: Readonly<Record<string, readonly number[]>>;
  readonly graphName?: string;
  /** Stored in the model's metadata_props. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Input axes whose size may change at run time (e.g. NanoDet's height and width); see dynamic.ts. */
  readonly dynamic?: DynamicAxes;
}

export interface ConvertedGraph {
  readonly graph: GraphSpec;
  readonly inputs: readonly ValueInfoSpec[];
  readonly outputs: readonly ValueInfoSpec[];
  /** With `dynamic`: static shapes the graph was traced at (the model's own size first), to verify it at. */
  readonly examples?: readonly ShapeExample[];
}

/** A conversion and the TF shape of every tensor it met ("node" or "node:1" -> shape). */
interface TracedGraph extends ConvertedGraph {
  readonly shapes: ReadonlyMap<string, readonly number[]>;
}

/** "Identity" < "Identity_2" < "Identity_10". */
function naturalOrder(a: string, b: string): number {
  const key = (s: string): string => s.replace(/\d+/g, (d) => d.padStart(12, '0'));
  const [ka, kb] = [key(a), key(b)];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function defaultOutputs(json: GraphModelJson, nodes: readonly TfNode[]): TensorRef[] {
  const signature = Object.values(json.signature?.outputs ?? {}).map((o) => o.name);
  if (signature.length > 0) return signature.sort(naturalOrder).map(parseTensorRef);
  const consumed = new Set(nodes.flatMap((n) => n.inputs.map((i) => i.node)));
  return nodes.filter((n) => !consumed.has(n.name) && n.op !== 'Const').map((n) => ({ node: n.name, index: 0 }));
}

/** Nodes the outputs depend on, inputs first (iterative DFS; throws on unknown nodes and cycles). */
export function dependencyOrder(byName: ReadonlyMap<string, TfNode>, roots: readonly string[]): TfNode[] {
  const order: TfNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack = [...roots].reverse().map((name) => ({ name, expanded: false }));
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (state.get(top.name) === 'done') continue;
    const node = byName.get(top.name);
    if (!node) throw new VigieError('MODEL_INVALID', `node ${top.name} is referenced but not defined`);
    if (top.expanded) {
      state.set(top.name, 'done');
      order.push(node);
      continue;
    }
    state.set(top.name, 'visiting');
    stack.push({ name: top.name, expanded: true });
    for (const ref of [...node.inputs].reverse()) {
      const s = state.get(ref.node);
      if (s === 'visiting') throw new VigieError('MODEL_INVALID', `cycle through node ${ref.node}`);
      if (s !== 'done') stack.push({ name: ref.node, expanded: false });
    }
  }
  return order;
}

function placeholder(node: TfNode, options: ConvertOptions): { value: Value; info: ValueInfoSpec } {
  const dtype = tfDtype(node, attrType(node, 'dtype'));
  const shape = options.inputShapes?.[node.name] ?? attrShape(node, 'shape');
  if (!shape || shape.some((d) => d < 0)) {
    throw opError(node, `shape [${shape ?? '?'}] is not static: pass inputShapes.${node.name}`);
  }
  return { value: tensorValue(node.name, dtype, shape), info: { name: node.name, dtype, shape } };
}

function convertNode(node: TfNode, inputs: readonly Value[], ctx: ConvertContext): Value[] {
  const fold = folders[node.op];
  const consts = inputs.flatMap((v) => (v.kind === 'const' ? [v.tensor] : []));
  if (fold && consts.length === inputs.length) return fold(node, consts).map(constValue);
  const converter = OP_CONVERTERS[node.op];
  if (!converter) throw opError(node, 'op is not supported by the converter');
  return converter(node, inputs, ctx);
}

/** One conversion; with `reference` (a reference conversion's shapes) it is a dynamic-axes probe. */
function traceGraph(
  json: GraphModelJson,
  weights: ReadonlyMap<string, HostTensor>,
  options: ConvertOptions,
  reference?: ReadonlyMap<string, readonly number[]>,
): TracedGraph {
  const tfNodes = json.modelTopology.node.map(toTfNode);
  const byName = new Map(tfNodes.map((n) => [n.name, n]));
  const outputs = options.outputs ? options.outputs.map(parseTensorRef) : defaultOutputs(json, tfNodes);
  const outputNames = outputs.map(refKey);
  const order = dependencyOrder(byName, [...new Set(outputs.map((o) => o.node))]);
  const placeholders = order.filter((n) => n.op === 'Placeholder').map((n) => n.name);
  const ctx = createContext([...outputNames, ...placeholders], reference);
  const values = new Map<string, Value>();
  const inputs: ValueInfoSpec[] = [];

  for (const node of order) {
    let results: Value[];
    if (node.op === 'Const') {
      const t = weights.get(node.name);
      if (!t) throw opError(node, 'no weight entry for this constant');
      results = [constValue(t)];
    } else if (node.op === 'Placeholder') {
      const { value, info } = placeholder(node, options);
      inputs.push(info);
      results = [value];
    } else {
      const args = node.inputs.map((ref) => {
        const v = values.get(refKey(ref));
        if (!v) throw opError(node, `input ${refKey(ref)} was not produced`);
        return v;
      });
      results = convertNode(node, args, ctx);
    }
    results.forEach((v, i) => values.set(refKey({ node: node.name, index: i }), v));
  }

  const outputInfos = outputNames.map((name): ValueInfoSpec => {
    const v = values.get(name);
    if (!v) throw new VigieError('MODEL_INVALID', `output ${name} was not produced`);
    const source = ctx.logical(v, `${name}/value`);
    if (source !== name) ctx.alias(source, name);
    return { name, dtype: v.kind === 'const' ? v.tensor.dtype : v.dtype, shape: [...shapeOf(v)] };
  });

  const graph = optimizeGraph({
    name: options.graphName ?? 'converted',
    inputs,
    outputs: outputInfos,
    nodes: ctx.nodes,
    initializers: ctx.initializers,
  });
  const shapes = new Map([...values].map(([key, v]) => [key, shapeOf(v)]));
  return { graph, inputs, outputs: outputInfos, shapes };
}

/** The reference conversion, then two probes that must agree (dynamic.ts); the graph is the first probe's. */
function convertDynamic(
  json: GraphModelJson,
  weights: ReadonlyMap<string, HostTensor>,
  options: ConvertOptions,
  dynamic: DynamicAxes,
): ConvertedGraph {
  const ref = traceGraph(json, weights, options);
  const [first, second] = probeInputShapes(ref.inputs, dynamic).map((shapes) => {
    try {
      return traceGraph(json, weights, { ...options, inputShapes: { ...options.inputShapes, ...shapes } }, ref.shapes);
    } catch (err) {
      const at = Object.entries(shapes).map(([name, s]) => `${name} [${s}]`).join(', ');
      throw new VigieError('MODEL_INVALID', `dynamic axes: converting at ${at} failed: ${errorMessage(err)}`, { cause: err });
    }
  });
  const difference = graphDifference(first!.graph, second!.graph);
  if (difference) {
    throw new VigieError('MODEL_INVALID', `dynamic axes: ${difference} changes with the input size; the converter cannot make it size-free`);
  }
  const examples = [ref, first!, second!].map(({ inputs, outputs }) => ({ inputs, outputs }));
  const inputs = symbolicInputs(ref.inputs, dynamic);
  const outputs = symbolicOutputs(examples, dynamic);
  return { graph: { ...first!.graph, inputs, outputs }, inputs, outputs, examples };
}

/** Converts to an ONNX graph description (see `convertGraphModel` for bytes). */
export function convertGraph(
  json: GraphModelJson,
  weights: ReadonlyMap<string, HostTensor>,
  options: ConvertOptions = {},
): ConvertedGraph {
  if (options.dynamic) return convertDynamic(json, weights, options, options.dynamic);
  const { graph, inputs, outputs } = traceGraph(json, weights, options);
  return { graph, inputs, outputs };
}

/** Converts and serialises: ONNX ModelProto bytes (opset 17, IR 8). */
export function convertGraphModel(
  json: GraphModelJson,
  weights: ReadonlyMap<string, HostTensor>,
  options: ConvertOptions = {},
): ConvertedGraph & { bytes: Uint8Array } {
  const converted = convertGraph(json, weights, options);
  const metadata = { converter: 'vigie tfjs-to-onnx', source_generated_by: json.generatedBy ?? '', ...options.metadata };
  return { ...converted, bytes: buildModel({ ...converted.graph, producerName: 'vigie', metadata }) };
}
