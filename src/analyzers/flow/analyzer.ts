/**
 * The 'flow' frame analyzer: dense optical flow between consecutive analysed frames, on a small
 * grey grid (GRID_WIDTH pixels wide, the frame's aspect kept), summarised for the rules as the
 * FLOW_SUMMARY extra (see summary.ts). Cost: a few ms a frame at 160 x 120 (docs/events/crowd_movement.md).
 *
 * Frame -> luma, area-averaged to the grid -> zero mean, unit variance (a global brightness or
 * contrast change is not motion) -> light smoothing -> pyramidal Lucas-Kanade against the previous
 * frame (lucas-kanade.ts), fast movers re-measured by block matching (block-match.ts) -> summary,
 * and the crowd's motion in body units from the frame's person detections (crowd-motion.ts: the
 * CROWD_MOTION extra). If the camera has 'watch' zones, only the pixels (and persons) inside them
 * count. Nothing is written for the first frame, after a gap longer than MAX_GAP_MS (a stalled
 * stream: the flow would be meaningless) or when the frame size changes.
 */
import type { Detection, Point, Zone } from '../../core/types.ts';
import { boxCenter, pointInPolygon } from '../../core/geometry.ts';
import type { AnalyzerFactory, FrameAnalyzer } from '../analyzer.ts';
import { downscaleGrey, normalise, smooth, type GreyImage } from './grey.ts';
import { createWorkspace, denseFlow, DEFAULT_LK, type LkOptions } from './lucas-kanade.ts';
import { DEFAULT_BLOCK_MATCH, rescueLargeMotion, type BlockMatchOptions } from './block-match.ts';
import { DEFAULT_SUMMARY, FLOW_SUMMARY, summariseFlow, type SummaryOptions } from './summary.ts';
import { CROWD_MOTION, cellField, measureCrowdMotion, type CellField } from './crowd-motion.ts';

export const GRID_WIDTH = 160;
export const MAX_GAP_MS = 1000;
/**
 * The turbulence compares the cells' velocities about this long apart (one frame at the default
 * 5 fps): a velocity change depends on the interval it is measured over, so the interval is kept
 * whatever the analysis rate, within [MIN, MAX]_TURBULENCE_INTERVAL_MS.
 */
export const TURBULENCE_INTERVAL_MS = 200;
const MIN_TURBULENCE_INTERVAL_MS = 100;
const MAX_TURBULENCE_INTERVAL_MS = 600;

/** The cell field measured about TURBULENCE_INTERVAL_MS before `nowMs`, within the allowed intervals. */
function cellsAbout(history: readonly { readonly tMs: number; readonly cells: CellField }[], nowMs: number): CellField | undefined {
  let best: { readonly age: number; readonly cells: CellField } | undefined;
  for (const h of history) {
    const age = nowMs - h.tMs;
    if (age < MIN_TURBULENCE_INTERVAL_MS || age > MAX_TURBULENCE_INTERVAL_MS) continue;
    if (!best || Math.abs(age - TURBULENCE_INTERVAL_MS) < Math.abs(best.age - TURBULENCE_INTERVAL_MS)) best = { age, cells: h.cells };
  }
  return best?.cells;
}

export interface FlowAnalyzerOptions {
  readonly gridWidth: number;
  readonly maxGapMs: number;
  readonly lk: LkOptions;
  /** Block search where LK leaves a large residual (fast movers); undefined: off. */
  readonly blockMatch: BlockMatchOptions | undefined;
  readonly summary: SummaryOptions;
  /** Polygons (normalised) whose pixels count; empty: the whole frame. */
  readonly watch: readonly (readonly Point[])[];
}

export const DEFAULT_FLOW: FlowAnalyzerOptions = {
  gridWidth: GRID_WIDTH,
  maxGapMs: MAX_GAP_MS,
  lk: DEFAULT_LK,
  blockMatch: DEFAULT_BLOCK_MATCH,
  summary: DEFAULT_SUMMARY,
  watch: [],
};

/** 1 for grid pixels whose centre lies in one of the polygons; undefined when there are none. */
export function watchMask(width: number, height: number, polygons: FlowAnalyzerOptions['watch']): Uint8Array | undefined {
  if (polygons.length === 0) return undefined;
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = { x: (x + 0.5) / width, y: (y + 0.5) / height };
      mask[y * width + x] = polygons.some((poly) => pointInPolygon(p, poly)) ? 1 : 0;
    }
  }
  return mask;
}

export function createFlowAnalyzer(options: Partial<FlowAnalyzerOptions> = {}): FrameAnalyzer {
  const o: FlowAnalyzerOptions = { ...DEFAULT_FLOW, ...options };
  const ws = createWorkspace();
  let prev: { readonly img: GreyImage; readonly tMs: number } | undefined;
  let mask: { readonly width: number; readonly height: number; readonly data: Uint8Array | undefined } | undefined;
  let cellHistory: { readonly tMs: number; readonly cells: CellField }[] = [];
  const watched = (d: Detection): boolean => o.watch.length === 0 || o.watch.some((poly) => pointInPolygon(boxCenter(d.box), poly));
  return {
    name: 'optical-flow',
    async analyze({ frame, detections }, out) {
      const img = smooth(normalise(downscaleGrey(frame.data, frame.width, frame.height, o.gridWidth)));
      const last = prev;
      prev = { img, tMs: frame.tMs };
      if (!last || last.img.width !== img.width || last.img.height !== img.height) return;
      const dtMs = frame.tMs - last.tMs;
      if (dtMs <= 0 || dtMs > o.maxGapMs) {
        cellHistory = [];
        return;
      }
      if (!mask || mask.width !== img.width || mask.height !== img.height)
        mask = { width: img.width, height: img.height, data: watchMask(img.width, img.height, o.watch) };
      const field = denseFlow(last.img, img, o.lk, ws);
      if (o.blockMatch) rescueLargeMotion(last.img, img, field.u, field.v, o.blockMatch);
      out.set(FLOW_SUMMARY, summariseFlow(field, dtMs, o.summary, mask.data));
      const cells = cellField(field, o.summary.minMovePx, mask.data);
      const previousCells = cellsAbout(cellHistory, frame.tMs);
      cellHistory = [...cellHistory.filter((h) => frame.tMs - h.tMs <= MAX_TURBULENCE_INTERVAL_MS), { tMs: frame.tMs, cells }];
      const persons = detections.filter((d) => d.label === 'person' && watched(d));
      out.set(CROWD_MOTION, measureCrowdMotion({ field, cells, previousCells, persons, dtMs, minMovePx: o.summary.minMovePx }));
    },
  };
}

export const flowAnalyzerFactory: AnalyzerFactory = {
  name: 'optical-flow',
  create: ({ zones }: { readonly zones: readonly Zone[] }) =>
    createFlowAnalyzer({ watch: zones.filter((z) => z.kind === 'watch').map((z) => z.polygon) }),
};
