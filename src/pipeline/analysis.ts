/**
 * Per-camera analysis: frame -> detections -> tracks -> frame analyzers -> rules -> events.
 * Holds the camera's tracker, analyzers and rule states; the detector is injected.
 */
import type { Box, Detection, EventType, Frame, RuleEvent, Track, Zone } from '../core/types.ts';
import type { CameraConfig, DetectorConfig } from '../config/schema.ts';
import { toZone } from '../config/zones.ts';
import type { Detector } from '../detect/detector.ts';
import { createThresholdTable, type ThresholdTable } from '../detect/thresholds.ts';
import { createTracker, type TrackerOptions } from '../track/tracker.ts';
import { rulesFor } from '../rules/registry.ts';
import type { Observation, Rule, RuleContext, RuleExplanation } from '../rules/rule.ts';
import { createExtras, type Extras } from '../rules/extras.ts';
import { analyzersFor } from '../analyzers/registry.ts';
import type { FrameAnalyzer } from '../analyzers/analyzer.ts';
import { defaultModelsDir } from '../models/paths.ts';
import { boxesOverlap } from '../core/geometry.ts';
import { createMotionGate, DEFAULT_GATE, type Explanation, type GateDecision, type GateOptions } from './motion-gate.ts';
import type { Motion } from './motion.ts';
import { anchorDetections, coastFor, coastVerdict, mergeLook, type CoastAnchor, type CoastVerdict } from './track-coast.ts';

export interface FrameResult {
  /** Everything the detector returned, down to its low-score floor (before the per-label thresholds). */
  readonly detections: readonly Detection[];
  readonly tracks: readonly Track[];
  readonly events: readonly RuleEvent[];
  readonly detectMs: number;
  /** Whether the detector ran on this frame; false: motion gating handed the last detections on (`detections` are those). */
  readonly detectorRan: boolean;
  /** With motion gating: why the detector ran or not, and what changed since the frame it last saw. */
  readonly gate?: GateDecision;
  /** The detector ran on windows of the frame (a look, `track-coast.ts`): the parts of the frame they covered; copies elsewhere. */
  readonly windows?: readonly Box[];
  /** Time spent in frame analyzers (pose, flow, tiles...), by analyzer name. */
  readonly analyzerMs: Readonly<Record<string, number>>;
  /** What the analyzers measured on this frame (counts, flow...), for reports such as eval's count. */
  readonly extras: Extras;
  /** With `explain`: why each rule has or has not fired after this frame. */
  readonly explanations?: Partial<Record<EventType, RuleExplanation>>;
}

export interface CameraAnalysis {
  readonly cameraId: string;
  readonly zones: readonly Zone[];
  process(frame: Frame): Promise<FrameResult>;
  close(): Promise<void>;
}

export interface AnalysisOptions {
  readonly tracker?: Partial<TrackerOptions>;
  /** Per-label thresholds: detections under them only continue tracks (ByteTrack's second stage). */
  readonly thresholds?: ThresholdTable;
  readonly modelsDir?: string;
  /** Ask every rule why it has or has not fired, at every frame (traces, eval --explain). */
  readonly explain?: boolean;
  /** Config `analysis.motionGating`: run the detector only on change (`motion-gate.ts`); an object tunes the gate. */
  readonly motionGating?: boolean | Partial<GateOptions>;
}

/** What a look gave: the frame's detections; with windows, which are copies and what the windows found. */
interface Look {
  readonly raw: Detection[];
  readonly copies?: ReadonlySet<Detection>;
  readonly windows?: { readonly interiors: readonly Box[]; readonly found: readonly Detection[]; readonly kept: CoastAnchor[] };
}

interface RuleSlot {
  readonly rule: Rule<unknown>;
  state: unknown;
}

