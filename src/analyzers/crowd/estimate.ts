/**
 * One crowd count: the merged person detections, plus the head-sized blobs found outside their
 * boxes where people are too small or too packed to be detected. The blob bands come from the
 * person scale model (planBands: a head is about 0.4 of the shoulder width, sigma about 0.15 of
 * it) or, where no person was detected to give a scale, from the texture (texture-scale.ts); the
 * dark and bright blob counts are averaged: on a packed crowd they alternate (heads and the gaps
 * between them), so each one is an estimate of the head count on its own.
 */
import type { Box, Point, Zone } from '../../core/types.ts';
import { boxCenter, pointInPolygon } from '../../core/geometry.ts';
import { findBlobs, type BlobBand, type BlobThreshold, type GreyImage } from './blobs.ts';
import { widthAt, type ScaleModel } from './scale.ts';
import type { PixelRect } from './tiles.ts';

export interface EstimateOptions {
  /** A blob's scale-normalised LoG response must exceed this share of the local RMS response, and this share of the image's grey-level deviation. */
  readonly blobThreshold: BlobThreshold;
  /** Blob sigma as a fraction of the person width at that row. */
  readonly sigmaPerWidth: number;
  /** Rows where people are wider than this (pixels) are left to the detector alone. */
  readonly maxBlobWidthPx: number;
  /** People are never assumed narrower than this (pixels): the smallest head still resolved. */
  readonly minWidthPx: number;
}

export const DEFAULT_ESTIMATE: EstimateOptions = { blobThreshold: { relative: 1, floorShare: 0.15 }, sigmaPerWidth: 0.15, maxBlobWidthPx: 48, minWidthPx: 10 };

/** A band keeps the same scale within this ratio. */
const BAND_SCALE_RATIO = 1.25;
const MIN_SIGMA = 0.7;

export interface ZoneCount {
  readonly zoneId: string;
  readonly count: number;
  /** Persons per m², for zones with an areaM2. */
  readonly density?: number;
  readonly areaM2?: number;
}

/** Where the head-blob scale came from: the detected persons, the image texture, or nowhere (detections only). */
export type BlobScaleSource = 'detections' | 'texture' | 'none';

export interface CrowdEstimate {
  /** Persons in the union of the crowd zones (each once), or in the whole frame when there is none. */
  readonly frameCount: number;
  /** Of which detected by the detector (the rest are head blobs). */
  readonly detected: number;
  readonly zones: readonly ZoneCount[];
  readonly scaleFrom: BlobScaleSource;
}

export interface EstimateInput {
  readonly frameSize: { readonly width: number; readonly height: number };
  readonly region: PixelRect;
  /** Luminance of the region. */
  readonly grey: GreyImage;
  /** Merged person detections, normalised frame coordinates. */
  readonly persons: readonly { readonly box: Box }[];
  /** Where to look for head blobs and at which scale (rows of the region); empty: detections only. */
  readonly bands: readonly BlobBand[];
  readonly scaleFrom: BlobScaleSource;
  readonly zones: readonly Zone[];
}

/** Bands of region rows with a near-constant blob scale, down to the rows where people get too wide. */
export function planBands(region: PixelRect, frameWidth: number, frameHeight: number, scale: ScaleModel, opts: EstimateOptions): BlobBand[] {
  const sigmaAt = (r: number): number | null => {
    const wPx = widthAt(scale, (region.y + r + 0.5) / frameHeight, opts.minWidthPx / frameWidth) * frameWidth;
    return wPx > opts.maxBlobWidthPx ? null : Math.max(MIN_SIGMA, opts.sigmaPerWidth * wPx);
  };
  const bands: BlobBand[] = [];
  let start = 0;
  while (start < region.height) {
    const s0 = sigmaAt(start);
    if (s0 === null) {
      start += 1;
      continue;
    }
    let end = start + 1;
    while (end < region.height) {
      const s = sigmaAt(end);
      if (s === null || s / s0 > BAND_SCALE_RATIO || s0 / s > BAND_SCALE_RATIO) break;
      end += 1;
    }
    bands.push({ y0: start, y1: end, sigma: sigmaAt((start + end - 1) >> 1) ?? s0 });
    start = end;
  }
  return bands;
}

/** 1 where a person box covers the region pixel. */
function boxMask(region: PixelRect, boxes: readonly { readonly box: Box }[], fw: number, fh: number): Uint8Array {
  const mask = new Uint8Array(region.width * region.height);
  for (const { box } of boxes) {
    const x1 = Math.max(0, Math.floor(box.x1 * fw) - region.x);
    const x2 = Math.min(region.width, Math.ceil(box.x2 * fw) - region.x);
    const y1 = Math.max(0, Math.floor(box.y1 * fh) - region.y);
    const y2 = Math.min(region.height, Math.ceil(box.y2 * fh) - region.y);
    for (let y = y1; y < y2; y++) mask.fill(1, y * region.width + Math.max(0, x1), y * region.width + Math.max(0, x2));
  }
  return mask;
}

export function estimateCrowd(input: EstimateInput, opts: Pick<EstimateOptions, 'blobThreshold'> = DEFAULT_ESTIMATE): CrowdEstimate {
  const { frameSize, region, persons, bands } = input;
  const fw = frameSize.width;
  const fh = frameSize.height;
  const inRegion = (p: Point): boolean =>
    p.x * fw >= region.x && p.x * fw < region.x + region.width && p.y * fh >= region.y && p.y * fh < region.y + region.height;
  const centres = persons.map((d) => boxCenter(d.box)).filter(inRegion);
  let dark: Point[] = [];
  let bright: Point[] = [];
  if (bands.length > 0) {
    const mask = boxMask(region, persons, fw, fh);
    const free = (p: Point): boolean => mask[Math.round(p.y) * region.width + Math.round(p.x)] === 0;
    const toFrame = (p: Point): Point => ({ x: (region.x + p.x + 0.5) / fw, y: (region.y + p.y + 0.5) / fh });
    const blobs = findBlobs(input.grey, bands, opts.blobThreshold);
    dark = blobs.dark.filter(free).map(toFrame);
    bright = blobs.bright.filter(free).map(toFrame);
  }
  const zones = input.zones
    .filter((z) => z.kind === 'crowd')
    .map((z): ZoneCount => {
      const inside = (p: Point): boolean => pointInPolygon(p, z.polygon);
      const count = centres.filter(inside).length + (dark.filter(inside).length + bright.filter(inside).length) / 2;
      return z.areaM2 ? { zoneId: z.id, count, density: count / z.areaM2, areaM2: z.areaM2 } : { zoneId: z.id, count };
    });
  const crowdZones = input.zones.filter((z) => z.kind === 'crowd');
  const counted = crowdZones.length === 0 ? (): boolean => true : (p: Point): boolean => crowdZones.some((z) => pointInPolygon(p, z.polygon));
  const detected = centres.filter(counted).length;
  const blobCount = (dark.filter(counted).length + bright.filter(counted).length) / 2;
  return { frameCount: detected + blobCount, detected, zones, scaleFrom: bands.length > 0 ? input.scaleFrom : 'none' };
}
