import { describe, expect, it } from 'vitest';
import type { Zone } from '../../core/types.ts';
import { cropTile, mapFromTile, planTiles, regionOf, TILE_OVERLAP, TILE_PX } from './tiles.ts';

const crowd = (polygon: [number, number][]): Zone => ({ id: 'c', kind: 'crowd', polygon: polygon.map(([x, y]) => ({ x, y })) });

describe('regionOf', () => {
  const cases: { name: string; zones: Zone[]; want: { x: number; y: number; width: number; height: number } }[] = [
    { name: 'no crowd zone: the whole frame', zones: [], want: { x: 0, y: 0, width: 640, height: 480 } },
    {
      name: 'the bounding box of the crowd zones',
      zones: [crowd([[0.1, 0.5], [0.5, 0.5], [0.5, 1]]), crowd([[0.6, 0.4], [0.9, 0.6], [0.7, 0.9]])],
      want: { x: 64, y: 192, width: 512, height: 288 },
    },
    {
      name: 'other zone kinds are ignored',
      zones: [{ ...crowd([[0, 0], [1, 0], [1, 0.2]]), kind: 'forbidden' }, crowd([[0, 0.5], [1, 0.5], [1, 1]])],
      want: { x: 0, y: 240, width: 640, height: 240 },
    },
  ];
  it.each(cases)('$name', (c) => expect(regionOf(c.zones, 640, 480)).toEqual(c.want));
});

describe('planTiles', () => {
  it('covers the region with overlapping tiles of TILE_PX', () => {
    const region = { x: 0, y: 240, width: 640, height: 240 };
    const tiles = planTiles(region);
    expect(tiles.every((t) => t.width === TILE_PX && t.height === TILE_PX)).toBe(true);
    for (let x = 0; x < 640; x += 7) for (let y = 240; y < 480; y += 7) {
      expect(tiles.some((t) => x >= t.x && x < t.x + t.width && y >= t.y && y < t.y + t.height)).toBe(true);
    }
    const xs = [...new Set(tiles.map((t) => t.x))].sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) expect(xs[i - 1]! + TILE_PX - xs[i]!).toBeGreaterThanOrEqual(TILE_PX * TILE_OVERLAP - 1);
    expect(Math.max(...tiles.map((t) => t.x + t.width))).toBe(640);
    expect(Math.max(...tiles.map((t) => t.y + t.height))).toBe(480);
  });

  it('a region smaller than a tile is one tile, clipped to it', () => {
    expect(planTiles({ x: 10, y: 20, width: 100, height: 50 })).toEqual([{ x: 10, y: 20, width: 100, height: 50 }]);
  });
});

describe('cropTile and mapFromTile', () => {
  it('crops the tile pixels row by row', () => {
    const width = 8;
    const data = new Uint8Array(width * 6 * 3).map((_, i) => i % 251);
    const tile = { x: 2, y: 3, width: 4, height: 2 };
    const crop = cropTile({ width, data, tMs: 5 }, tile);
    expect(crop).toMatchObject({ width: 4, height: 2, tMs: 5 });
    expect(crop.data[0]).toBe(data[(3 * width + 2) * 3]);
    expect(crop.data[4 * 3 + 2]).toBe(data[(4 * width + 2) * 3 + 2]);
  });

  const tile = { x: 160, y: 160, width: 160, height: 160 };
  const det = (x1: number, y1: number, x2: number, y2: number) => ({ box: { x1, y1, x2, y2 }, label: 'person' as const, score: 0.6 });
  it('maps a box back to frame coordinates', () => {
    const d = mapFromTile(det(0.25, 0.25, 0.5, 0.75), tile, 640, 480);
    expect(d.box.x1).toBeCloseTo(200 / 640);
    expect(d.box.y2).toBeCloseTo(280 / 480);
    expect(d.cut).toBe(false);
  });
  it.each([
    ['left', det(0, 0.2, 0.3, 0.6)],
    ['right', det(0.7, 0.2, 1, 0.6)],
    ['top', det(0.3, 0, 0.5, 0.6)],
    ['bottom', det(0.3, 0.2, 0.5, 1)],
  ])('a box on an inner tile edge (%s) is cut', (_side, d) => expect(mapFromTile(d, tile, 640, 480).cut).toBe(true));
  it('a box on a tile edge that is the frame edge is not cut', () => {
    expect(mapFromTile(det(0, 0.2, 0.3, 0.6), { ...tile, x: 0 }, 640, 480).cut).toBe(false);
  });
});
