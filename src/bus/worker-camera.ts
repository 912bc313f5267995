/**
 * One camera analysed by a worker: the console's camera runner, with a sink that publishes each
 * alert (its snapshot JPEG inside, base64) on VIGIE_ALERTS through the outbox, keyed by its id,
 * and hands it to the clip recorder fed with the analysed frames; those frames also go to the live
 * view while a console watches the camera.
 */
import type { Alert, RuleEvent } from '../core/types.ts';
import type { MotionGatingSetting } from '../config/schema.ts';
import { errorMessage } from '../core/errors.ts';
import type { AlertContext } from '../alerts/sink.ts';
import { snapshotJpeg } from '../alerts/snapshot.ts';
import { startCameraRunner, type CameraRunner } from '../server/camera-runner.ts';
import type { ClipRecorder } from '../server/clip-recorder.ts';
import type { LazyDetector } from '../server/detector.ts';
import type { Logger } from '../server/log.ts';
import type { BackoffOptions } from '../ingest/backoff.ts';
import { busAlertId } from './alert-id.ts';
import type { Outbox } from './publisher.ts';
import type { LivePublisher } from './worker-live.ts';
import { SUBJECT_ALERTS, busKey, type AlertMessage, type CameraAssignment } from './protocol.ts';

export interface WorkerCameraDeps {
  readonly workerId: string;
  readonly detector: LazyDetector;
  readonly outbox: Outbox;
  readonly clips: ClipRecorder;
  /** The live view: publishes the analysed frames while a console watches the camera (worker-live.ts). */
  readonly live?: Pick<LivePublisher, 'frame'>;
  readonly logger: Logger;
  /** Called for every alert published (the clip that follows is published for its camera). */
  readonly onAlert: (alert: Alert) => void;
  /** The runner's state changed. */
  readonly onStatus: (cameraId: string) => void;
  readonly backoff?: BackoffOptions;
  /** The worker's analysis.motionGating, used when the assignment does not say. */
  readonly motionGating: MotionGatingSetting;
}

export interface WorkerCamera {
  readonly assignment: CameraAssignment;
  /** The assignment's camera and analysis as JSON (what a restart compares). */
  readonly content: string;
  readonly runner: CameraRunner;
  /** Once the runner stopped: finishes the camera's clip (sent when written). */
  finishClip(): Promise<void>;
}

/** The alert of an event: no snapshotPath (the snapshot travels in the message). */
export function busAlert(event: RuleEvent, id: string, cameraId: string, frameWallMs: number, createdAtMs: number): Alert {
  return {
    id,
    cameraId,
    type: event.type,
    tMs: event.tMs,
    frameWallMs,
    createdAtMs,
    ...(event.zoneId !== undefined ? { zoneId: event.zoneId } : {}),
    ...(event.trackId !== undefined ? { trackId: event.trackId } : {}),
    ...(event.box !== undefined ? { box: event.box } : {}),
    score: event.score,
    message: event.message,
    ...(event.details !== undefined ? { details: event.details } : {}),
  };
}

export function startWorkerCamera(assignment: CameraAssignment, content: string, deps: WorkerCameraDeps): WorkerCamera {
  const { camera, analysis, putAtMs } = assignment;
  const subject = `${SUBJECT_ALERTS}.${busKey(camera.id)}`;

  const emit = async (event: RuleEvent, ctx: AlertContext): Promise<Alert> => {
    const createdAtMs = Date.now();
    const id = busAlertId(camera, putAtMs, event, createdAtMs);
    const alert = busAlert(event, id, ctx.cameraId, ctx.frame.wallMs, createdAtMs);
    let snapshotJpegBase64: string | undefined;
    try {
      snapshotJpegBase64 = snapshotJpeg(ctx.frame, { box: event.box, zoneId: event.zoneId, zones: ctx.zones }).toString('base64');
    } catch (err) {
      deps.logger.error(`camera ${camera.id}: snapshot of alert ${id} not made, sent without: ${errorMessage(err)}`);
    }
    const shared = deps.detector.current();
    const model = shared?.model ?? (shared ? { name: shared.detector.name } : undefined);
    const message: AlertMessage = {
      v: 1,
      workerId: deps.workerId,
      alert,
      ...(snapshotJpegBase64 !== undefined ? { snapshotJpegBase64 } : {}),
      ...(model ? { model: { name: model.name, ...(model.sha256 ? { sha256: model.sha256 } : {}) } } : {}),
    };
    // Fenced: an alert made once another worker may hold the camera's lease waits for its fate (lease-fence.ts).
    deps.outbox.publish(subject, new TextEncoder().encode(JSON.stringify(message)), { msgID: id, fence: { key: busKey(camera.id), atMs: createdAtMs } });
    deps.onAlert(alert);
    deps.clips.onAlert(alert);
    return alert;
  };

  const runner = startCameraRunner(camera, {
    fps: analysis.fps,
    width: analysis.width,
    motionGating: analysis.motionGating ?? deps.motionGating,
    detector: () => deps.detector.get(),
    sink: { emit },
    logger: deps.logger,
    onStatus: (id) => deps.onStatus(id),
    onFrame: (frame, result) => {
      deps.clips.pushFrame(frame);
      deps.live?.frame(camera.id, frame, result);
    },
    ...(deps.backoff ? { backoff: deps.backoff } : {}),
  });
  return {
    assignment,
    content,
    runner,
    finishClip: () => deps.clips.finishCamera(camera.id),
  };
}
