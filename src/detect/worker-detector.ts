/**
 * A detector whose ONNX session runs in a worker thread, so inference never blocks the event loop.
 * One request in flight per worker; further callers wait their turn. A crashed worker rejects the
 * request in flight and every later one with DETECTOR_FAILED; close() terminates the thread.
 */
import { Worker } from 'node:worker_threads';
import { VigieError, errorMessage } from '../core/errors.ts';
import type { DetectOptions, DetectorInput } from './detector.ts';
import type { Box } from '../core/types.ts';
import { hasWindowModel, windowPasses, type OnnxModelSpec, type TimedDetection, type TimedDetector } from './onnx-detector.ts';
import { deserialiseError, type DetectRequest, type WorkerData, type WorkerReply } from './worker-protocol.ts';

export interface WorkerDetectorOptions {
  /**
   * Hand the frame's buffer to the worker without copying. The caller's `frame.data` is then
   * detached (unusable, e.g. for snapshots). Default false: the frame bytes are copied once
   * and the copy is transferred.
   */
  readonly transferFrames?: boolean;
  /** The TypeScript entry the worker runs (tests inject a misbehaving one). */
  readonly entry?: URL;
}

export interface WorkerDetector extends TimedDetector {
  /** Requests queued or in flight. */
  readonly pending: number;
  /** False once the worker crashed or was closed. */
  readonly alive: boolean;
}

interface Job {
  readonly frame: DetectorInput;
  readonly looks?: readonly Box[];
  readonly padded?: boolean;
  readonly resolve: (r: TimedDetection) => void;
  readonly reject: (e: Error) => void;
}

const BOOT_URL = new URL('./worker-boot.mjs', import.meta.url);
const DEFAULT_ENTRY = new URL('./worker.ts', import.meta.url);

/** Buffers the worker handed back, kept for the next frames (one in flight per worker: two are plenty). */
const MAX_SPARE = 2;

/**
 * The frame's bytes as a whole ArrayBuffer that may be transferred: the caller's own buffer when
 * handed over, else a copy, made into a spare buffer of the right size when there is one (a
 * buffer the worker gave back: no allocation, no garbage per frame).
 */
export function transferableBytes(data: Uint8Array, handOver: boolean, spare: ArrayBuffer[] = []): ArrayBuffer {
  const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer;
  if (handOver && whole) return data.buffer as ArrayBuffer;
  const i = spare.findIndex((b) => b.byteLength === data.byteLength);
  if (i < 0) return new Uint8Array(data).buffer;
  const [reused] = spare.splice(i, 1) as [ArrayBuffer];
  new Uint8Array(reused).set(data);
  return reused;
}

export function createWorkerDetector(spec: OnnxModelSpec, options: WorkerDetectorOptions = {}): Promise<WorkerDetector> {
  const workerData: WorkerData = { entry: (options.entry ?? DEFAULT_ENTRY).href, spec };
  const worker = new Worker(BOOT_URL, { workerData });
  const waiting: Job[] = [];
  let inflight: (Job & { id: number }) | undefined;
  let nextId = 1;
  let dead: VigieError | undefined;
  let closing = false;
  let name = `worker:${spec.kind}`;
  let onReady: { resolve: () => void; reject: (e: Error) => void } | undefined;
  const spare: ArrayBuffer[] = [];

  function fail(err: VigieError): void {
    if (dead) return;
    dead = err;
    onReady?.reject(err);
    inflight?.reject(err);
    inflight = undefined;
    for (const job of waiting.splice(0)) job.reject(err);
  }

  function pump(): void {
    if (inflight || dead) return;
    const job = waiting.shift();
    if (!job) return;
    const { frame } = job;
    let data: ArrayBuffer;
    try {
      data = transferableBytes(frame.data, options.transferFrames === true, spare);
    } catch (err) {
      job.reject(new VigieError('DETECTOR_FAILED', `cannot send frame to detector worker: ${errorMessage(err)}`, { cause: err }));
      pump();
      return;
    }
    inflight = { ...job, id: nextId++ };
    const req: DetectRequest = { id: inflight.id, width: frame.width, height: frame.height, tMs: frame.tMs, data, ...(job.looks ? { looks: job.looks } : {}), ...(job.padded ? { padded: true } : {}) };
    worker.postMessage(req, [data]);
  }

  worker.on('message', (msg: WorkerReply) => {
    if (msg.kind === 'ready') {
      name = `worker:${msg.name}`;
      onReady?.resolve();
      return;
    }
    if (msg.kind === 'init-failed') {
      fail(deserialiseError(msg.error, 'detector worker failed to start'));
      void worker.terminate();
      return;
    }
    if (spare.length < MAX_SPARE) spare.unshift(msg.buffer);
    else spare[0] = msg.buffer;
    const job = inflight;
    if (!job || job.id !== msg.id) return;
    inflight = undefined;
    if (msg.kind === 'result') job.resolve({ detections: msg.detections, timings: msg.timings, ...(msg.interiors ? { interiors: msg.interiors } : {}) });
    else job.reject(deserialiseError(msg.error, 'detection failed in worker'));
    pump();
  });
  worker.on('error', (err) => fail(new VigieError('DETECTOR_FAILED', `detector worker crashed: ${err.message}`, { cause: err })));
  worker.on('exit', (code) => {
    fail(new VigieError('DETECTOR_FAILED', closing ? 'detector closed' : `detector worker exited unexpectedly (code ${code})`));
  });

  const detectTimed = (frame: DetectorInput, looks?: readonly Box[], options?: DetectOptions): Promise<TimedDetection> => {
    if (dead) return Promise.reject(dead);
    if (closing) return Promise.reject(new VigieError('DETECTOR_FAILED', 'detector closed'));
    return new Promise((resolve, reject) => {
      waiting.push({ frame, resolve, reject, ...(looks ? { looks } : {}), ...(options?.padded ? { padded: true } : {}) });
      pump();
    });
  };

  const detector: WorkerDetector = {
    get name() {
      return name;
    },
    get pending() {
      return waiting.length + (inflight ? 1 : 0);
    },
    get alive() {
      return !dead && !closing;
    },
    detectTimed,
    detect: async (frame, options) => (await detectTimed(frame, undefined, options)).detections,
    ...windowPasses(hasWindowModel(spec), detectTimed),
    async close() {
      closing = true;
      fail(new VigieError('DETECTOR_FAILED', 'detector closed'));
      await worker.terminate();
    },
  };

  return new Promise<WorkerDetector>((resolve, reject) => {
    onReady = { resolve: () => resolve(detector), reject };
  });
}
