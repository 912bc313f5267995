import { describe, expect, it } from 'vitest';
import type { Detection } from '../../core/types.ts';
import type { Detector, DetectorInput } from '../../detect/detector.ts';
import type { Site } from './candidates.ts';
import { isSighting, pickSighting, searchRect, searchSite } from './redetect.ts';

const site: Site = { trackId: 3, box: { x1: 0.4, y1: 0.6, x2: 0.6, y2: 0.7 }, refHeight: 0.4, untilMs: 9000, misses: 0 };
const rect = { x0: 0, y0: 0, width: 100, height: 100 };
const person = (x1: number, y1: number, x2: number, y2: number, score = 0.7): Detection => ({ box: { x1, y1, x2, y2 }, label: 'person', score });

describe('searchRect', () => {
  it('is a square about 1.6 standing heights wide around the last box, clipped to the frame', () => {
    expect(searchRect(site, 200, 100)).toEqual({ x0: 68, y0: 33, width: 64, height: 64 });
    expect(searchRect({ ...site, box: { x1: 0, y1: 0.8, x2: 0.1, y2: 0.9 } }, 200, 100)).toEqual({ x0: 0, y0: 53, width: 42, height: 47 });
  });
});

describe('pickSighting', () => {
  it.each([
    // cw: turned (x, y) -> crop (y, 1 - x): x in 0.3-0.4 lands on the last box's rows (0.6-0.7).
    { name: 'a person standing in the turned crop, over the last box', dets: [person(0.3, 0, 0.45, 1)], want: 0.7 },
    { name: 'the best of two', dets: [person(0.3, 0, 0.45, 1, 0.5), person(0.32, 0.1, 0.42, 0.9, 0.8)], want: 0.8 },
    { name: 'unsure, kept for the k-of-n judgement', dets: [person(0.3, 0, 0.45, 1, 0.42)], want: 0.42 },
    { name: 'too unsure', dets: [person(0.3, 0, 0.45, 1, 0.35)], want: undefined },
    { name: 'square in the frame (not upright in the turned crop)', dets: [person(0.3, 0.4, 0.45, 0.55)], want: undefined },
    { name: 'upright in the frame (wide in the turned crop)', dets: [person(0.3, 0.4, 0.7, 0.5)], want: undefined },
    { name: 'away from the last box', dets: [person(0.8, 0, 0.95, 1)], want: undefined },
    { name: 'not a person', dets: [{ ...person(0.3, 0, 0.45, 1), label: 'suitcase' as const }], want: undefined },
  ])('$name', ({ dets, want }) => {
    expect(pickSighting(site, dets, rect, 'cw', 100, 100)?.score).toBe(want);
  });
});

describe('isSighting', () => {
  it.each([
    { name: 'a sure find alone', score: 0.5, previous: [], want: true },
    { name: 'an unsure find alone', score: 0.42, previous: [], want: false },
    { name: 'an unsure find after another in the last two', score: 0.42, previous: [0.41, 0], want: true },
    { name: 'an unsure find after two misses', score: 0.42, previous: [0, 0], want: false },
    { name: 'an old find no longer counts', score: 0.42, previous: [0.44, 0, 0], want: false },
    { name: 'a find under the floor never counts', score: 0.35, previous: [0.5, 0.5], want: false },
    { name: 'nothing found', score: 0, previous: [0.5, 0.5], want: false },
  ])('$name -> $want', ({ score, previous, want }) => {
    expect(isSighting(score, previous)).toBe(want);
  });
});

describe('searchSite', () => {
  it('tries a quarter turn each way and maps the body back to the frame', async () => {
    const sizes: string[] = [];
    const detector: Detector = {
      name: 'fake',
      async detect(input: DetectorInput) {
        sizes.push(`${input.width}x${input.height}`);
        return sizes.length === 2 ? [person(0.45, 0, 0.6, 1)] : [];
      },
      close: async () => undefined,
    };
    const frame = { width: 200, height: 100, data: new Uint8Array(200 * 100 * 3), tMs: 1000 };
    const found = await searchSite(detector, frame, site);
    expect(sizes).toEqual(['64x64', '64x64']);
    // ccw: turned (x, y) -> crop (1 - y, x); the crop is 64 px at (68, 33).
    expect(found?.turn).toBe('ccw');
    expect(found?.sighting).toEqual({ trackId: 3, score: 0.7, box: { x1: 68 / 200, y1: expect.closeTo((33 + 0.45 * 64) / 100, 6), x2: 132 / 200, y2: expect.closeTo((33 + 0.6 * 64) / 100, 6) } });
  });

  it('tries first the turn that found the body last time', async () => {
    const turns: number[] = [];
    const detector: Detector = {
      name: 'fake',
      async detect(input: DetectorInput) {
        // both turns give a square crop: tell them apart by a pixel that only one of them moves to (0, 0)
        turns.push(input.data[0]!);
        return [];
      },
      close: async () => undefined,
    };
    const data = new Uint8Array(200 * 100 * 3);
    data[(96 * 200 + 68) * 3] = 9; // crop pixel (0, 63): the bottom-left corner, which cw turns to the top-left
    await searchSite(detector, { width: 200, height: 100, data, tMs: 0 }, { ...site, turn: 'ccw' });
    await searchSite(detector, { width: 200, height: 100, data, tMs: 0 }, site);
    expect(turns).toEqual([0, 9, 9, 0]);
  });
});
