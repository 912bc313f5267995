/**
 * Frame analyzers: asynchronous, possibly costly measurements made between tracking and the rules
 * (pose on candidate persons, tiled detection in crowd zones, optical flow, colour models...).
 * They keep whatever state they need, write typed extras, and leave every decision to the pure rules.
 */
import type { Detection, Frame, Track, Zone } from '../core/types.ts';
import type { CameraConfig } from '../config/schema.ts';
import type { Detector } from '../detect/detector.ts';
import type { ThresholdTable } from '../detect/thresholds.ts';
import type { ExtrasWriter } from '../rules/extras.ts';
import type { GateDecision } from '../pipeline/motion-gate.ts';

export interface AnalyzerInput {
  readonly frame: Frame;
  /** Confirmed and recently lost tracks. */
  readonly tracks: readonly Track[];
  /** This frame's detections at or above their label threshold. */
  readonly detections: readonly Detection[];
  /** With motion gating: what changed since the detector's previous pass (analyzers skip what cannot have changed: change-watch.ts). */
  readonly gate?: GateDecision;
}

export interface FrameAnalyzer {
  /** Unique per camera; two event types asking for the same analyzer get one instance. */
  readonly name: string;
  analyze(input: AnalyzerInput, out: ExtrasWriter): Promise<void>;
  close?(): Promise<void>;
}

export interface AnalyzerDeps {
  /** The camera's main detector (for extra passes on crops or tiles). */
  readonly detector: Detector;
  readonly thresholds?: ThresholdTable;
  /** Where converted models live (pose...). */
  readonly modelsDir: string;
}

export interface AnalyzerSetup {
  readonly camera: CameraConfig;
  readonly zones: readonly Zone[];
  readonly deps: AnalyzerDeps;
}

/** Builds an analyzer for a camera; `name` must equal the analyzer's name (used to share instances). */
export interface AnalyzerFactory {
  readonly name: string;
  create(setup: AnalyzerSetup): FrameAnalyzer | Promise<FrameAnalyzer>;
}
