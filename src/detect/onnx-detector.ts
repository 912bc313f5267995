/**
 * In-process ONNX detector (the worker runs one of these): preprocess -> session.run -> decode.
 * The model-specific parts (input size, normalisation, decode) are a ModelHead.
 */
import type { DetectorProvider } from '../config/schema.ts';
import type { Box, Detection, Label } from '../core/types.ts';
import type { DetectOptions, Detector, DetectorInput, WindowDetections } from './detector.ts';
import { DEFAULT_NMS, finishDetections, type NmsOptions, type RawTensor } from './candidates.ts';
import { cocoClassMap, COCO_CLASSES } from './coco.ts';
import { computeLetterbox, type Letterbox } from './letterbox.ts';
import { decodeNanodet, identifyNanodetLevels } from './nanodet-decode.ts';
import { openModelSession, inputSizeOf, type ModelSession } from './onnx-session.ts';
import { NANODET_NORMALISATION, YOLO_NORMALISATION, preprocess, type FrameSize, type InputWindow, type Normalisation } from './preprocess.ts';
import { createThresholdTable } from './thresholds.ts';
import { frameWindow, planWindows, trustedDetections, type DetectWindow } from './window.ts';
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
  /** The same network with free input height and width (`nanodet-dynamic`): when given, every pass runs on it, on windows of the frame (window.ts) too. */
  readonly windowModelPath?: string;
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
  /** A pass on windows of the frame: the parts of the frame (normalised) its detections cover; absent: the whole frame. */
  readonly interiors?: readonly Box[];
}

export interface TimedDetector extends Detector {
  /**
   * With `looks` (and a window model), a pass on windows around them when that is cheaper (`Detector.detectWindow`);
   * otherwise a pass on the whole frame (`Detector.detect`, with its options).
   */
  detectTimed(frame: DetectorInput, looks?: readonly Box[], options?: DetectOptions): Promise<TimedDetection>;
}

interface ModelHead {
  readonly input: FrameSize;
  readonly normalisation: Normalisation;
  /** Detections of a pass on the whole input, or on `window` of it. */
  decode(outputs: readonly RawTensor[], lb: Letterbox, window?: InputWindow): Detection[];
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
    decode: (outputs, lb, window) => {
      // A window's anchors are the whole input's, shifted by the window's corner.
      const at = window ? { ...opts, inputWidth: window.width, inputHeight: window.height } : opts;
      const candidates = decodeNanodet(identifyNanodetLevels(outputs, at), at);
      const shifted = window ? candidates.map((c) => ({ ...c, x1: c.x1 + window.x, x2: c.x2 + window.x, y1: c.y1 + window.y, y2: c.y2 + window.y })) : candidates;
      return finishDetections(shifted, lb, nmsOpts);
    },
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
  // NanoDet with its window model runs every pass on that one session, the whole square input included: its outputs at
  // 416x416 are the fixed model's within 1e-6 (checked when it is converted), and a second session would hold ~58 MB more per worker.
  const windowModelPath = spec.kind === 'nanodet' ? spec.windowModelPath : undefined;
  const session = await openModelSession(windowModelPath ?? spec.modelPath, spec.threads, spec.provider);
  const canWindow = windowModelPath !== undefined;
  let head: ModelHead;
  try {
    head = spec.kind === 'nanodet' ? nanodetHead(spec, session) : yoloHead(spec, session);
  } catch (err) {
    await session.release();
    throw err;
  }
  const dims = [1, 3, head.input.height, head.input.width];
  const buffer = new Float32Array(3 * head.input.width * head.input.height);

  /** One run: on the whole input, or on `window` of it (its tensor at the start of the same buffer, never larger). */
  async function pass(frame: DetectorInput, window?: DetectWindow): Promise<{ detections: Detection[]; timings: DetectTimings }> {
    const t0 = performance.now();
    const tensor = window ? buffer.subarray(0, 3 * window.width * window.height) : buffer;
    const { letterbox } = preprocess(frame, head.input, head.normalisation, tensor, window);
    const t1 = performance.now();
    const outputs = await session.run(tensor, window ? [1, 3, window.height, window.width] : dims);
    const t2 = performance.now();
    const decoded = head.decode(outputs, letterbox, window);
    const detections = window ? trustedDetections(decoded, window.interior) : decoded;
    return { detections, timings: { preprocessMs: t1 - t0, inferenceMs: t2 - t1, decodeMs: performance.now() - t2 } };
  }

  async function detectTimed(frame: DetectorInput, looks?: readonly Box[], options?: DetectOptions): Promise<TimedDetection> {
    const lb = computeLetterbox(frame.width, frame.height, head.input.width, head.input.height);
    const windows = looks && canWindow ? planWindows(lb, looks) : undefined;
    // A pass on the whole frame leaves out the letterbox's padding bands when the window model can, unless asked not to.
    if (!windows) return pass(frame, canWindow && options?.padded !== true ? frameWindow(lb) : undefined);
    // The windows are disjoint (`planWindows`): each object is trusted in one of them at most.
    const runs: { detections: Detection[]; timings: DetectTimings }[] = [];
    for (const w of windows) runs.push(await pass(frame, w));
    const sum = (k: keyof DetectTimings): number => runs.reduce((a, r) => a + r.timings[k], 0);
    return {
      detections: runs.flatMap((r) => r.detections),
      interiors: windows.map((w) => w.interior),
      timings: { preprocessMs: sum('preprocessMs'), inferenceMs: sum('inferenceMs'), decodeMs: sum('decodeMs') },
    };
  }

  // One run at a time: the input buffer is reused and onnxruntime reads it while running.
  let queue: Promise<unknown> = Promise.resolve();
  function serialised(frame: DetectorInput, looks?: readonly Box[], options?: DetectOptions): Promise<TimedDetection> {
    const next = queue.then(() => detectTimed(frame, looks, options));
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    name: `${spec.kind}:${spec.modelPath}`,
    detectTimed: serialised,
    detect: async (frame, options) => (await serialised(frame, undefined, options)).detections,
    ...windowPasses(canWindow, serialised),
    close: async () => {
      await session.release();
    },
  };
}

/** Whether detectors of this spec can pass on windows of the frame. */
export const hasWindowModel = (spec: OnnxModelSpec): boolean => spec.kind === 'nanodet' && spec.windowModelPath !== undefined;

/** What `Detector.detectWindow` returns of a timed pass. */
function windowResult(r: TimedDetection): WindowDetections {
  return r.interiors ? { detections: r.detections, interiors: r.interiors } : { detections: r.detections };
}

/** `Detector.detectWindow` over a timed pass, for a detector that can pass on windows; nothing otherwise. */
export function windowPasses(can: boolean, detectTimed: TimedDetector['detectTimed']): Pick<Detector, 'detectWindow'> {
  return can ? { detectWindow: async (frame, looks) => windowResult(await detectTimed(frame, looks)) } : {};
}
