/** Live view: the frame message of an analysed frame, and the alerts still "active" on a camera. */
import type { Alert, Frame } from '../core/types.ts';
import { encodeJpeg } from '../alerts/snapshot.ts';
import type { FrameResult } from '../pipeline/analysis.ts';
import type { ServerMessage } from '../api/doc-schemas.ts';

export const LIVE_JPEG_QUALITY = 70;

/** The tracks a live frame shows (all but the tentative ones): id, label and box. */
export function liveTracks(result: Pick<FrameResult, 'tracks'>): Extract<ServerMessage, { type: 'frame' }>['tracks'] {
  return result.tracks.filter((t) => t.state !== 'tentative').map(({ id, label, box }) => ({ id, label, box }));
}

/**
 * The live view's JPEG of a frame: the decoder's own (`Frame.evidence`, made anyway for the evidence
 * ring) when given, else encoded here (jpeg-js on this thread: docs/deployment.md, "Live view").
 */
export function liveJpeg(frame: Frame, decoded: Uint8Array | undefined): Buffer {
  return decoded ? Buffer.from(decoded.buffer, decoded.byteOffset, decoded.byteLength) : encodeJpeg(frame, LIVE_JPEG_QUALITY);
}

/**
 * Calls `send` with the frame's decoder JPEG once it is there (right away, without one: `send`
 * encodes); a failure is reported to `onError`, never thrown into the analysis.
 */
export function withLiveJpeg(frame: Frame, send: (decoded: Uint8Array | undefined) => void, onError: (err: unknown) => void): void {
  const run = (decoded: Uint8Array | undefined): void => {
    try {
      send(decoded);
    } catch (err) {
      onError(err);
    }
  };
  if (frame.evidence) void frame.evidence.then(run);
  else run(undefined);
}

export function frameMessage(frame: Frame, result: Pick<FrameResult, 'tracks'>, activeAlertIds: string[], decoded?: Uint8Array): ServerMessage {
  return {
    type: 'frame',
    cameraId: frame.cameraId,
    tMs: frame.tMs,
    wallMs: frame.wallMs,
    width: frame.width,
    height: frame.height,
    jpeg: liveJpeg(frame, decoded).toString('base64'),
    tracks: liveTracks(result),
    activeAlertIds,
  };
}

export interface ActiveAlerts {
  add(alert: Pick<Alert, 'id' | 'cameraId'>, nowMs: number): void;
  /** Ids of the camera's alerts raised within the window, oldest first. */
  ids(cameraId: string, nowMs: number): string[];
}

export function createActiveAlerts(windowMs = 10_000): ActiveAlerts {
  const byCamera = new Map<string, { id: string; atMs: number }[]>();
  const prune = (cameraId: string, nowMs: number): { id: string; atMs: number }[] => {
    const list = (byCamera.get(cameraId) ?? []).filter((a) => a.atMs > nowMs - windowMs);
    if (list.length > 0) byCamera.set(cameraId, list);
    else byCamera.delete(cameraId);
    return list;
  };
  return {
    add(alert, nowMs) {
      byCamera.set(alert.cameraId, [...prune(alert.cameraId, nowMs), { id: alert.id, atMs: nowMs }]);
    },
    ids: (cameraId, nowMs) => prune(cameraId, nowMs).map((a) => a.id),
  };
}
