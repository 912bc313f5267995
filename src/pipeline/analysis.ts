/**
 * Per-camera analysis: frame -> detections -> tracks -> rules -> events.
 * Holds the camera's tracker and rule states; the detector and the alert sink are injected.
 */
import type { Detection, Frame, RuleEvent, Track, Zone } from '../core/types.ts';
import type { CameraConfig, DetectorConfig } from '../config/schema.ts';
import { createThresholdTable, type ThresholdTable } from '../detect/thresholds.ts';
import { toZone } from '../config/zones.ts';
import type { Detector } from '../detect/detector.ts';
import { createTracker, type TrackerOptions } from '../track/tracker.ts';
import { rulesFor } from '../rules/registry.ts';
import type { Observation, Rule, RuleContext } from '../rules/rule.ts';

export interface FrameResult {
  readonly tracks: readonly Track[];
  readonly events: readonly RuleEvent[];
  readonly detectMs: number;
}

export interface CameraAnalysis {
  readonly cameraId: string;
  readonly zones: readonly Zone[];
  process(frame: Frame): Promise<FrameResult>;
}

interface RuleSlot {
  readonly rule: Rule<unknown>;
  state: unknown;
}

export function createCameraAnalysis(
  camera: CameraConfig,
  detector: Detector,
  opts: { tracker?: Partial<TrackerOptions>; thresholds?: ThresholdTable } = {},
): CameraAnalysis {
  const thresholds = opts.thresholds;
  const isHigh = (d: Detection): boolean => !thresholds || d.score >= thresholds[d.label];
  const zones = camera.zones.map(toZone);
  const ctx: RuleContext = { zones, params: camera.params };
  const tracker = createTracker({ ...(thresholds ? { highScoreOf: (l) => thresholds[l] } : {}), ...opts.tracker });
  const slots: RuleSlot[] = rulesFor(camera.events).map((rule) => ({ rule, state: rule.init(ctx) }));

  return {
    cameraId: camera.id,
    zones,
    async process(frame) {
      const t0 = performance.now();
      const detections = await detector.detect(frame);
      const detectMs = performance.now() - t0;
      const tracks = tracker.update(detections, frame.tMs);
      const obs: Observation = { tMs: frame.tMs, tracks, detections: detections.filter(isHigh), frame };
      const events: RuleEvent[] = [];
      for (const slot of slots) {
        const out = slot.rule.step(slot.state, obs, ctx);
        slot.state = out.state;
        events.push(...out.events);
      }
      return { tracks, events, detectMs };
    },
  };
}

/** The high-score threshold table of a detector config (replay detections are taken as recorded). */
export function thresholdsOf(config: DetectorConfig): ThresholdTable | undefined {
  return config.kind === 'replay' ? undefined : createThresholdTable(config.thresholds);
}
