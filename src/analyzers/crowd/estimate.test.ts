import { describe, expect, it } from 'vitest';
import type { Zone } from '../../core/types.ts';
import { greyOf } from './blobs.ts';
import { DEFAULT_ESTIMATE, estimateCrowd, planBands, type EstimateInput } from './estimate.ts';
import type { ScaleModel } from './scale.ts';
import { discFrame, lattice } from './test-frames.ts';

const W = 320;
const H = 240;
/** People 14 px wide everywhere: blob sigma 2.1, right for heads of radius 3. */
const flat = (wPx: number): ScaleModel => ({ knots: [{ y: 0.5, w: wPx / W }], slope: 0, smallest: 0, samples: 10 });
const band = (id: string, y0: number, y1: number, extra: Partial<Zone> = {}): Zone => ({
  id,
  kind: 'crowd',
  polygon: [
    { x: 0, y: y0 },
    { x: 1, y: y0 },
    { x: 1, y: y1 },
    { x: 0, y: y1 },
  ],
  ...extra,
});

describe('planBands', () => {
  it('covers the rows with bands of near-constant scale, and skips rows of wide people', () => {
    const ramp: ScaleModel = { knots: [{ y: 0, w: 4 / W }, { y: 1, w: 80 / W }], slope: 0, smallest: 0, samples: 20 };
    const region = { x: 0, y: 0, width: W, height: H };
    const bands = planBands(region, W, H, ramp, DEFAULT_ESTIMATE);
    for (let i = 1; i < bands.length; i++) expect(bands[i]!.y0).toBe(bands[i - 1]!.y1);
    expect(bands[0]!.y0).toBe(0);
    // Rows where people are wider than 48 px (y > 0.58) are left to the detector.
    expect(bands.at(-1)!.y1).toBeLessThan(0.6 * H);
    expect(bands.at(-1)!.y1).toBeGreaterThan(0.55 * H);
    for (const b of bands) expect(b.sigma).toBeGreaterThanOrEqual(0.7);
    expect(bands.every((b, i) => i === 0 || b.sigma >= bands[i - 1]!.sigma)).toBe(true);
  });
});

describe('estimateCrowd', () => {
  const heads = lattice(0, 120, W, H, 12, 3);
  const frame = discFrame(W, H, heads);
  const region = { x: 0, y: 120, width: W, height: 120 };
  const zone = band('floor', 0.5, 1, { areaM2: 100 });
  /** The input of one count: the blob bands follow the person scale model (null: no bands). */
  const input = (o: { frame: typeof frame; region: typeof region; persons: EstimateInput['persons']; scale: ScaleModel | null; zones: Zone[] }): EstimateInput => ({
    frameSize: { width: W, height: H },
    region: o.region,
    grey: greyOf(o.frame, o.region),
    persons: o.persons,
    bands: o.scale ? planBands(o.region, W, H, o.scale, DEFAULT_ESTIMATE) : [],
    scaleFrom: 'detections',
    zones: o.zones,
  });

  it('counts a packed crowd of heads no detector found, and gives its density', () => {
    const e = estimateCrowd(input({ frame, region, persons: [], scale: flat(14), zones: [zone] }));
    expect(e.frameCount).toBeGreaterThan(heads.length * 0.8);
    expect(e.frameCount).toBeLessThan(heads.length * 1.2);
    expect(e.detected).toBe(0);
    expect(e.zones[0]!.density).toBeCloseTo(e.zones[0]!.count / 100);
  });

  it('counts a detected person once: the heads inside its box are not blobs', () => {
    const box = { x1: 0.1, y1: 0.5, x2: 0.4, y2: 0.8 };
    const without = estimateCrowd(input({ frame, region, persons: [], scale: flat(14), zones: [zone] }));
    const withBox = estimateCrowd(input({ frame, region, persons: [{ box }], scale: flat(14), zones: [zone] }));
    const covered = heads.filter((h) => h.x >= 0.1 * W && h.x <= 0.4 * W && h.y >= 0.5 * H && h.y <= 0.8 * H).length;
    expect(withBox.detected).toBe(1);
    expect(withBox.frameCount).toBeLessThan(without.frameCount - covered * 0.7);
  });

  it('without a scale model, counts the detections only', () => {
    const persons = [{ box: { x1: 0.1, y1: 0.6, x2: 0.2, y2: 0.9 } }, { box: { x1: 0.5, y1: 0.1, x2: 0.6, y2: 0.3 } }];
    const e = estimateCrowd(input({ frame, region, persons, scale: null, zones: [zone] }));
    expect(e).toEqual({ frameCount: 1, detected: 1, zones: [{ zoneId: 'floor', count: 1, density: 0.01, areaM2: 100 }], scaleFrom: 'none' });
  });

  it('counts per zone; the frame count is the union of the zones; a zone without area has no density', () => {
    const e = estimateCrowd(input({
      frame,
      region,
      persons: [],
      scale: flat(14),
      zones: [band('upper', 0.5, 0.75, { areaM2: 50 }), band('lower', 0.75, 1), band('all', 0.5, 1, { kind: 'forbidden' })],
    }));
    expect(e.zones.map((z) => z.zoneId)).toEqual(['upper', 'lower']);
    expect(e.zones[1]!.density).toBeUndefined();
    expect(e.frameCount).toBeCloseTo(e.zones[0]!.count + e.zones[1]!.count, 5);
  });

  it('with no crowd zone, the whole analysed region counts', () => {
    const all = { x: 0, y: 0, width: W, height: H };
    const e = estimateCrowd(input({ frame, region: all, persons: [], scale: flat(14), zones: [] }));
    expect(e.zones).toEqual([]);
    expect(e.frameCount).toBeGreaterThan(heads.length * 0.8);
  });

  it('an empty floor counts nobody', () => {
    const e = estimateCrowd(input({ frame: discFrame(W, H, []), region, persons: [], scale: flat(14), zones: [zone] }));
    expect(e.frameCount).toBe(0);
  });
});
