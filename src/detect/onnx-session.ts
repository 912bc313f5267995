/** Adapter over onnxruntime-node: open a model file, run one float32 input, return plain tensors. */
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import type { DetectorProvider } from '../config/schema.ts';
import { VigieError, errorMessage } from '../core/errors.ts';
import { assertNotBiometric } from './biometric-guard.ts';
import { readModelHeader } from './biometric-guard-read.ts';
import type { RawTensor } from './candidates.ts';

export interface ModelSession {
  readonly inputName: string;
  /** The input shape declared by the model; strings are symbolic dimensions. */
  readonly inputShape: readonly (number | string)[];
  readonly outputNames: readonly string[];
  run(input: Float32Array, dims: readonly number[]): Promise<RawTensor[]>;
  release(): Promise<void>;
}

/** Refuses face, face-recognition and re-identification models (biometric-guard.ts) before any use. */
async function guardModelFile(modelPath: string): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(modelPath);
  } catch (err) {
    throw new VigieError('MODEL_INVALID', `cannot read ONNX model ${modelPath}: ${errorMessage(err)}`, { cause: err });
  }
  assertNotBiometric(modelPath, readModelHeader(bytes));
}

/**
 * An onnxruntime session with Vigie's settings (sequential, `threads` intra-op threads, all graph
 * optimisations), once the model has passed the biometric guard. Every model Vigie runs opens here.
 * `provider: 'cuda'` asks for onnxruntime's CUDA execution provider alone: when it cannot load
 * (no CUDA libraries, no GPU), the session fails with cudaUnavailable's message instead of running
 * on the CPU unnoticed.
 */
export async function createOrtSession(modelPath: string, threads: number, onError = 'cannot load ONNX model', provider: DetectorProvider = 'cpu'): Promise<ort.InferenceSession> {
  const options: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  };
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelPath, provider === 'cuda' ? { ...options, executionProviders: ['cuda'] } : options);
  } catch (err) {
    if (provider === 'cuda' && (await opensOnCpu(modelPath, options))) throw cudaUnavailable(err);
    throw new VigieError('MODEL_INVALID', `${onError} ${modelPath}: ${errorMessage(err)}`, { cause: err });
  }
  try {
    await guardModelFile(modelPath);
  } catch (err) {
    await session.release();
    throw err;
  }
  return session;
}

/** Whether the model opens on the CPU provider: then a failure with cuda was the provider's, not the model's. */
async function opensOnCpu(modelPath: string, options: ort.InferenceSession.SessionOptions): Promise<boolean> {
  const session = await ort.InferenceSession.create(modelPath, options).catch(() => undefined);
  await session?.release();
  return session !== undefined;
}

/** The one-line error of `detector.provider: cuda` where onnxruntime-node cannot load the CUDA provider. */
export function cudaUnavailable(cause: unknown): VigieError {
  const reason = errorMessage(cause).replace(/\s+/g, ' ').trim();
  return new VigieError(
    'DETECTOR_FAILED',
    `detector.provider cuda: onnxruntime-node cannot load the CUDA provider here: ${reason}; install onnxruntime-node with CUDA libraries or use provider cpu`,
    { cause },
  );
}

/** A detector's session (one float32 input); the model has passed the biometric guard. */
export async function openModelSession(modelPath: string, threads: number, provider: DetectorProvider = 'cpu'): Promise<ModelSession> {
  const session = await createOrtSession(modelPath, threads, undefined, provider);
  const inputName = session.inputNames[0];
  if (inputName === undefined || session.inputNames.length !== 1) {
    await session.release();
    throw new VigieError('MODEL_INVALID', `ONNX model ${modelPath} must have exactly one input, has ${session.inputNames.length}`);
  }
  const meta = session.inputMetadata[0];
  const inputShape = meta?.isTensor ? meta.shape : [];
  const outputNames = session.outputNames;
  return {
    inputName,
    inputShape,
    outputNames,
    async run(input, dims) {
      const result = await session.run({ [inputName]: new ort.Tensor('float32', input, dims) });
      return outputNames.map((name) => {
        const t = result[name];
        if (!t || t.type !== 'float32') {
          throw new VigieError('MODEL_INVALID', `ONNX model ${modelPath}: output "${name}" is ${t?.type ?? 'missing'}, expected float32`);
        }
        return { dims: t.dims, data: t.data as Float32Array };
      });
    },
    release: () => session.release(),
  };
}

/** The model's fixed spatial input size [width, height], or the fallback when dimensions are symbolic. */
export function inputSizeOf(shape: readonly (number | string)[], fallback: number): { width: number; height: number } {
  const h = shape[2];
  const w = shape[3];
  return { width: typeof w === 'number' && w > 0 ? w : fallback, height: typeof h === 'number' && h > 0 ? h : fallback };
}
