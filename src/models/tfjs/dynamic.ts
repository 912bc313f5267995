/**
 * Dynamic input axes (e.g. NanoDet's height and width). The TF.js graphs we convert were exported
 * at one input size: their Resize sizes and Reshape targets are constants at that size. A
 * dynamic-axes conversion therefore converts three times (convert.ts):
 *
 * 1. at the model's own ("reference") input size, as a static conversion, recording every TF
 *    tensor's shape;
 * 2. and 3. at two probe sizes (each dynamic axis grown by a different multiple of `multiple`),
 *    with the reference shapes at hand: a Resize becomes a Resize by scales (its reference output
 *    over its reference input), and a Reshape target gets -1 at the one entry that grows with the
 *    input (`dynamicReshapeTarget`).
 *
 * The two probe graphs must then be identical node for node and byte for byte: any other constant
 * that embeds the input size (a Split along a spatial axis, a folded Shape, an ExpandDims target)
 * makes them differ, and the conversion is refused naming it. The graph input gets its symbolic
 * axes; output dims that change with the input get a name that says how (`height*width/64`).
 */
import { VigieError } from '../../core/errors.ts';
import type { ValueInfoSpec } from '../onnx/types.ts';
import type { ConvertContext } from './context.ts';
import { refKey } from './graph.ts';
import type { TfNode } from './graph.ts';
import { opError } from './ops/common.ts';

export interface DynamicAxes {
  /** Per graph input, the symbolic name of each axis whose size may change: `{ input_1: { 2: 'height', 3: 'width' } }`. */
  readonly axes: Readonly<Record<string, Readonly<Record<number, string>>>>;
  /** Every size of a dynamic axis is a multiple of this (NanoDet: 32, its coarsest stride); the probes step by it. */
  readonly multiple: number;
}

/** The static input and output shapes of one conversion (the reference or a probe). */
export interface ShapeExample {
  readonly inputs: readonly ValueInfoSpec[];
  readonly outputs: readonly ValueInfoSpec[];
}

interface DynamicAxis {
  readonly input: string;
  readonly axis: number;
  readonly name: string;
}

function listAxes(dynamic: DynamicAxes): DynamicAxis[] {
  return Object.entries(dynamic.axes).flatMap(([input, axes]) =>
    Object.entries(axes).map(([axis, name]) => ({ input, axis: Number(axis), name })),
  );
}

function numericShape(info: ValueInfoSpec): number[] {
  return (info.shape ?? []).map((d) => {
    if (typeof d !== 'number') throw new VigieError('MODEL_INVALID', `${info.name}: shape [${info.shape}] is not static`);
    return d;
  });
}

/**
 * Input shapes of the two probes: axis k of n grows by `multiple * (k + 1)` in the first probe and
 * by `multiple * (n - k)` in the second, so every dynamic axis changes and no two change alike.
 */
export function probeInputShapes(inputs: readonly ValueInfoSpec[], dynamic: DynamicAxes): Record<string, number[]>[] {
  const axes = listAxes(dynamic);
  const unknown = axes.find((a) => !inputs.some((i) => i.name === a.input && a.axis < (i.shape?.length ?? 0)));
  if (unknown) throw new VigieError('MODEL_INVALID', `dynamic axis ${unknown.input}[${unknown.axis}] is not an axis of a graph input`);
  return [(k: number) => k + 1, (k: number) => axes.length - k].map((step) => {
    const shapes = Object.fromEntries(inputs.map((i) => [i.name, numericShape(i)]));
    axes.forEach((a, k) => {
      shapes[a.input]![a.axis]! += dynamic.multiple * step(k);
    });
    return shapes;
  });
}

/** The graph inputs with their dynamic axes symbolic. */
export function symbolicInputs(inputs: readonly ValueInfoSpec[], dynamic: DynamicAxes): ValueInfoSpec[] {
  return inputs.map((i) => {
    const names = dynamic.axes[i.name];
    return names ? { ...i, shape: (i.shape ?? []).map((d, axis) => names[axis] ?? d) } : i;
  });
}

function product(values: readonly number[]): number {
  return values.reduce((a, b) => a * b, 1);
}

/**
 * The name of an output dim seen with sizes `sizes` across the examples, as a product of dynamic
 * input axes over (or times) an integer, e.g. `height*width/64`; undefined when none fits.
 */
