/** Where converted models live: `<repo>/models` (gitignored), one `<name>.onnx` per model. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_MODELS_DIR = path.join(REPO_ROOT, 'models');

/** The models directory used when none is given: `<repo>/models`. */
export function defaultModelsDir(): string {
  return DEFAULT_MODELS_DIR;
}

export function modelPath(name: string, modelsDir: string = DEFAULT_MODELS_DIR): string {
  return path.join(modelsDir, `${name}.onnx`);
}

/** The sidecar recording what a model file was converted from. */
export function sidecarPath(name: string, modelsDir: string = DEFAULT_MODELS_DIR): string {
  return path.join(modelsDir, `${name}.onnx.json`);
}
