/**
 * The `fire` frame analyzer: flame colour + flicker evidence on a ~160 px copy of the frame
 * (flame.ts), and optionally a user-supplied ONNX fire/smoke model (camera.fireDetector). It only
 * measures; the fire rule (rules/fire.ts) decides.
 */
import type { Box, Detection, Frame } from '../../core/types.ts';
import { extraKey } from '../../rules/extras.ts';
import type { AnalyzerFactory, AnalyzerInput, FrameAnalyzer } from '../analyzer.ts';
import { openEventModel, throttle, type ThrottledModel } from '../event-model.ts';
import { flameMaskFull } from './colour.ts';
import { fineRegions, type CropCache } from './fine.ts';
import { DEFAULT_FLAME_OPTIONS, flameRegions, pixelEvidence, type FlameOptions, type FlameRegion } from './flame.ts';
import { globalShift } from './global-motion.ts';
import { pushFrame, shiftTolerantChange, type MaskWindow } from './mask-window.ts';
import { boxesById, clearInside, objectBoxes, sweptBoxes } from './moving-objects.ts';
import { stepSmoke, type SmokeModel, type SmokeRegion } from './smoke.ts';
import { downscale } from './small-frame.ts';

export interface FlameEvidence extends FlameRegion {
  /** The region's box in normalised frame coordinates. */
  readonly box: Box;
}

export interface SmokeEvidence extends SmokeRegion {
  readonly box: Box;
}

export interface FireEvidence {
  /** Size of the analysed small frame (areas in FlameRegion are in its pixels). */
  readonly width: number;
  readonly height: number;
  readonly regions: readonly FlameEvidence[];
  readonly smoke: readonly SmokeEvidence[];
  /** fire / smoke detections of the configured ONNX model (latest run), if any. */
  readonly modelDetections: readonly Detection[];
}

export const FIRE_EVIDENCE = extraKey<FireEvidence>('fire');

export interface FireAnalyzerOptions {
  /** Width of the analysed copy of the frame. */
  readonly targetWidth: number;
  /** Frames kept: the flame evidence uses the latest flame.recentFrames, periodicity all of them. */
  readonly historyFrames: number;
  readonly flame: FlameOptions;
  /** Look for smoke that starts in view (smoke.ts), besides flames. */
  readonly smoke: boolean;
  /** Re-examine small warm places at full resolution (fine.ts). */
  readonly fine: boolean;
  /** Frames a person or vehicle box keeps masking smoke after it was seen (shadows, late detections). */
  readonly objectMemoryFrames: number;
}

export const DEFAULT_FIRE_ANALYZER: FireAnalyzerOptions = { targetWidth: 160, historyFrames: 20, flame: DEFAULT_FLAME_OPTIONS, smoke: true, fine: true, objectMemoryFrames: 10 };

/**
 * Copies of the latest full frames for fine.ts, in `size` buffers reused from frame to frame. Keeping
 * the frames themselves held each one past the young generation: freeing them took a full
 * collection every few frames (on a dev fire clip, 27-44 in 150 frames; docs/motion-gating.md).
 * A copy into a reused buffer costs a memcpy. `size` must exceed the number of full
 * frames the window keeps (mask-window.ts pushFrame drops the older ones before a slot comes round).
 */
export function fullFrameCopies(size: number): (frame: Pick<Frame, 'width' | 'data'>) => Pick<Frame, 'width' | 'data'> {
  const slots: Uint8Array[] = [];
  let next = 0;
  return (frame) => {
    let slot = slots[next];
    if (slot?.length !== frame.data.length) {
      slot = new Uint8Array(frame.data.length);
      slots[next] = slot;
    }
    slot.set(frame.data);
    next = (next + 1) % size;
    return { width: frame.width, data: slot };
  };
}

function toEvidence<R extends FlameRegion | SmokeRegion>(r: R, width: number, height: number): R & { box: Box } {
  return { ...r, box: { x1: r.x1 / width, y1: r.y1 / height, x2: (r.x2 + 1) / width, y2: (r.y2 + 1) / height } };
}

export function createFireAnalyzer(model?: ThrottledModel, o: FireAnalyzerOptions = DEFAULT_FIRE_ANALYZER): FrameAnalyzer {
  let win: MaskWindow | undefined;
  let previousBoxes = new Map<number, Box>();
  let smokeModel: SmokeModel | undefined;
  const crops: CropCache = new Map();
  const copyFull = fullFrameCopies(o.flame.recentFrames + 1);
  /** Person and vehicle boxes of the latest frames: smoke is not looked for where they have just been. */
  let recentObjects: Box[][] = [];
  return {
    name: 'fire',
    async analyze({ frame, tracks }: AnalyzerInput, out) {
      const small = downscale(frame, o.targetWidth);
      const { width, height } = small;
      const prev = win?.width === width && win.height === height ? win.frames[win.frames.length - 1] : undefined;
      let shift = { dx: 0, dy: 0 };
      let change: Uint8Array = new Uint8Array(width * height);
      const mask = flameMaskFull(frame, small);
      const moving = sweptBoxes(tracks, previousBoxes);
      if (prev) {
        shift = globalShift(prev.luma, small.luma, width, height);
        change = shiftTolerantChange(prev.luma, small.luma, width, height, shift.dx, shift.dy);
        clearInside(change, width, height, moving);
      }
      previousBoxes = boxesById(tracks);
      const full = o.fine ? { full: copyFull(frame) } : {};
      win = pushFrame(win, width, height, { tMs: frame.tMs, mask, luma: small.luma, change, shift, moving, ...full }, o.historyFrames, o.flame.recentFrames);
      const pixels = pixelEvidence(win, o.flame);
      const coarse = flameRegions(win, o.flame, pixels.candidates);
      const fine = o.fine ? fineRegions(win, pixels.warm, small.factor, o.flame, crops) : [];
      const regions = [...coarse, ...fine].map((r) => toEvidence(r, width, height));
      let smoke: SmokeEvidence[] = [];
      if (o.smoke) {
        recentObjects = [...recentObjects.slice(-(o.objectMemoryFrames - 1)), objectBoxes(tracks)];
        const step = stepSmoke(smokeModel, small, recentObjects.flat());
        smokeModel = step.model;
        smoke = step.regions.map((r) => toEvidence(r, width, height));
      }
      const fromModel = model ? (await model.detect(frame)).detections : [];
      const modelDetections = fromModel.filter((d) => d.label === 'fire' || d.label === 'smoke');
      out.set(FIRE_EVIDENCE, { width, height, regions, smoke, modelDetections });
    },
    close: async () => model?.close(),
  };
}

export const fireAnalyzerFactory: AnalyzerFactory = {
  name: 'fire',
  async create({ camera, deps }) {
    const cfg = camera.fireDetector;
    const model = cfg ? throttle(await openEventModel(cfg, { modelsDir: deps.modelsDir }), cfg.intervalSeconds * 1000) : undefined;
    return createFireAnalyzer(model);
  },
};
