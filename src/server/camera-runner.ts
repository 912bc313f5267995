/**
 * One camera's analysis under the console: runCamera with its status and live stats kept, alerts
 * through the sink, and every analysed frame handed on. Never throws: a failure is a status.
 */
import type { CameraStatus, Frame, RuleEvent, Zone } from '../core/types.ts';
import { errorMessage } from '../core/errors.ts';
import type { CameraConfig } from '../config/schema.ts';
import { toZone } from '../config/zones.ts';
import type { AlertSink } from '../alerts/sink.ts';
import { runCamera } from '../pipeline/run-camera.ts';
import type { FrameResult } from '../pipeline/analysis.ts';
import type { CameraStats } from '../api/deps.ts';
import type { SharedDetector } from './detector.ts';
import type { Logger } from './log.ts';
import { createRateMeter } from './rate.ts';

export interface RunnerDeps {
  readonly fps: number;
  readonly width: number;
  readonly detector: () => Promise<SharedDetector>;
  readonly sink: Pick<AlertSink, 'emit'>;
  readonly logger: Logger;
  readonly onStatus: (cameraId: string, status: CameraStatus) => void;
  readonly onFrame: (frame: Frame, result: FrameResult) => void;
}

export interface CameraRunner {
  status(): CameraStatus;
  stats(): CameraStats;
  /** Stops the analysis and its ffmpeg; resolves once both are gone. */
  stop(): Promise<void>;
  /** Resolves when the analysis ended (source over, failure or stop). */
  readonly done: Promise<void>;
}

export function startCameraRunner(camera: CameraConfig, deps: RunnerDeps): CameraRunner {
  const abort = new AbortController();
  const zones: Zone[] = camera.zones.map(toZone);
  const meter = createRateMeter();
  const counts = { analysed: 0, decoded: 0, restarts: 0 };
  let status: CameraStatus = { state: 'connecting', sinceMs: Date.now() };

  const setStatus = (next: CameraStatus): void => {
    if (next.state === 'reconnecting') counts.restarts += 1;
    status = next;
    deps.onStatus(camera.id, next);
  };
  const onEvent = async (event: RuleEvent, frame: Frame): Promise<void> => {
    try {
      await deps.sink.emit(event, { cameraId: camera.id, frame, zones });
    } catch (err) {
      deps.logger.error(`camera ${camera.id}: ${event.type} alert lost: ${errorMessage(err)}`);
    }
  };
  const onFrame = (frame: Frame, result: FrameResult): void => {
    counts.analysed += 1;
    counts.decoded = frame.seq + 1;
    meter.tick(Date.now());
    try {
      deps.onFrame(frame, result);
    } catch (err) {
      deps.logger.error(`camera ${camera.id}: frame listener failed: ${errorMessage(err)}`);
    }
  };

  const run = async (): Promise<void> => {
    const shared = await deps.detector();
    if (abort.signal.aborted) return;
    const result = await runCamera({
      camera,
      ...shared,
      fps: deps.fps,
      width: deps.width,
      signal: abort.signal,
      onStatus: setStatus,
      onEvent,
      onFrame,
    });
    if (result.status.state !== status.state) setStatus(result.status);
  };
  const done = run().catch((err: unknown) => setStatus({ state: 'failed', sinceMs: Date.now(), reason: errorMessage(err) }));

  return {
    status: () => status,
    stats: () => ({
      fps: status.state === 'running' ? meter.rate(Date.now()) : 0,
      dropped: Math.max(0, counts.decoded - counts.analysed),
      decoded: counts.decoded,
      restarts: counts.restarts,
    }),
    async stop() {
      abort.abort();
      await done;
    },
    done,
  };
}
