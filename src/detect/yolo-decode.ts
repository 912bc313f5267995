/**
 * YOLOv8 / YOLO11 export decode: output [1, 4 + C, N] (cx, cy, w, h in input pixels, then C class
 * scores, no objectness). The transposed layout [1, N, 4 + C] is accepted too (N > 4 + C).
 * One class per box: the best-scoring mapped class that passes its threshold.
 */
import type { Label } from '../core/types.ts';
import { VigieError } from '../core/errors.ts';
import type { Candidate, RawTensor } from './candidates.ts';
import type { ThresholdTable } from './thresholds.ts';

export interface YoloDecodeOptions {
  readonly classMap: ReadonlyMap<number, Label>;
  readonly thresholds: ThresholdTable;
}

export interface YoloLayout {
  readonly anchors: number;
  readonly classes: number;
  /** Index of value f of anchor n in the flat data. */
  readonly at: (n: number, f: number) => number;
}

export function yoloLayout(dims: readonly number[]): YoloLayout {
  const [batch, a, b] = dims;
  if (dims.length !== 3 || batch !== 1 || a === undefined || b === undefined) {
    throw new VigieError('MODEL_INVALID', `yolo: unexpected output shape [${dims.join(', ')}], expected [1, 4+C, N]`);
  }
  const channelsFirst = a <= b;
  const features = channelsFirst ? a : b;
  const anchors = channelsFirst ? b : a;
  if (features < 5) throw new VigieError('MODEL_INVALID', `yolo: output [${dims.join(', ')}] has no class scores`);
  return {
    anchors,
    classes: features - 4,
    at: channelsFirst ? (n, f) => f * anchors + n : (n, f) => n * features + f,
  };
}

export function decodeYolo(output: RawTensor, opts: YoloDecodeOptions): Candidate[] {
  const layout = yoloLayout(output.dims);
  const outside = [...opts.classMap.keys()].filter((c) => c >= layout.classes);
  if (outside.length > 0) {
    throw new VigieError('MODEL_INVALID', `yolo: classMap index ${outside.join(', ')} beyond the model's ${layout.classes} classes`);
  }
  const kept = [...opts.classMap].map(([cls, label]) => ({ cls, label, min: opts.thresholds[label] }));
  const d = output.data;
  const out: Candidate[] = [];
  for (let n = 0; n < layout.anchors; n++) {
    let best: { label: Label; score: number } | undefined;
    for (const { cls, label, min } of kept) {
      const score = d[layout.at(n, 4 + cls)]!;
      if (score >= min && (!best || score > best.score)) best = { label, score };
    }
    if (!best) continue;
    const cx = d[layout.at(n, 0)]!;
    const cy = d[layout.at(n, 1)]!;
    const w = d[layout.at(n, 2)]!;
    const h = d[layout.at(n, 3)]!;
    out.push({ x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2, ...best });
  }
  return out;
}
