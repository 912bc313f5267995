import { describe, expect, it } from 'vitest';
import { blockSizeFor, downscaleRgb } from './small-frame.ts';

describe('downscaleRgb', () => {
  it('picks the block size closest to the target width, never upscaling', () => {
    expect(blockSizeFor(640, 160)).toBe(4);
    expect(blockSizeFor(768, 160)).toBe(5);
    expect(blockSizeFor(100, 160)).toBe(1);
  });

  it('averages blocks and drops the partial ones at the edges', () => {
    const width = 9;
    const height = 5;
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(x < 4 ? [200, 100, 0] : [0, 50, 250], (y * width + x) * 3);
    const small = downscaleRgb({ width, height, data }, 3);
    expect([small.width, small.height]).toEqual([3, 1]);
    expect([...small.data]).toEqual([200, 100, 0, 67, 67, 167, 0, 50, 250]);
  });

  it('keeps a uniform frame uniform at 640 -> 160', () => {
    const data = new Uint8Array(640 * 480 * 3).fill(77);
    const small = downscaleRgb({ width: 640, height: 480, data }, 160);
    expect([small.width, small.height]).toEqual([160, 120]);
    expect(small.data.every((v) => v === 77)).toBe(true);
  });

  it('blocks of 4 px average a 2x2 sample: a checkerboard of 2 px squares turns grey', () => {
    const data = new Uint8Array(8 * 8 * 3);
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) data.fill(((x >> 1) + (y >> 1)) % 2 ? 200 : 0, (y * 8 + x) * 3, (y * 8 + x) * 3 + 3);
    const small = downscaleRgb({ width: 8, height: 8, data }, 2);
    expect([...small.data]).toEqual(Array(12).fill(100));
  });
});
