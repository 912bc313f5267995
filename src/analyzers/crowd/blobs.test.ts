import { describe, expect, it } from 'vitest';
import { downsample, findBlobs, greyOf, laplacianOfGaussian, localPeaks } from './blobs.ts';
import { discFrame, lattice } from './test-frames.ts';

const full = (f: { width: number; height: number }) => ({ x: 0, y: 0, width: f.width, height: f.height });

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
    const blobs = findBlobs(greyOf(f, full(f)), [{ y0: 0, y1: 100, sigma: 2.1 }], 8);
    expect(blobs.dark).toHaveLength(heads.length);
    const flat = discFrame(200, 100, []);
    expect(findBlobs(greyOf(flat, full(flat)), [{ y0: 0, y1: 100, sigma: 2.1 }], 8)).toEqual({ dark: [], bright: [] });
  });

  it('finds large heads through the downsampled path, at their place', () => {
    const heads = lattice(0, 0, 320, 160, 40, 10);
    const f = discFrame(320, 160, heads);
    const blobs = findBlobs(greyOf(f, full(f)), [{ y0: 0, y1: 160, sigma: 7 }], 8);
    expect(blobs.dark).toHaveLength(heads.length);
    for (const h of heads) expect(blobs.dark.some((p) => Math.hypot(p.x - h.x, p.y - h.y) < 3)).toBe(true);
  });

  it('only reports blobs of its own bands', () => {
    const heads = lattice(0, 0, 200, 100, 12, 3);
    const f = discFrame(200, 100, heads);
    const top = findBlobs(greyOf(f, full(f)), [{ y0: 0, y1: 48, sigma: 2.1 }], 8);
    expect(top.dark.length).toBe(heads.filter((h) => h.y < 48).length);
    expect(top.dark.every((p) => p.y < 48)).toBe(true);
  });

  it('heads too faint for the threshold are not counted', () => {
    const faint = discFrame(200, 100, lattice(0, 0, 200, 100, 12, 3, 192));
    expect(findBlobs(greyOf(faint, full(faint)), [{ y0: 0, y1: 100, sigma: 2.1 }], 8).dark).toHaveLength(0);
    const clear = discFrame(200, 100, lattice(0, 0, 200, 100, 12, 3, 150));
    expect(findBlobs(greyOf(clear, full(clear)), [{ y0: 0, y1: 100, sigma: 2.1 }], 8).dark.length).toBeGreaterThan(0);
  });
});
