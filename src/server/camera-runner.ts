/**
 * One camera's analysis under the console: runCamera with its status and live stats kept, alerts
 * through the sink, and every analysed frame handed on. Never throws: a failure is a status, and a
 * failed analysis (a file camera whose file is missing or damaged, a detector that would not load)
 * is started again with backoff, as live sources reconnect, until stopped.
 */
import type { CameraStatus, Frame, RuleEvent, Zone } from '../core/types.ts';
import { errorMessage } from '../core/errors.ts';
import type { CameraConfig, MotionGatingSetting } from '../config/schema.ts';
import { toZone } from '../config/zones.ts';
import type { AlertSink } from '../alerts/sink.ts';
import { runCamera } from '../pipeline/run-camera.ts';
import type { FrameResult } from '../pipeline/analysis.ts';
import type { CameraStats } from '../api/deps.ts';
import type { SharedDetector } from './detector.ts';
import type { Logger } from './log.ts';
import { createRateMeter } from './rate.ts';
import { createDropMeter } from './drop-meter.ts';
import { DEFAULT_BACKOFF, backoffDelayMs, type BackoffOptions } from '../ingest/backoff.ts';

export interface RunnerDeps {
  readonly fps: number;
  readonly width: number;
  /** Config `analysis.motionGating`: the detector runs only on change (src/pipeline/motion-gate.ts). */
  readonly motionGating?: MotionGatingSetting;
  readonly detector: () => Promise<SharedDetector>;
  readonly sink: Pick<AlertSink, 'emit'>;
  readonly logger: Logger;
  readonly onStatus: (cameraId: string, status: CameraStatus) => void;
  readonly onFrame: (frame: Frame, result: FrameResult) => void;
  /** Delays between restarts of a failed analysis (default: the ingest's 1 s, 2 s... 30 s). */
  readonly backoff?: BackoffOptions;
}

export interface CameraRunner {
  status(): CameraStatus;
  stats(): Omit<CameraStats, 'health'>;
  /** Stops the analysis and its ffmpeg; resolves once both are gone. */
  stop(): Promise<void>;
  /** Resolves when the analysis ended (source over, failure or stop). */
  readonly done: Promise<void>;
}

export function startCameraRunner(camera: CameraConfig, deps: RunnerDeps): CameraRunner {
  const abort = new AbortController();
  const zones: Zone[] = camera.zones.map(toZone);
  const meter = createRateMeter(5000);
  const drops = createDropMeter();
  const counts = { analysed: 0, decoded: 0, decodedBase: 0, restarts: 0 };
  let status: CameraStatus = { state: 'connecting', sinceMs: Date.now() };
  let lastFrameMs = Date.now();

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
    const nowMs = Date.now();
    counts.analysed += 1;
    counts.decoded = counts.decodedBase + frame.seq + 1;
    lastFrameMs = nowMs;
    meter.tick(nowMs);
    drops.sample(nowMs, counts.decoded, counts.analysed);
    try {
      deps.onFrame(frame, result);
    } catch (err) {
      deps.logger.error(`camera ${camera.id}: frame listener failed: ${errorMessage(err)}`);
    }
  };

  /** One run of the analysis, until the source ends, fails or the runner stops. */
  const runOnce = async (): Promise<void> => {
    const shared = await deps.detector();
    if (abort.signal.aborted) return;
    counts.decodedBase = counts.decoded;
    const result = await runCamera({
      camera,
      ...shared,
      fps: deps.fps,
      width: deps.width,
      motionGating: deps.motionGating ?? false,
      // Every analysed frame goes on to an evidence ring: the decoder makes its JPEG (cheaper than packing it here).
      evidence: true,
      signal: abort.signal,
      onStatus: setStatus,
      onEvent,
      onFrame,
    });
    if (result.status.state !== status.state) setStatus(result.status);
  };
  const run = async (): Promise<void> => {
    let attempt = 0;
    while (!abort.signal.aborted) {
      const analysedBefore = counts.analysed;
      await runOnce().catch((err: unknown) => setStatus({ state: 'failed', sinceMs: Date.now(), reason: errorMessage(err) }));
      if (abort.signal.aborted || status.state !== 'failed') return;
      attempt = counts.analysed > analysedBefore ? 1 : attempt + 1;
      setStatus({ state: 'reconnecting', sinceMs: Date.now(), reason: status.reason, attempt });
      await sleep(backoffDelayMs(attempt, deps.backoff ?? DEFAULT_BACKOFF), abort.signal);
    }
  };
  const done = run();

  return {
    status: () => status,
    stats: () => ({
      fps: status.state === 'running' ? meter.rate(Date.now()) : 0,
      dropped: Math.max(0, counts.decoded - counts.analysed),
      dropRate: status.state === 'running' ? drops.rate(Date.now()) : 0,
      lastFrameMs,
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

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
