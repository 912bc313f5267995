/**
 * Layout bookkeeping. Every converted tensor keeps its TF (logical) shape and a permutation `perm`
 * saying how it is stored in the ONNX graph: physical = transpose(logical, perm), i.e. physical
 * axis i is logical axis perm[i]. TF Transposes then cost nothing (they only change `perm`), and
 * a real ONNX Transpose is emitted only where an op needs another layout (NCHW for Conv, the
 * TF layout for Reshape and graph outputs).
 */

export function identityPerm(rank: number): number[] {
  return Array.from({ length: rank }, (_, i) => i);
}

export function isIdentityPerm(perm: readonly number[]): boolean {
  return perm.every((p, i) => p === i);
}

export function invertPerm(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => {
    inv[p] = i;
  });
  return inv;
}

export function samePerm(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The perm of a value after a TF Transpose(perm = q) of a value stored with `perm`. */
export function permAfterTranspose(perm: readonly number[], q: readonly number[]): number[] {
  const qInv = invertPerm(q);
  return perm.map((p) => qInv[p]!);
}

/** The ONNX Transpose perm that turns storage `from` into storage `to` (same logical tensor). */
export function relayoutPerm(from: readonly number[], to: readonly number[]): number[] {
  const fromInv = invertPerm(from);
  return to.map((r) => fromInv[r]!);
}

/** Physical shape of a logical shape stored with `perm`. */
export function physicalShape(shape: readonly number[], perm: readonly number[]): number[] {
  return perm.map((p) => shape[p]!);
}

/** NHWC logical tensors stored as NCHW. */
export const NHWC_AS_NCHW: readonly number[] = [0, 3, 1, 2];

/** Normalises a possibly negative axis. */
export function normAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new RangeError(`axis ${axis} out of range for rank ${rank}`);
  return a;
}
