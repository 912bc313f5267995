/** Builds the Detector a config asks for: nanodet | yolo (ONNX, in worker threads) | replay. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DetectorConfig } from '../config/schema.ts';
import { VigieError } from '../core/errors.ts';
import type { Detector } from './detector.ts';
import { createOnnxDetector, type OnnxModelSpec } from './onnx-detector.ts';
import { createDetectorPool } from './pool.ts';
import { createReplayDetector } from './replay.ts';
import { createThresholdTable, floorThresholds } from './thresholds.ts';
import { createWorkerDetector, type WorkerDetectorOptions } from './worker-detector.ts';

export const NANODET_FILE = 'nanodet.onnx';
/** The same network with free input sizes: motion gating's passes on windows of the frame (window.ts); optional. */
export const NANODET_WINDOW_FILE = 'nanodet-dynamic.onnx';

export interface CreateDetectorOptions extends WorkerDetectorOptions {
  /** Where `vigie models install` puts the converted models. */
  readonly modelsDir: string;
  /** Relative `model` / `path` entries resolve from here; default process.cwd(). */
  readonly baseDir?: string;
  /** Worker threads for ONNX detectors (default 1); more than one makes a pool. */
  readonly workers?: number;
  /** Run the ONNX session on the calling thread (benchmarks, single-shot tools). Default false. */
  readonly inProcess?: boolean;
}

/** The ONNX model spec for a config, after checking the model file exists. */
export function onnxSpecFor(config: Exclude<DetectorConfig, { kind: 'replay' }>, opts: CreateDetectorOptions): OnnxModelSpec {
  createThresholdTable(config.thresholds); // reject unknown keys before spawning anything
  if (config.kind === 'nanodet') {
    const modelPath = path.resolve(opts.modelsDir, NANODET_FILE);
    if (!existsSync(modelPath)) {
      throw new VigieError('MODEL_MISSING', `NanoDet model not found at ${modelPath}; run \`npx vigie models install\` to convert it`);
    }
    const windowModelPath = path.resolve(opts.modelsDir, NANODET_WINDOW_FILE);
    return {
      kind: 'nanodet',
      modelPath,
      thresholds: floorThresholds(config.thresholds, config.lowScore),
      threads: config.threads,
      provider: config.provider ?? 'cpu',
      ...(existsSync(windowModelPath) ? { windowModelPath } : {}),
    };
  }
  const modelPath = path.resolve(opts.baseDir ?? process.cwd(), config.model);
  if (!existsSync(modelPath)) {
    throw new VigieError('MODEL_MISSING', `YOLO model not found at ${modelPath} (detector.model); check the path, relative to ${opts.baseDir ?? process.cwd()}`);
  }
  return { kind: 'yolo', modelPath, classMap: config.classMap, inputSize: config.inputSize, thresholds: floorThresholds(config.thresholds, config.lowScore), threads: config.threads, provider: config.provider ?? 'cpu' };
}

export async function createDetector(config: DetectorConfig, opts: CreateDetectorOptions): Promise<Detector> {
  if (config.kind === 'replay') return createReplayDetector(path.resolve(opts.baseDir ?? process.cwd(), config.path));
  const spec = onnxSpecFor(config, opts);
  if (opts.inProcess) return createOnnxDetector(spec);
  const workers = opts.workers ?? 1;
  return workers > 1 ? createDetectorPool(spec, workers, opts) : createWorkerDetector(spec, opts);
}
