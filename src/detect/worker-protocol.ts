/** Messages between a worker detector and its thread. Both ends are ours: typed, not parsed. */
import type { Box, Detection } from '../core/types.ts';
import { VigieError, type VigieErrorCode } from '../core/errors.ts';
import type { DetectTimings, OnnxModelSpec } from './onnx-detector.ts';

export interface WorkerData {
  /** file: URL of the TypeScript entry the bootstrap loads. */
  readonly entry: string;
  readonly spec: OnnxModelSpec;
}

export interface DetectRequest {
  readonly id: number;
  readonly width: number;
  readonly height: number;
  readonly tMs: number;
  /** Exactly the frame's bytes (transferred; handed back with the reply for the next frame). */
  readonly data: ArrayBuffer;
  /** A pass that looks there only (`Detector.detectWindow`). */
  readonly looks?: readonly Box[];
  /** A pass on the whole square input, padding included (`DetectOptions.padded`). */
  readonly padded?: true;
}

export interface SerialError {
  readonly message: string;
  readonly code?: VigieErrorCode;
}

export type WorkerReply =
  | { readonly kind: 'ready'; readonly name: string }
  | { readonly kind: 'init-failed'; readonly error: SerialError }
  | { readonly kind: 'result'; readonly id: number; readonly detections: Detection[]; readonly timings: DetectTimings; readonly interiors?: readonly Box[]; readonly buffer: ArrayBuffer }
  | { readonly kind: 'failed'; readonly id: number; readonly error: SerialError; readonly buffer: ArrayBuffer };

export function serialiseError(err: unknown): SerialError {
  if (err instanceof VigieError) return { message: err.message, code: err.code };
  return { message: err instanceof Error ? err.message : String(err) };
}

export function deserialiseError(e: SerialError, context: string): VigieError {
  return new VigieError(e.code ?? 'DETECTOR_FAILED', `${context}: ${e.message}`);
}
