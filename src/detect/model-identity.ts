/**
 * Which model produced a signal: the detector's model file named and hashed (SHA-256, computed once
 * when the detector is opened, streamed so a large model does not hold the event loop), so that each
 * alert journaled says exactly which model raised it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { DetectorConfig } from '../config/schema.ts';
import { NANODET_FILE } from './factory.ts';

export interface ModelIdentity {
  /** `kind:file name`, e.g. `nanodet:nanodet.onnx`, `yolo:yolo11n.onnx`. */
  readonly name: string;
  /** SHA-256 (hex) of the model file. */
  readonly sha256?: string;
}

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The model file a detector config uses, resolved as createDetector() resolves it. */
export function modelFileOf(config: DetectorConfig, modelsDir: string, baseDir = process.cwd()): string {
  if (config.kind === 'nanodet') return path.resolve(modelsDir, NANODET_FILE);
  return path.resolve(baseDir, config.kind === 'yolo' ? config.model : config.path);
}

export async function modelIdentity(config: DetectorConfig, modelsDir: string, baseDir?: string): Promise<ModelIdentity> {
  const file = modelFileOf(config, modelsDir, baseDir);
  return { name: `${config.kind}:${path.basename(file)}`, sha256: await fileSha256(file) };
}
