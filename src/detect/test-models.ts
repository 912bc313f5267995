/**
 * Tiny ONNX models built on the fly for tests: they exercise onnxruntime, the worker and the
 * decoders end to end without the real network.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { attr, buildModel, floatTensor, node } from '../models/onnx/index.ts';

export interface YoloBox {
  readonly cx: number;
  readonly cy: number;
  readonly w: number;
  readonly h: number;
  /** Fixed class scores. */
  readonly scores: readonly number[];
  /** When set, this class's score is the mean of the input tensor instead (so the pixels matter). */
  readonly meanDrivenClass?: number;
}

/**
 * A YOLOv8-layout model: input [1, 3, size, size], output [1, 4 + C, N] holding the given boxes
 * (channel-first), plus the mean of the input on the chosen score entries. Padded with empty
 * anchors to N = `anchors` (N must exceed 4 + C, as in real exports, for the layout to be unambiguous).
 */
export function buildYoloFixture(size: number, classes: number, boxes: readonly YoloBox[], anchors = 64): Uint8Array {
  const features = 4 + classes;
  const n = Math.max(anchors, boxes.length);
  const base = new Float32Array(features * n);
  const mask = new Float32Array(features * n);
  boxes.forEach((b, i) => {
    [b.cx, b.cy, b.w, b.h, ...b.scores].forEach((v, f) => (base[f * n + i] = v));
    if (b.meanDrivenClass !== undefined) {
      base[(4 + b.meanDrivenClass) * n + i] = 0;
      mask[(4 + b.meanDrivenClass) * n + i] = 1;
    }
  });
  return buildModel({
    inputs: [{ name: 'images', dtype: 'float32', shape: [1, 3, size, size] }],
    outputs: [{ name: 'output0', dtype: 'float32', shape: [1, features, n] }],
    initializers: [floatTensor('base', [1, features, n], base), floatTensor('mask', [1, features, n], mask)],
    nodes: [
      node('ReduceMean', ['images'], ['mean'], { keepdims: attr.int(0) }),
      node('Mul', ['mask', 'mean'], ['driven']),
      node('Add', ['base', 'driven'], ['output0']),
    ],
  });
}

/** Writes model bytes to a fresh temporary directory; returns the file path. */
export function writeTempModel(bytes: Uint8Array, name = 'model.onnx'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-detect-'));
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}
