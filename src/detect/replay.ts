/**
 * Replay detector: returns recorded detections (JSONL, see replay-format.ts) by media time, so
 * pipeline tests need no model. And recordDetections, which writes that format from a real run.
 */
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Detection } from '../core/types.ts';
import { VigieError } from '../core/errors.ts';
import type { Detector, DetectorInput } from './detector.ts';
import { formatReplayLine, medianPeriodMs, nearestFrame, parseReplay } from './replay-format.ts';

export interface ReplayOptions {
  /** Frame period of the recording; default: the median gap between recorded frames (200 ms for one frame). */
  readonly framePeriodMs?: number;
}

export const FALLBACK_FRAME_PERIOD_MS = 200;

export async function createReplayDetector(file: string, options: ReplayOptions = {}): Promise<Detector> {
  if (!existsSync(file)) throw new VigieError('MODEL_MISSING', `replay file not found: ${file} (detector.path)`);
  const frames = parseReplay(readFileSync(file, 'utf8'), file);
  const periodMs = options.framePeriodMs ?? medianPeriodMs(frames) ?? FALLBACK_FRAME_PERIOD_MS;
  return {
    name: `replay:${file}`,
    detect: async (frame: DetectorInput): Promise<Detection[]> => [...(nearestFrame(frames, frame.tMs, periodMs / 2)?.detections ?? [])],
    close: async () => undefined,
  };
}

/**
 * Wraps a detector so that every frame's detections are also appended to `file` in the replay
 * format. close() flushes the file, then closes the inner detector.
 */
export function recordDetections(inner: Detector, file: string): Detector {
  const out = createWriteStream(file, { flags: 'w' });
  let failure: Error | undefined;
  out.on('error', (err) => (failure = err));
  return {
    name: `record(${inner.name})`,
    async detect(frame, options) {
      const detections = await inner.detect(frame, options);
      if (failure) throw new VigieError('STORE_FAILED', `cannot write detections to ${file}: ${failure.message}`, { cause: failure });
      out.write(formatReplayLine(frame.tMs, detections) + '\n');
      return detections;
    },
    async close() {
      out.end();
      if (!failure) await once(out, 'close');
      await inner.close();
      if (failure) throw new VigieError('STORE_FAILED', `cannot write detections to ${file}: ${failure.message}`, { cause: failure });
    },
  };
}
