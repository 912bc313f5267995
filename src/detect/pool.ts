/**
 * A pool of worker detectors for running several scenarios at once: each request goes to the
 * live worker with the fewest pending requests (ties in turn).
 */
import { VigieError } from '../core/errors.ts';
import { hasWindowModel, windowPasses, type OnnxModelSpec, type TimedDetector } from './onnx-detector.ts';
import { createWorkerDetector, type WorkerDetector, type WorkerDetectorOptions } from './worker-detector.ts';

export interface DetectorPool extends TimedDetector {
  readonly size: number;
}

/** Index of the least-busy live worker, starting the tie search at `start`; -1 when none is alive. */
export function pickWorker(workers: readonly Pick<WorkerDetector, 'pending' | 'alive'>[], start: number): number {
  let best = -1;
  for (let k = 0; k < workers.length; k++) {
    const i = (start + k) % workers.length;
    const w = workers[i]!;
    if (w.alive && (best < 0 || w.pending < workers[best]!.pending)) best = i;
  }
  return best;
}

export async function createDetectorPool(spec: OnnxModelSpec, size: number, options: WorkerDetectorOptions = {}): Promise<DetectorPool> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a positive integer, got ${size}`);
  const settled = await Promise.allSettled(Array.from({ length: size }, () => createWorkerDetector(spec, options)));
  const workers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await Promise.all(workers.map((w) => w.close()));
    throw failure.reason;
  }
  let turn = 0;
  const pick = (): WorkerDetector => {
    const i = pickWorker(workers, turn++ % size);
    if (i < 0) throw new VigieError('DETECTOR_FAILED', `all ${size} detector workers have stopped`);
    return workers[i]!;
  };
  return {
    name: `pool(${size}):${workers[0]!.name}`,
    size,
    detectTimed: async (frame, looks, options) => pick().detectTimed(frame, looks, options),
    detect: async (frame, options) => pick().detect(frame, options),
    ...windowPasses(hasWindowModel(spec), async (frame, looks) => pick().detectTimed(frame, looks)),
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
