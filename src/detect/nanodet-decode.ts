/**
 * NanoDet (GFL head) decode. Per stride the model gives class scores already through a sigmoid
 * [1, N, C] and box distributions [1, N, 4 * bins] (left, top, right, bottom): the distance from
 * the anchor centre is the expected bin (softmax over the bins) times the stride.
 */
import type { Label } from '../core/types.ts';
import { VigieError } from '../core/errors.ts';
import type { Candidate, RawTensor } from './candidates.ts';
import type { ThresholdTable } from './thresholds.ts';

export interface NanodetLevel {
  readonly stride: number;
  readonly cols: number;
  readonly rows: number;
  readonly scores: Float32Array;
  readonly distributions: Float32Array;
  readonly bins: number;
}

export interface NanodetDecodeOptions {
  readonly inputWidth: number;
  readonly inputHeight: number;
  readonly numClasses: number;
  /** Class index -> Vigie label; other classes are dropped. */
  readonly classMap: ReadonlyMap<number, Label>;
  readonly thresholds: ThresholdTable;
  /** Anchor centre = (col + offset, row + offset) * stride. */
  readonly centerOffset: number;
}

const CANDIDATE_STRIDES = [8, 16, 32, 64, 128];

function gridFor(n: number, inputWidth: number, inputHeight: number): { stride: number; cols: number; rows: number } | undefined {
  for (const stride of CANDIDATE_STRIDES) {
    const cols = Math.ceil(inputWidth / stride);
    const rows = Math.ceil(inputHeight / stride);
    if (cols * rows === n) return { stride, cols, rows };
  }
  return undefined;
}

/** Pairs score and distribution outputs by their anchor count; identifies each by shape. */
export function identifyNanodetLevels(outputs: readonly RawTensor[], opts: Pick<NanodetDecodeOptions, 'inputWidth' | 'inputHeight' | 'numClasses'>): NanodetLevel[] {
  const scores = new Map<number, RawTensor>();
  const dists = new Map<number, RawTensor>();
  for (const t of outputs) {
    const [batch, n, k] = t.dims;
    if (t.dims.length !== 3 || batch !== 1 || n === undefined || k === undefined) {
      throw new VigieError('MODEL_INVALID', `nanodet: unexpected output shape [${t.dims.join(', ')}], expected [1, N, K]`);
    }
    if (k === opts.numClasses) scores.set(n, t);
    else if (k % 4 === 0) dists.set(n, t);
    else throw new VigieError('MODEL_INVALID', `nanodet: output [${t.dims.join(', ')}] is neither scores nor box distributions`);
  }
  const levels: NanodetLevel[] = [];
  for (const [n, s] of scores) {
    const d = dists.get(n);
    const grid = gridFor(n, opts.inputWidth, opts.inputHeight);
    if (!d || !grid) throw new VigieError('MODEL_INVALID', `nanodet: no box distribution or stride matches the ${n}-anchor score output`);
    levels.push({ ...grid, scores: s.data, distributions: d.data, bins: (d.dims[2] ?? 0) / 4 });
  }
  if (levels.length === 0) throw new VigieError('MODEL_INVALID', 'nanodet: no score output found');
  return levels.sort((a, b) => a.stride - b.stride);
}

/** Expected value of a softmax distribution over `bins` values starting at `offset`. */
export function expectedBin(dist: Float32Array, offset: number, bins: number): number {
  let max = -Infinity;
  for (let k = 0; k < bins; k++) max = Math.max(max, dist[offset + k]!);
  let sum = 0;
  let weighted = 0;
  for (let k = 0; k < bins; k++) {
    const e = Math.exp(dist[offset + k]! - max);
    sum += e;
    weighted += e * k;
  }
  return weighted / sum;
}

/** Candidates in input pixels, one per anchor and kept class above its threshold. */
export function decodeNanodet(levels: readonly NanodetLevel[], opts: NanodetDecodeOptions): Candidate[] {
  const kept = [...opts.classMap].map(([cls, label]) => ({ cls, label, min: opts.thresholds[label] }));
  const out: Candidate[] = [];
  for (const lv of levels) {
    const n = lv.cols * lv.rows;
    for (let i = 0; i < n; i++) {
      const base = i * opts.numClasses;
      let sides: number[] | undefined;
      for (const { cls, label, min } of kept) {
        const score = lv.scores[base + cls]!;
        if (score < min) continue;
        sides ??= [0, 1, 2, 3].map((s) => expectedBin(lv.distributions, (i * 4 + s) * lv.bins, lv.bins) * lv.stride);
        const cx = ((i % lv.cols) + opts.centerOffset) * lv.stride;
        const cy = (Math.floor(i / lv.cols) + opts.centerOffset) * lv.stride;
        out.push({ x1: cx - sides[0]!, y1: cy - sides[1]!, x2: cx + sides[2]!, y2: cy + sides[3]!, label, score });
      }
    }
  }
  return out;
}