export async function createCameraAnalysis(camera: CameraConfig, detector: Detector, opts: AnalysisOptions = {}): Promise<CameraAnalysis> {
  const { thresholds } = opts;
  const isHigh = (d: Detection): boolean => !thresholds || d.score >= thresholds[d.label];
  const zones = camera.zones.map(toZone);
  const ctx: RuleContext = { zones, params: camera.params };
  const tracker = createTracker({ ...(thresholds ? { highScoreOf: (l) => thresholds[l] } : {}), ...opts.tracker });
  const slots: RuleSlot[] = rulesFor(camera.events).map((rule) => ({ rule, state: rule.init(ctx) }));
  const deps = { detector, modelsDir: opts.modelsDir ?? defaultModelsDir(), ...(thresholds ? { thresholds } : {}) };
  const analyzers: FrameAnalyzer[] = await analyzersFor(camera.events, { camera, zones, deps });
  const gateOptions = opts.motionGating === true ? {} : opts.motionGating;
  const gate = gateOptions ? createMotionGate(gateOptions) : undefined;
  const coast = coastFor(camera.events, { ...DEFAULT_GATE.coast, ...(gateOptions ? gateOptions.coast : {}) });
  // Fire evidence is judged on the colour mask less the tracks' boxes: a fire camera's passes are the fixed-size model's own,
  // padding included (a pass without the padding bands, like a window, scores and boxes objects a little differently; it moved
  // a borderline fire past its clip's end on the dev scenarios). Gating on or off alike.
  const detectOptions = camera.events.includes('fire') ? { padded: true } : undefined;
  let lastRaw: Detection[] = [];
  // The detector's last passes: their detections paired with their tracks, the regions that were moving; the tracks after the previous frame.
  let anchors: CoastAnchor[] = [];
  let examined: readonly Box[] = [];
  let prevTracks: Track[] = [];
  // Set by `explained` when the gate asked, for this frame only.
  let verdict: CoastVerdict | undefined;
  let frameMs = 0;
  const explained = (motion: Motion, sinceDetectMs: number): Explanation => {
    verdict = coastVerdict({ anchors, tracks: prevTracks, examined, motion: motion.boxes, ...(motion.changed ? { changed: motion.changed } : {}), sinceDetectMs, tMs: frameMs }, coast);
    return verdict.kind === 'coast' || (verdict.kind === 'look' && detector.detectWindow ? { looks: verdict.looks } : false);
  };
  // The verdict `explained` left for this frame, if the gate asked (and forgets it).
  const takeVerdict = (): CoastVerdict | undefined => {
    const v = verdict;
    verdict = undefined;
    return v;
  };

  /** A look: the detector on windows around the unexplained motion, copies for the rest of the frame. */
  async function look(frame: Frame, v: Extract<CoastVerdict, { kind: 'look' }>, detectWindow: NonNullable<Detector['detectWindow']>): Promise<Look> {
    const r = await detectWindow(frame, v.looks);
    gate?.looked(r.interiors);
    if (!r.interiors) return { raw: r.detections };
    const merged = mergeLook(anchors, v, r.detections, r.interiors);
    return { raw: merged.detections, copies: merged.copies, windows: { interiors: r.interiors, found: r.detections, kept: merged.kept } };
  }

  return {
    cameraId: camera.id,
    zones,
    async process(frame) {
      const t0 = performance.now();
      frameMs = frame.tMs;
      const decision = gate?.decide(frame, explained);
      const v = takeVerdict();
      const detectorRan = decision?.detect ?? true;
      // A still frame gets the detections of the frame the detector last saw: the same image within the noise threshold.
      // A coasted frame gets them too, those the motion touched moved along their tracks (track-coast.ts).
      const coasted = v?.kind === 'coast' ? v.detections : undefined;
      const looked = decision?.reason === 'look' && v?.kind === 'look' && detector.detectWindow ? await look(frame, v, detector.detectWindow.bind(detector)) : undefined;
      const raw = looked ? looked.raw : detectorRan ? await detector.detect(frame, detectOptions) : (coasted ?? lastRaw);
      const detectMs = performance.now() - t0;
      const tracks = tracker.update(raw, frame.tMs, looked?.copies ?? coasted !== undefined);
      if (detectorRan && looked?.windows) {
        // Anchors of the windows' detections, measured now; the copies keep the anchors of the passes that measured them.
        const { interiors, found, kept } = looked.windows;
        anchors = [...kept, ...anchorDetections(found, tracker.tracks(), frame.tMs, coast.minIou, anchors)];
        examined = [...examined, ...(decision?.motion?.boxes ?? []).filter((b) => interiors.some((i) => boxesOverlap(b, i)))];
        lastRaw = anchors.map((a) => a.detection);
      } else if (detectorRan) {
        lastRaw = raw;
        if (gate) {
          anchors = anchorDetections(raw, tracker.tracks(), frame.tMs, coast.minIou, anchors);
          examined = decision?.motion?.boxes ?? [];
        }
      }
      prevTracks = tracks;
      const detections = raw.filter(isHigh);
      const { extras, writer } = createExtras();
      const analyzerMs: Record<string, number> = {};
      for (const a of analyzers) {
        const t1 = performance.now();
        await a.analyze({ frame, tracks, detections, ...(decision ? { gate: decision } : {}) }, writer);
        analyzerMs[a.name] = performance.now() - t1;
      }
      const weakDetections = thresholds ? raw.filter((d) => !isHigh(d)) : [];
      const obs: Observation = { tMs: frame.tMs, tracks, detections, weakDetections, frame, extras };
      const events: RuleEvent[] = [];
      for (const slot of slots) {
        const out = slot.rule.step(slot.state, obs, ctx);
        slot.state = out.state;
        events.push(...out.events);
      }
      const explanations = opts.explain ? explainRules(slots, ctx) : undefined;
      return {
        detections: raw,
        tracks,
        events,
        detectMs,
        detectorRan,
        ...(looked?.windows ? { windows: looked.windows.interiors } : {}),
        analyzerMs,
        extras,
        ...(decision ? { gate: decision } : {}),
        ...(explanations ? { explanations } : {}),
      };
    },
    async close() {
      await Promise.all(analyzers.map((a) => a.close?.()));
    },
  };
}

function explainRules(slots: readonly RuleSlot[], ctx: RuleContext): Partial<Record<EventType, RuleExplanation>> {
  const out: Partial<Record<EventType, RuleExplanation>> = {};
  for (const { rule, state } of slots) {
    out[rule.type] = rule.explain(state, ctx);
  }
  return out;
}

/** The high-score threshold table of a detector config (replay detections are taken as recorded). */
export function thresholdsOf(config: DetectorConfig): ThresholdTable | undefined {
  return config.kind === 'replay' ? undefined : createThresholdTable(config.thresholds);
}
