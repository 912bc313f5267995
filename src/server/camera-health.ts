/**
 * A camera's health as the console shows it, from its status and live stats: `ok` (green),
 * `warn` (amber) or `bad` (red), with the reason. "Running" alone is not healthy: a camera that
 * analyses ~0 fps, or drops most of its frames, is not watching. `lostReason` says when a camera
 * has been out of service long enough to raise a system alert.
 */
import type { CameraStatus } from '../core/types.ts';

export type HealthLevel = 'ok' | 'warn' | 'bad';

export interface CameraHealth {
  readonly level: HealthLevel;
  readonly reason?: string;
}

export interface HealthInput {
  readonly status: CameraStatus;
  /** Analysed frames per second over the recent window. */
  readonly fps: number;
  /** Share of the decoded frames dropped before analysis over the recent window (0..1). */
  readonly dropRate: number;
  /** Wall time of the last analysed frame, or when the camera was started before its first one. */
  readonly lastFrameMs: number;
}

export interface HealthLimits {
  /** The configured analysis rate. */
  readonly expectedFps: number;
  /** Out of service this long: red, and a system alert. */
  readonly lossAfterMs: number;
}

/** Drop rates from which health is amber, then red. */
export const DROP_WARN = 0.2;
export const DROP_BAD = 0.6;
/** A running camera analysing under this share of the configured rate is amber. */
export const SLOW_SHARE = 0.5;

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

/**
 * Why the camera counts as lost at nowMs: not ended, and no frame analysed for lossAfterMs (failed,
 * reconnecting through several attempts, or running but stalled); undefined when it is not.
 */
export function lostReason(h: Pick<HealthInput, 'status' | 'lastFrameMs'>, nowMs: number, lossAfterMs: number): string | undefined {
  const s = h.status;
  const idleMs = nowMs - h.lastFrameMs;
  if (s.state === 'ended' || idleMs < lossAfterMs) return undefined;
  const state = s.state === 'running' ? 'stalled' : s.state;
  return `${state}: no frame analysed for ${seconds(idleMs)}${'reason' in s ? ` (${s.reason})` : ''}`;
}

export function cameraHealth(h: HealthInput, nowMs: number, limits: HealthLimits): CameraHealth {
  const lost = lostReason(h, nowMs, limits.lossAfterMs);
  if (lost) return { level: 'bad', reason: lost };
  const s = h.status;
  if (s.state === 'failed') return { level: 'bad', reason: s.reason };
  if (s.state === 'reconnecting') return { level: 'warn', reason: s.reason };
  if (s.state === 'connecting') return { level: 'warn', reason: 'connecting' };
  if (s.state === 'ended') return { level: 'ok' };
  const pct = Math.round(h.dropRate * 100);
  if (h.dropRate >= DROP_BAD) return { level: 'bad', reason: `${pct} % of frames dropped` };
  const warmedUp = nowMs - s.sinceMs >= Math.min(limits.lossAfterMs, 5000);
  if (warmedUp && h.fps < 0.05) return { level: 'bad', reason: 'no frame analysed' };
  if (h.dropRate >= DROP_WARN) return { level: 'warn', reason: `${pct} % of frames dropped` };
  if (warmedUp && h.fps < limits.expectedFps * SLOW_SHARE) return { level: 'warn', reason: `analysing ${h.fps.toFixed(1)} of ${limits.expectedFps} fps` };
  return { level: 'ok' };
}
