/**
 * Adapter over onnxruntime-node for the converted MoveNet Lightning graph (models/movenet-lightning.onnx):
 * one int32 NHWC 192 x 192 RGB input, keypoints [1, 1, 17, 3] out (see src/models/catalog.ts).
 * src/detect/onnx-session.ts's ModelSession takes float32 inputs only, hence this small adapter over its session.
 */
import * as ort from 'onnxruntime-node';
import { VigieError } from '../../core/errors.ts';
import { createOrtSession } from '../../detect/onnx-session.ts';
import { CATALOG } from '../../models/catalog.ts';
import { KEYPOINT_NAMES } from './keypoints.ts';

export const MOVENET_INPUT_SIZE = 192;

export interface PoseModel {
  readonly inputSize: number;
  /** Raw output for one crop (cropToInput's layout): 17 x (y, x, score). */
  run(input: Int32Array): Promise<Float32Array>;
  release(): Promise<void>;
}

export async function openMoveNet(modelPath: string, threads = 1): Promise<PoseModel> {
  const doc = CATALOG['movenet-lightning'];
  const session = await createOrtSession(modelPath, threads, 'cannot load pose model (run `vigie models install`)');
  const inputName = session.inputNames[0] ?? doc.input.name;
  const outputName = session.outputNames[0] ?? doc.outputs[0]!;
  const size = MOVENET_INPUT_SIZE;
  const dims = [1, size, size, 3];
  return {
    inputSize: size,
    async run(input) {
      if (input.length !== size * size * 3) throw new RangeError(`pose input needs ${size * size * 3} values, got ${input.length}`);
      const result = await session.run({ [inputName]: new ort.Tensor('int32', input, dims) });
      const t = result[outputName];
      if (!t || t.type !== 'float32' || t.data.length < KEYPOINT_NAMES.length * 3) {
        throw new VigieError('MODEL_INVALID', `pose model ${modelPath}: output "${outputName}" is ${t?.type ?? 'missing'}, expected float32 [1,1,17,3]`);
      }
      return t.data as Float32Array;
    },
    release: () => session.release(),
  };
}

interface SharedEntry {
  readonly model: Promise<PoseModel>;
  users: number;
}

/** The pose models the cameras of this process share, by file and thread count. */
const shared = new Map<string, SharedEntry>();

/**
 * MoveNet shared by every camera of the process that watches falls: one session per model file
 * (~30 MB of RSS each, docs/benchmarks.md), released with its last user. onnxruntime-node runs a
 * session on the calling thread, one run at a time, so the cameras cannot run it at once.
 * `open` is the session maker (tests count its calls).
 */
export async function openSharedMoveNet(modelPath: string, threads = 1, open: typeof openMoveNet = openMoveNet): Promise<PoseModel> {
  const key = `${modelPath}\u0000${threads}`;
  let entry = shared.get(key);
  if (!entry) {
    const made: SharedEntry = { model: open(modelPath, threads), users: 0 };
    made.model.catch(() => {
      if (shared.get(key) === made) shared.delete(key);
    });
    shared.set(key, made);
    entry = made;
  }
  entry.users += 1;
  const held = entry;
  let model: PoseModel;
  try {
    model = await held.model;
  } catch (err) {
    held.users -= 1;
    throw err;
  }
  let released = false;
  return {
    inputSize: model.inputSize,
    run: (input) => model.run(input),
    async release() {
      if (released) return;
      released = true;
      held.users -= 1;
      if (held.users > 0) return;
      if (shared.get(key) === held) shared.delete(key);
      await model.release();
    },
  };
}
