/**
 * Runs one camera: ingest -> privacy masks -> analysis -> sink, until the source ends, fails or the signal aborts.
 * A failing camera ends with a status; it never throws into the caller's other cameras.
 */
import type { CameraStatus, Frame, RuleEvent } from '../core/types.ts';
import type { CameraConfig, MotionGatingSetting } from '../config/schema.ts';
import type { ThresholdTable } from '../detect/thresholds.ts';
import type { Detector } from '../detect/detector.ts';
import { createIngest, type IngestStats } from '../ingest/ingest.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { createJpegEncoder, type JpegEncoder } from '../ingest/jpeg-encoder.ts';
import { createFrameMasker } from '../core/frame-mask.ts';
import { createCameraAnalysis, type FrameResult } from './analysis.ts';
import { gateOptionsFor } from './motion-gate.ts';

export interface RunCameraOptions {
  readonly camera: CameraConfig;
  readonly detector: Detector;
  /** The detector's per-label thresholds: detections under them only continue tracks. */
  readonly thresholds?: ThresholdTable;
  readonly fps: number;
  readonly width: number;
  /** Live sources retry forever by default; the CLI passes a small number. */
  readonly maxRetries?: number;
  readonly signal?: AbortSignal;
  readonly onStatus?: (status: CameraStatus) => void;
  readonly onEvent?: (event: RuleEvent, frame: Frame) => Promise<void> | void;
  readonly onFrame?: (frame: Frame, result: FrameResult) => void;
  /** Ask the rules why they have or have not fired at every frame (FrameResult.explanations). */
  readonly explain?: boolean;
  /** Config `analysis.motionGating`: the detector runs only on change (`motion-gate.ts`), with the config's coasts. Default off. */
  readonly motionGating?: MotionGatingSetting;
  /**
   * Frames carry a JPEG of themselves (`Frame.evidence`) for an evidence ring: the decoder's own, or
   * on a camera with privacy masks (where the decoder's shows the masked pixels), the masked frame's,
   * made by an ffmpeg child fed the masked frames (ingest/jpeg-encoder.ts; without it, or when it
   * fails, the ring packs the masked frame itself).
   */
  readonly evidence?: boolean;
}

export interface CameraRunResult {
  readonly frames: number;
  /** Media time of the last analysed frame plus one frame period: the footage analysed. */
  readonly footageMs: number;
  readonly status: CameraStatus;
  readonly stats: IngestStats;
}

export async function runCamera(opts: RunCameraOptions): Promise<CameraRunResult> {
  const { camera, detector, fps, width } = opts;
  const gate = gateOptionsFor(opts.motionGating);
  const analysis = await createCameraAnalysis(camera, detector, {
    ...(opts.thresholds ? { thresholds: opts.thresholds } : {}),
    ...(opts.explain ? { explain: true } : {}),
    ...(gate ? { motionGating: gate } : {}),
  });
  const ingest = createIngest({
    cameraId: camera.id,
    url: camera.url,
    fps,
    width,
    loop: camera.loop,
    ...(camera.realtime !== undefined ? { realtime: camera.realtime } : {}),
    ...(opts.maxRetries !== undefined ? { maxRetries: opts.maxRetries } : {}),
    ...(opts.onStatus ? { onStatus: opts.onStatus } : {}),
    ...(opts.evidence && camera.privacyMasks.length === 0 ? { evidence: true } : {}),
  });
  // Privacy masks are painted once, here, before anything else reads the frame.
  const mask = createFrameMasker(camera.privacyMasks.map((poly) => poly.map(([x, y]) => ({ x, y }))));
  const maskedJpegs = opts.evidence && camera.privacyMasks.length > 0 ? maskedJpegEncoder(camera.id) : undefined;
  const abort = (): void => void ingest.close();
  opts.signal?.addEventListener('abort', abort, { once: true });
  let frames = 0;
  let footageMs = 0;
  try {
    for await (const decoded of ingest) {
      const masked = mask(decoded);
      const frame = maskedJpegs ? { ...masked, evidence: maskedJpegs.encode(masked) } : masked;
      const result = await analysis.process(frame);
      frames += 1;
      footageMs = frame.tMs + 1000 / fps;
      for (const event of result.events) await opts.onEvent?.(event, frame);
      opts.onFrame?.(frame, result);
      if (opts.signal?.aborted) break;
    }
  } finally {
    opts.signal?.removeEventListener('abort', abort);
    await ingest.close();
    await analysis.close();
    await maskedJpegs?.close();
  }
  return { frames, footageMs, status: ingest.status(), stats: ingest.stats() };
}

/** The JPEG encoder of a masked camera's frames (the ffmpeg the ingest uses), or undefined without one (the ring then packs the frames). */
function maskedJpegEncoder(cameraId: string): JpegEncoder | undefined {
  const path = resolveFfmpegPath();
  if (!path) return undefined;
  return createJpegEncoder({ ffmpegPath: path, onFailure: (reason) => console.error(`[camera ${cameraId}] masked frames' JPEGs: ${reason}; the evidence ring packs them instead`) });
}
