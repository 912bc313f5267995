/**
 * The crowd counting analyzer (crowd_density). Per camera:
 * - a second detector pass on overlapping tiles of the crowd zones' bounding box (all tiles on the
 *   first frame, then round-robin at crowdCountTilesPerSecond, so the cost is spread evenly);
 * - every crowdCountSeconds, a count: merged tile and frame detections plus head blobs at the
 *   scale of the person scale model (estimate.ts), learnt from the detections themselves, or, where
 *   too few persons were detected to give a scale, at the scale of the moving blob texture of the
 *   image (texture-scale.ts);
 * - the median of the counts over the last crowdCountWindowSeconds, written as the 'crowd.count' extra
 *   on every frame once a first count exists;
 * - when the view changes (a cut, a PTZ preset: view-change.ts), everything learnt from the old
 *   view (tile detections, scale, counts) is dropped as soon as the new view holds still for a
 *   frame, all tiles run again, and the next count comes one second later (the texture needs a
 *   reference frame to show that it moves);
 * - with motion gating (`input.gate`), a tile whose area no motion region touched since its last
 *   pass keeps its detections at its turn, and a count over a region that did not change (same
 *   tiles, same image) repeats the last estimate: the detector and the blob filters would see the
 *   same pixels (change-watch.ts). The schedule (tile turns, count times) stays on the media clock.
 */
import type { Detection, Frame, Zone } from '../../core/types.ts';
import type { RuleParams } from '../../config/schema.ts';
import type { Detector } from '../../detect/detector.ts';
import { extraKey, type ExtrasWriter } from '../../rules/extras.ts';
import type { AnalyzerFactory, AnalyzerInput, FrameAnalyzer } from '../analyzer.ts';
import { createChangeWatch } from '../change-watch.ts';
import { greyOf, type BlobBand, type GreyImage } from './blobs.ts';
import { estimateCrowd, planBands, type BlobScaleSource, type CrowdEstimate, type EstimateOptions, DEFAULT_ESTIMATE } from './estimate.ts';
import { isPartOf, mergePersons } from './merge.ts';
import { fitScale, MIN_SCALE_SAMPLES, type ScaleModel, type ScaleSample } from './scale.ts';
import { smoothEstimates, type CrowdCount } from './smooth.ts';
import { DEFAULT_TEXTURE_SCALE, crowdTextureBands, type TextureScaleOptions } from './texture-scale.ts';
import { cropTile, mapFromTile, planTiles, regionOf, type PixelRect, type TileDetection } from './tiles.ts';
import { DEFAULT_VIEW_CHANGE, thumbnailOf, viewChanged, type Thumbnail, type ViewChangeOptions } from './view-change.ts';

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
  readonly params: Pick<RuleParams, 'crowdCountSeconds' | 'crowdCountTilesPerSecond' | 'crowdCountWindowSeconds'> & Partial<Pick<RuleParams, 'crowdCountBlobContrast'>>;
  readonly estimate?: EstimateOptions;
  readonly texture?: TextureScaleOptions;
  readonly viewChange?: ViewChangeOptions;
}

/** The texture's reference frame is renewed when older than this, and used when between MIN_REF_AGE_MS and twice this old. */
const MAX_REF_AGE_MS = 2000;
const MIN_REF_AGE_MS = 400;
/** After a change of view, the first count waits this long (a texture reference of the new view). */
const FIRST_COUNT_AFTER_CHANGE_MS = 1000;
/**
 * The texture scale of a view is measured again this often (about 65 ms of CPU for a 640 x 360
 * region); the counts in between reuse its bands. During the first TEXTURE_REFRESH_MS of a view, a
 * measurement that found no crowd is repeated at every count instead: one unlucky measurement right
 * after a change of view must not hide a packed crowd for ten seconds.
 */
const TEXTURE_REFRESH_MS = 10_000;

interface Layout {
  readonly region: PixelRect;
  readonly tiles: readonly PixelRect[];
  readonly width: number;
  readonly height: number;
}

/** A frame-pass detection as a tile one: its size is cut only where it touches the frame's border. */
function frameDetection(d: Detection): TileDetection {
  const e = 0.004;
  return { ...d, cut: d.box.x1 <= e || d.box.y1 <= e || d.box.x2 >= 1 - e || d.box.y2 >= 1 - e };
}

