/**
 * In-process ONNX detector (the worker runs one of these): preprocess -> session.run -> decode.
 * The model-specific parts (input size, normalisation, decode) are a ModelHead.
 */
import type { DetectorProvider } from '../config/schema.ts';
import type { Detection, Label } from '../core/types.ts';
import type { Detector, DetectorInput } from './detector.ts';
import { DEFAULT_NMS, finishDetections, type NmsOptions, type RawTensor } from './candidates.ts';
import { cocoClassMap, COCO_CLASSES } from './coco.ts';
import type { Letterbox } from './letterbox.ts';
import { decodeNanodet, identifyNanodetLevels } from './nanodet-decode.ts';
import { openModelSession, inputSizeOf, type ModelSession } from './onnx-session.ts';
import { NANODET_NORMALISATION, YOLO_NORMALISATION, preprocess, type FrameSize, type Normalisation } from './preprocess.ts';
import { createThresholdTable } from './thresholds.ts';
import { decodeYolo } from './yolo-decode.ts';

interface CommonSpec {
  readonly modelPath: string;
  readonly thresholds: Readonly<Record<string, number>>;
  readonly threads: number;
  /** Execution provider (default cpu); cuda fails at start when onnxruntime cannot load it. */
  readonly provider?: DetectorProvider;
  readonly nms?: Partial<NmsOptions>;
  readonly normalisation?: Normalisation;
}

export interface NanodetModelSpec extends CommonSpec {
  readonly kind: 'nanodet';
  /** Anchor centre offset in strides (0 or 0.5). */
  readonly centerOffset?: number;
}

export interface YoloModelSpec extends CommonSpec {
  readonly kind: 'yolo';
  /** Model class index (as a decimal string) -> Vigie label. */
  readonly classMap: Readonly<Record<string, Label>>;
  /** Used when the model's input size is symbolic. */
  readonly inputSize: number;
}

/** Everything needed to build an ONNX detector; plain data, so it can cross to a worker. */
export type OnnxModelSpec = NanodetModelSpec | YoloModelSpec;

/** Anchor centres of the converted NanoDet-m: (col + 0.5, row + 0.5) * stride, checked on real frames. */
export const NANODET_CENTER_OFFSET = 0.5;
export const NANODET_INPUT_SIZE = 416;

export interface DetectTimings {
  readonly preprocessMs: number;
  readonly inferenceMs: number;
  readonly decodeMs: number;
}

export interface TimedDetection {
  readonly detections: Detection[];
  readonly timings: DetectTimings;
}

export interface TimedDetector extends Detector {
  detectTimed(frame: DetectorInput): Promise<TimedDetection>;
}

interface ModelHead {
  readonly input: FrameSize;
  readonly normalisation: Normalisation;
  decode(outputs: readonly RawTensor[], lb: Letterbox): Detection[];
}

function nanodetHead(spec: NanodetModelSpec, session: ModelSession): ModelHead {
  const input = inputSizeOf(session.inputShape, NANODET_INPUT_SIZE);
  const nmsOpts = { ...DEFAULT_NMS, ...spec.nms };
  const opts = {
    inputWidth: input.width,
    inputHeight: input.height,
    numClasses: COCO_CLASSES.length,
    classMap: cocoClassMap(),
    thresholds: createThresholdTable(spec.thresholds),
    centerOffset: spec.centerOffset ?? NANODET_CENTER_OFFSET,
  };
  return {
    input,
    normalisation: spec.normalisation ?? NANODET_NORMALISATION,
    decode: (outputs, lb) => finishDetections(decodeNanodet(identifyNanodetLevels(outputs, opts), opts), lb, nmsOpts),
  };
}

function yoloHead(spec: YoloModelSpec, session: ModelSession): ModelHead {
  const classMap = new Map<number, Label>(Object.entries(spec.classMap).map(([k, v]) => [Number(k), v]));
  const opts = { classMap, thresholds: createThresholdTable(spec.thresholds) };
  const nmsOpts = { ...DEFAULT_NMS, ...spec.nms };
  return {
    input: inputSizeOf(session.inputShape, spec.inputSize),
    normalisation: spec.normalisation ?? YOLO_NORMALISATION,
    decode: (outputs, lb) => finishDetections(decodeYolo(outputs[0]!, opts), lb, nmsOpts),
  };
}

export async function createOnnxDetector(spec: OnnxModelSpec): Promise<TimedDetector> {
  const session = await openModelSession(spec.modelPath, spec.threads, spec.provider);
  let head: ModelHead;
  try {
    head = spec.kind === 'nanodet' ? nanodetHead(spec, session) : yoloHead(spec, session);
  } catch (err) {
    await session.release();
    throw err;
  }
  const dims = [1, 3, head.input.height, head.input.width];
  const buffer = new Float32Array(3 * head.input.width * head.input.height);

  async function detectTimed(frame: DetectorInput): Promise<TimedDetection> {
    const t0 = performance.now();
    const { tensor, letterbox } = preprocess(frame, head.input, head.normalisation, buffer);
    const t1 = performance.now();
    const outputs = await session.run(tensor, dims);
    const t2 = performance.now();
    const detections = head.decode(outputs, letterbox);
    const t3 = performance.now();
    return { detections, timings: { preprocessMs: t1 - t0, inferenceMs: t2 - t1, decodeMs: t3 - t2 } };
  }

  // One run at a time: the input buffer is reused and onnxruntime reads it while running.
  let queue: Promise<unknown> = Promise.resolve();
  function serialised(frame: DetectorInput): Promise<TimedDetection> {
    const next = queue.then(() => detectTimed(frame));
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    name: `${spec.kind}:${spec.modelPath}`,
    detectTimed: serialised,
    detect: async (frame) => (await serialised(frame)).detections,
    close: () => session.release(),
  };
}
