import { describe, expect, it } from 'vitest';
import { downsample, findBlobs, greyOf, laplacianOfGaussian, localPeaks, PEAK_RADIUS_SIGMAS } from './blobs.ts';
import { discFrame, lattice } from './test-frames.ts';

const full = (f: { width: number; height: number }) => ({ x: 0, y: 0, width: f.width, height: f.height });
const T = { relative: 1, floorShare: 0.15 };

describe('laplacianOfGaussian', () => {
  it('is zero on a flat image and positive at the centre of a dark disc', () => {
    const flat = greyOf(discFrame(40, 40, []), full({ width: 40, height: 40 }));
    expect(Math.max(...laplacianOfGaussian(flat, 2).map(Math.abs))).toBeLessThan(1e-3);
    const f = discFrame(40, 40, [{ x: 20, y: 20, r: 3, value: 0 }]);
    const resp = laplacianOfGaussian(greyOf(f, full(f)), 2.1);
    expect(resp[20 * 40 + 20]!).toBeGreaterThan(20);
  });
});

describe('localPeaks', () => {
  it('one peak per plateau, above the threshold only', () => {
    const resp = new Float32Array(25);
    resp[6] = 5;
    resp[7] = 5;
    resp[18] = 2;
    expect(localPeaks(resp, 5, 5, [0, 5], 1, 1, 1)).toEqual([{ x: 1, y: 1 }, { x: 3, y: 3 }]);
    expect(localPeaks(resp, 5, 5, [0, 5], 1, 3, 1)).toEqual([{ x: 1, y: 1 }]);
  });
});

describe('downsample', () => {
  it('box-averages rows [from, to) by an integer factor', () => {
    const img = { width: 4, height: 4, data: Float32Array.from({ length: 16 }, (_, i) => i) };
    const d = downsample(img, 0, 4, 2);
    expect([...d.data]).toEqual([2.5, 4.5, 10.5, 12.5]);
  });
});

describe('findBlobs', () => {
  it('finds every dark head of a lattice at the matching scale, and nothing on a flat image', () => {
    const heads = lattice(0, 0, 200, 100, 12, 3);
    const f = discFrame(200, 100, heads);
    const blobs = findBlobs(greyOf(f, full(f)), [{ y0: 0, y1: 100, sigma: 2.1 }], T);
    expect(blobs.dark).toHaveLength(heads.length);
    const flat = discFrame(200, 100, []);
    expect(findBlobs(greyOf(flat, full(flat)), [{ y0: 0, y1: 100, sigma: 2.1 }], T)).toEqual({ dark: [], bright: [] });
  });

  it('finds large heads through the downsampled path, at their place', () => {
    const heads = lattice(0, 0, 320, 160, 40, 10);
    const f = discFrame(320, 160, heads);
    const blobs = findBlobs(greyOf(f, full(f)), [{ y0: 0, y1: 160, sigma: 7 }], T);
    expect(blobs.dark).toHaveLength(heads.length);
    for (const h of heads) expect(blobs.dark.some((p) => Math.hypot(p.x - h.x, p.y - h.y) < 3)).toBe(true);
  });

  it('only reports blobs of its own bands', () => {
    const heads = lattice(0, 0, 200, 100, 12, 3);
    const f = discFrame(200, 100, heads);
    const top = findBlobs(greyOf(f, full(f)), [{ y0: 0, y1: 48, sigma: 2.1 }], T);
    expect(top.dark.length).toBe(heads.filter((h) => h.y < 48).length);
    expect(top.dark.every((p) => p.y < 48)).toBe(true);
  });

  it('the threshold follows the contrast: a faint crowd counts like a contrasted one', () => {
    const count = (value: number) => findBlobs(greyOf(discFrame(200, 100, lattice(0, 0, 200, 100, 12, 3, value)), full({ width: 200, height: 100 })), [{ y0: 0, y1: 100, sigma: 2.1 }], T).dark.length;
    expect(count(192)).toBe(count(40));
    expect(count(40)).toBe(lattice(0, 0, 200, 100, 12, 3).length);
  });

  it('a blob weaker than the texture around it is not a head; on a flat image, one over the floor is', () => {
    const strong = lattice(0, 0, 200, 100, 24, 3, 20);
    const weak = { x: 112, y: 50, r: 3, value: 185 };
    const textured = findBlobs(greyOf(discFrame(200, 100, [...strong, weak]), full({ width: 200, height: 100 })), [{ y0: 0, y1: 100, sigma: 2.1 }], T);
    expect(textured.dark.some((p) => Math.hypot(p.x - weak.x, p.y - weak.y) < 2)).toBe(false);
    const alone = discFrame(200, 100, [{ x: 20, y: 20, r: 3, value: 20 }, weak]);
    expect(findBlobs(greyOf(alone, full(alone)), [{ y0: 0, y1: 100, sigma: 2.1 }], T).dark).toHaveLength(2);
  });

  it('two heads side by side are two; one head drawn as two overlapping dips is one (peaks lie PEAK_RADIUS_SIGMAS apart)', () => {
    const find = (discs: Parameters<typeof discFrame>[2]) => findBlobs(greyOf(discFrame(80, 40, discs), full({ width: 80, height: 40 })), [{ y0: 0, y1: 40, sigma: 2.1 }], T).dark;
    expect(find([{ x: 30, y: 20, r: 3, value: 30 }, { x: 39, y: 20, r: 3, value: 30 }])).toHaveLength(2);
    expect(find([{ x: 30, y: 20, r: 2.5, value: 30 }, { x: 32.5, y: 21, r: 2.5, value: 50 }])).toHaveLength(1);
    expect(PEAK_RADIUS_SIGMAS * 2.1).toBeLessThan(9);
  });
});