/**
 * Samples for the scale model: tile boxes whose width no tile or frame side cut, and that are not
 * a part (head, torso, legs) of another box: their width is not a shoulder width.
 */
export function samplesOf(dets: readonly TileDetection[]): ScaleSample[] {
  return dets
    .filter((d) => !d.cut && !dets.some((o) => o !== d && isPartOf(d.box, o.box)))
    .map((d) => ({ y: d.box.y1, w: d.box.x2 - d.box.x1 }));
}

export function createCrowdAnalyzer(opts: CrowdAnalyzerOptions): FrameAnalyzer {
  const countMs = opts.params.crowdCountSeconds * 1000;
  const tileMs = 1000 / opts.params.crowdCountTilesPerSecond;
  const windowMs = opts.params.crowdCountWindowSeconds * 1000;
  const base = opts.estimate ?? DEFAULT_ESTIMATE;
  const contrast = opts.params.crowdCountBlobContrast;
  const estimateOpts: EstimateOptions = contrast === undefined ? base : { ...base, blobThreshold: { ...base.blobThreshold, relative: contrast } };
  const viewOpts = opts.viewChange ?? DEFAULT_VIEW_CHANGE;
  const isPerson = (d: Detection): boolean => d.label === 'person' && d.score >= opts.minScore;
  let layout: Layout | undefined;
  const tileDets = new Map<number, TileDetection[]>();
  let scale: ScaleModel | null = null;
  let nextTile = 0;
  let lastTileMs = -Infinity;
  let lastCountMs = -Infinity;
  let history: { readonly tMs: number; readonly estimate: CrowdEstimate }[] = [];
  let thumb: Thumbnail | undefined;
  let viewMoved = false;
  let ref: { readonly tMs: number; readonly grey: GreyImage } | undefined;
  let texture: { readonly tMs: number; readonly bands: readonly BlobBand[] } | undefined;
  let viewSinceMs = 0;
  const watch = createChangeWatch();
  /** Bumped whenever a tile's detections are replaced; the last count, with the version it saw. */
  let tilesVersion = 0;
  let lastCount: { readonly estimate: CrowdEstimate; readonly tilesVersion: number } | undefined;
  const areaOf = (r: PixelRect, frame: Frame) => ({ x1: r.x / frame.width, y1: r.y / frame.height, x2: (r.x + r.width) / frame.width, y2: (r.y + r.height) / frame.height });

  async function runTile(frame: Frame, index: number): Promise<void> {
    const tile = layout!.tiles[index]!;
    const key = `tile${index}`;
    if (tileDets.has(index) && !watch.changed(key)) return;
    watch.mark(key, areaOf(tile, frame));
    tilesVersion += 1;
    const found = await opts.detector.detect(cropTile(frame, tile));
    const dets = found.filter(isPerson).map((d) => mapFromTile(d, tile, frame.width, frame.height));
    tileDets.set(index, dets);
  }

  /** Forgets the old view and runs every tile on this frame. */
  async function restart(frame: Frame): Promise<void> {
    tileDets.clear();
    watch.clear();
    lastCount = undefined;
    scale = null;
    history = [];
    ref = undefined;
    texture = undefined;
    viewSinceMs = frame.tMs;
    for (let i = 0; i < layout!.tiles.length; i++) await runTile(frame, i);
    nextTile = 0;
    lastTileMs = frame.tMs;
  }

  /** True when the view has just changed and settled: the caller restarts on this frame. */
  function settledAfterChange(frame: Frame): boolean {
    const next = thumbnailOf(frame, layout!.region, viewOpts.cols);
    const moved = thumb !== undefined && viewChanged(thumb, next, viewOpts);
    thumb = next;
    if (moved) {
      viewMoved = true;
      return false;
    }
    if (!viewMoved) return false;
    viewMoved = false;
    return true;
  }

  async function refreshTiles(frame: Frame): Promise<void> {
    if (!layout || layout.width !== frame.width || layout.height !== frame.height) {
      const region = regionOf(opts.zones, frame.width, frame.height);
      layout = { region, tiles: planTiles(region), width: frame.width, height: frame.height };
      thumb = thumbnailOf(frame, region, viewOpts.cols);
      viewMoved = false;
      await restart(frame);
      return;
    }
    if (settledAfterChange(frame)) {
      await restart(frame);
      lastCountMs = frame.tMs - countMs + FIRST_COUNT_AFTER_CHANGE_MS;
      return;
    }
    // While the view moves, tiles would describe neither view.
    if (viewMoved || frame.tMs - lastTileMs < tileMs) return;
    await runTile(frame, nextTile);
    nextTile = (nextTile + 1) % layout.tiles.length;
    lastTileMs = frame.tMs;
  }

  /** Whether the texture is to be measured within `aheadMs`. */
  function textureDue(tMs: number, aheadMs: number): boolean {
    if (!texture) return true;
    if (texture.bands.length === 0 && tMs - viewSinceMs < TEXTURE_REFRESH_MS) return true;
    return tMs - texture.tMs >= TEXTURE_REFRESH_MS - aheadMs;
  }

  /** Head-blob bands: from the person scale where persons were detected, else from a moving texture. */
  function blobBands(grey: GreyImage, frame: Frame): { bands: readonly BlobBand[]; from: BlobScaleSource } {
    const region = layout!.region;
    if (scale) return { bands: planBands(region, frame.width, frame.height, scale, estimateOpts), from: 'detections' };
    if (textureDue(frame.tMs, 0)) {
      const age = ref ? frame.tMs - ref.tMs : -1;
      const usable = ref && age >= MIN_REF_AGE_MS && age <= 2 * MAX_REF_AGE_MS ? ref.grey : null;
      // Without a usable reference yet, nothing is measured: the next count tries again.
      if (usable) texture = { tMs: frame.tMs, bands: crowdTextureBands(grey, usable, opts.texture ?? DEFAULT_TEXTURE_SCALE) };
    }
    return { bands: texture?.bands ?? [], from: 'texture' };
  }

  function count(frame: Frame, grey: GreyImage, detections: readonly Detection[]): void {
    // A texture measurement due now compares with an older reference frame: it is made afresh.
    const textureNow = scale === null && textureDue(frame.tMs, 0);
    if (lastCount && lastCount.tilesVersion === tilesVersion && !textureNow && !watch.changed('count')) {
      history = [...history.filter((h) => frame.tMs - h.tMs < windowMs), { tMs: frame.tMs, estimate: lastCount.estimate }];
      lastCountMs = frame.tMs;
      return;
    }
    watch.mark('count', areaOf(layout!.region, frame));
    // The frame pass counts, and gives the scale only when the tiles give too few samples: at its
    // scale a packed crowd gives group boxes, but a grainy or blurred tile, enlarged x2.6, may give
    // none at all, and a scale from a few whole persons still beats none.
    const own = detections.filter(isPerson);
    const tileSamples = samplesOf([...tileDets.values()].flat());
    const samples = tileSamples.length >= MIN_SCALE_SAMPLES ? tileSamples : [...tileSamples, ...samplesOf(own.map((d) => frameDetection(d)))];
    scale = fitScale(samples, frame.width / frame.height) ?? scale;
    const persons = mergePersons([...own, ...[...tileDets.values()].flat()]);
    const { bands, from } = blobBands(grey, frame);
    const estimate = estimateCrowd({ frameSize: frame, region: layout!.region, grey, persons, bands, scaleFrom: from, zones: opts.zones }, estimateOpts);
    history = [...history.filter((h) => frame.tMs - h.tMs < windowMs), { tMs: frame.tMs, estimate }];
    lastCountMs = frame.tMs;
    lastCount = { estimate, tilesVersion };
  }

  return {
    name: CROWD_ANALYZER_NAME,
    async analyze(input: AnalyzerInput, out: ExtrasWriter): Promise<void> {
      const { frame } = input;
      watch.see(input.gate, frame.tMs);
      await refreshTiles(frame);
      if (viewMoved) {
        // The old view's counts no longer hold, and the new view has none yet.
        history = [];
        return;
      }
      const counting = frame.tMs - lastCountMs >= countMs;
      // The texture reference is only needed while no person scale is known, shortly before the texture is measured.
      const needRef = scale === null && textureDue(frame.tMs, countMs) && (!ref || frame.tMs - ref.tMs > MAX_REF_AGE_MS);
      if (counting || needRef) {
        const grey = greyOf(frame, layout!.region);
        if (counting) count(frame, grey, input.detections);
        if (needRef) ref = { tMs: frame.tMs, grey };
      }
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