export function dimExpression(sizes: readonly number[], axes: readonly { name: string; sizes: readonly number[] }[]): string | undefined {
  for (let mask = 1; mask < 1 << axes.length; mask++) {
    const chosen = axes.filter((_, k) => (mask >> k) & 1);
    const products = sizes.map((_, e) => product(chosen.map((a) => a.sizes[e]!)));
    const names = chosen.map((a) => a.name).join('*');
    const over = products[0]! / sizes[0]!;
    if (Number.isInteger(over) && products.every((p, e) => p === sizes[e]! * over)) return over === 1 ? names : `${names}/${over}`;
    const times = sizes[0]! / products[0]!;
    if (Number.isInteger(times) && products.every((p, e) => p * times === sizes[e]!)) return `${names}*${times}`;
  }
  return undefined;
}

/** Output shapes with every dim that differs across the examples made symbolic (the first example is the reference). */
export function symbolicOutputs(examples: readonly ShapeExample[], dynamic: DynamicAxes): ValueInfoSpec[] {
  const axes = listAxes(dynamic).map((a) => ({
    name: a.name,
    sizes: examples.map((e) => numericShape(e.inputs.find((i) => i.name === a.input)!)[a.axis]!),
  }));
  const reference = examples[0]!;
  return reference.outputs.map((out, o) => {
    const shapes = examples.map((e) => numericShape(e.outputs[o]!));
    const shape = shapes[0]!.map((d, axis) => {
      const sizes = shapes.map((s) => s[axis]!);
      return sizes.every((s) => s === d) ? d : (dimExpression(sizes, axes) ?? `${out.name}_${axis}`);
    });
    return { ...out, shape };
  });
}

/** The reference shape of input `i` of `node`, in a probe conversion. */
export function referenceShape(node: TfNode, i: number, ctx: ConvertContext): readonly number[] | undefined {
  const ref = node.inputs[i];
  if (!ctx.reference || !ref) return undefined;
  const shape = ctx.reference.get(refKey(ref));
  if (!shape) throw opError(node, `no reference shape for input ${refKey(ref)}`);
  return shape;
}

export interface ReshapeRun {
  /** Input axes. */
  readonly from: readonly number[];
  /** Target entries. */
  readonly to: readonly number[];
}

/**
 * Splits a reshape into the shortest runs of consecutive input axes and target entries with equal
 * products (row-major reshapes only ever regroup such runs): [1, 80, 52, 52] -> [1, 80, 2704]
 * gives [0]|[0], [1]|[1], [2, 3]|[2].
 */
export function reshapeRuns(from: readonly number[], to: readonly number[]): ReshapeRun[] {
  const runs: ReshapeRun[] = [];
  let run: { from: number[]; to: number[] } = { from: [], to: [] };
  let [a, b, i, j] = [1, 1, 0, 0];
  while (i < from.length || j < to.length) {
    const takeFrom = i < from.length && (j >= to.length || a < b || (a === b && run.from.length <= run.to.length));
    if (takeFrom) {
      a *= from[i]!;
      run.from.push(i++);
    } else {
      b *= to[j]!;
      run.to.push(j++);
    }
    if (a === b && run.from.length > 0 && run.to.length > 0) {
      runs.push(run);
      [run, a, b] = [{ from: [], to: [] }, 1, 1];
    }
  }
  if (run.from.length > 0 || run.to.length > 0) runs.push(run);
  return runs;
}

/**
 * The target to emit for a Reshape whose input axes `growing` change with the input size: the
 * resolved reference target with -1 at the entry that holds those axes. Throws when that entry is
 * not unique: a run of growing axes spread over several target entries, or two such runs (ONNX
 * allows one -1).
 */
export function dynamicReshapeTarget(
  node: TfNode,
  fromRef: readonly number[],
  targetRef: readonly number[],
  growing: readonly boolean[],
): number[] {
  const runs = reshapeRuns(fromRef, targetRef).filter((r) => r.from.some((i) => growing[i]));
  const entries = runs.map((r) => r.to.filter((j) => targetRef[j] !== 1));
  const bad = entries.find((e) => e.length !== 1);
  if (bad || entries.length > 1) {
    const what = bad ? `entries [${bad}] of target` : `${entries.length} entries of target`;
    throw opError(node, `dynamic axes: ${what} [${targetRef}] depend on the input size (reshape from [${fromRef}]); only one can`);
  }
  const target = [...targetRef];
  if (entries[0]) target[entries[0][0]!] = -1;
  return target;
}
