/**
 * The crowd counting analyzer (crowd_density). Per camera:
 * - a second detector pass on overlapping tiles of the crowd zones' bounding box (all tiles on the
 *   first frame, then round-robin at crowdCountTilesPerSecond, so the cost is spread evenly);
 * - every crowdCountSeconds, a count: merged tile and frame detections plus head blobs at the
 *   scale of the person scale model (estimate.ts), learnt from the detections themselves;
 * - the median of the counts over the last crowdCountWindowSeconds, written as the 'crowd.count' extra
 *   on every frame once a first count exists.
 */
import type { Detection, Frame, Zone } from '../../core/types.ts';
import type { RuleParams } from '../../config/schema.ts';
import type { Detector } from '../../detect/detector.ts';
import { extraKey, type ExtrasWriter } from '../../rules/extras.ts';
import type { AnalyzerFactory, AnalyzerInput, FrameAnalyzer } from '../analyzer.ts';
import { estimateCrowd, type CrowdEstimate, type EstimateOptions, DEFAULT_ESTIMATE } from './estimate.ts';
import { mergePersons } from './merge.ts';
import { fitScale, type ScaleModel, type ScaleSample } from './scale.ts';
import { smoothEstimates, type CrowdCount } from './smooth.ts';
import { cropTile, mapFromTile, planTiles, regionOf, type PixelRect, type TileDetection } from './tiles.ts';

export type { CrowdCount } from './smooth.ts';

/** The smoothed crowd count of the camera, present once a first count exists. */
export const CROWD_COUNT = extraKey<CrowdCount>('crowd.count');

export const CROWD_ANALYZER_NAME = 'crowd-count';
const DEFAULT_PERSON_SCORE = 0.3;

export interface CrowdAnalyzerOptions {
  readonly zones: readonly Zone[];
  readonly detector: Detector;
  /** Minimum score of a counted person (the tracker's person threshold). */
  readonly minScore: number;
  readonly params: Pick<RuleParams, 'crowdCountSeconds' | 'crowdCountTilesPerSecond' | 'crowdCountWindowSeconds'>;
  readonly estimate?: EstimateOptions;
}

interface Layout {
  readonly region: PixelRect;
  readonly tiles: readonly PixelRect[];
  readonly width: number;
  readonly height: number;
}

/** Samples for the scale model: boxes whose width no tile or frame side cut. */
function samplesOf(dets: readonly TileDetection[]): ScaleSample[] {
  return dets.filter((d) => !d.cut).map((d) => ({ y: d.box.y1, w: d.box.x2 - d.box.x1 }));
}

export function createCrowdAnalyzer(opts: CrowdAnalyzerOptions): FrameAnalyzer {
  const countMs = opts.params.crowdCountSeconds * 1000;
  const tileMs = 1000 / opts.params.crowdCountTilesPerSecond;
  const windowMs = opts.params.crowdCountWindowSeconds * 1000;
  const isPerson = (d: Detection): boolean => d.label === 'person' && d.score >= opts.minScore;
  let layout: Layout | undefined;
  const tileDets = new Map<number, TileDetection[]>();
  const samples = new Map<number, ScaleSample[]>();
  let scale: ScaleModel | null = null;
  let nextTile = 0;
  let lastTileMs = -Infinity;
  let lastCountMs = -Infinity;
  let history: { readonly tMs: number; readonly estimate: CrowdEstimate }[] = [];

  async function runTile(frame: Frame, index: number): Promise<void> {
    const tile = layout!.tiles[index]!;
    const found = await opts.detector.detect(cropTile(frame, tile));
    const dets = found.filter(isPerson).map((d) => mapFromTile(d, tile, frame.width, frame.height));
    tileDets.set(index, dets);
    samples.set(index, samplesOf(dets));
  }

  async function refreshTiles(frame: Frame): Promise<void> {
    if (!layout || layout.width !== frame.width || layout.height !== frame.height) {
      const region = regionOf(opts.zones, frame.width, frame.height);
      layout = { region, tiles: planTiles(region), width: frame.width, height: frame.height };
      tileDets.clear();
      samples.clear();
      for (let i = 0; i < layout.tiles.length; i++) await runTile(frame, i);
      lastTileMs = frame.tMs;
      return;
    }
    if (frame.tMs - lastTileMs < tileMs) return;
    await runTile(frame, nextTile);
    nextTile = (nextTile + 1) % layout.tiles.length;
    lastTileMs = frame.tMs;
  }

  function count(frame: Frame, detections: readonly Detection[]): void {
    // The frame pass only counts: at its scale a packed crowd gives group boxes, too wide for the scale model.
    const own = detections.filter(isPerson);
    scale = fitScale([...samples.values()].flat()) ?? scale;
    const persons = mergePersons([...own, ...[...tileDets.values()].flat()]);
    const estimate = estimateCrowd({ frame, region: layout!.region, persons, scale, zones: opts.zones }, opts.estimate ?? DEFAULT_ESTIMATE);
    history = [...history.filter((h) => frame.tMs - h.tMs < windowMs), { tMs: frame.tMs, estimate }];
    lastCountMs = frame.tMs;
  }

  return {
    name: CROWD_ANALYZER_NAME,
    async analyze(input: AnalyzerInput, out: ExtrasWriter): Promise<void> {
      const { frame } = input;
      await refreshTiles(frame);
      if (frame.tMs - lastCountMs >= countMs) count(frame, input.detections);
      const smoothed = smoothEstimates(history, scale);
      if (smoothed) out.set(CROWD_COUNT, smoothed);
    },
  };
}

export const crowdAnalyzerFactory: AnalyzerFactory = {
  name: CROWD_ANALYZER_NAME,
  create: ({ camera, zones, deps }) =>
    createCrowdAnalyzer({
      zones,
      detector: deps.detector,
      minScore: deps.thresholds?.person ?? DEFAULT_PERSON_SCORE,
      params: camera.params,
    }),
};
