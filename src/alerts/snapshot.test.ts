import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import type { Zone } from '../core/types.ts';
import { createImage, getPixel } from './draw.ts';
import {
  BOX_COLOR,
  ZONE_COLORS,
  centroid,
  encodeJpeg,
  flowArrow,
  renderSnapshot,
  snapshotJpeg,
  strokeWidths,
} from './snapshot.ts';

const GREY: [number, number, number] = [90, 90, 90];
const square = (x1: number, y1: number, x2: number, y2: number): Zone['polygon'] => [
  { x: x1, y: y1 },
  { x: x2, y: y1 },
  { x: x2, y: y2 },
  { x: x1, y: y2 },
];

describe('strokeWidths', () => {
  it.each([
    [64, { box: 4, zone: 1, highlight: 3 }],
    [640, { box: 4, zone: 1, highlight: 3 }],
    [1280, { box: 8, zone: 2, highlight: 6 }],
  ])('width %s', (w, expected) => expect(strokeWidths(w)).toEqual(expected));
});

describe('renderSnapshot', () => {
  // 65 x 41: normalised 0.25 -> x 16, 0.75 -> x 48; 0.25 -> y 10, 0.75 -> y 30. Box stroke 4: [-1, +2].
  const frame = createImage(65, 41, GREY);

  it('draws the box at the expected pixels on a copy, leaving the frame untouched', () => {
    const before = Uint8Array.from(frame.data);
    const img = renderSnapshot(frame, { box: { x1: 0.25, y1: 0.25, x2: 0.75, y2: 0.75 }, zones: [] });
    expect(frame.data).toEqual(before);
    for (const [x, y] of [[15, 20], [16, 20], [18, 20], [47, 20], [50, 20], [32, 9], [32, 12], [32, 29], [32, 32]]) {
      expect(getPixel(img, x!, y!), `(${x}, ${y})`).toEqual(BOX_COLOR);
    }
    for (const [x, y] of [[14, 20], [19, 20], [46, 20], [51, 20], [32, 8], [32, 13], [32, 20], [0, 0]]) {
      expect(getPixel(img, x!, y!), `(${x}, ${y})`).toEqual(GREY);
    }
  });

  it('outlines every zone in its kind colour and tints only the alert zone', () => {
    const zones: Zone[] = [
      { id: 'a', kind: 'forbidden', polygon: square(0.1, 0.1, 0.4, 0.9) },
      { id: 'b', kind: 'crowd', polygon: square(0.6, 0.1, 0.9, 0.9) },
    ];
    const img = renderSnapshot(frame, { zoneId: 'b', zones });
    expect(getPixel(img, 6, 20)).toEqual(ZONE_COLORS.forbidden); // left edge of a: x = round(0.1 * 64)
    expect(getPixel(img, 38, 20)).toEqual(ZONE_COLORS.crowd); // left edge of b
    expect(getPixel(img, 16, 20)).toEqual(GREY); // inside a: not tinted
    const tinted = getPixel(img, 48, 20); // inside b: a quarter of the crowd colour
    expect(tinted).toEqual(GREY.map((g, i) => Math.round(g * 0.75 + ZONE_COLORS.crowd[i]! * 0.25)));
    expect(getPixel(img, 32, 20)).toEqual(GREY); // between the zones
  });

  it('draws the allowed direction of a flow zone as an arrow from its centroid', () => {
    const big = createImage(200, 100, GREY);
    const zone: Zone = { id: 'f', kind: 'flow', polygon: square(0.2, 0.2, 0.8, 0.8), direction: { x: 0, y: -1 } };
    const arrow = flowArrow(zone, big)!;
    expect(arrow.from).toEqual({ x: 99.5, y: 49.5 });
    expect(arrow.to.x).toBeCloseTo(99.5);
    expect(arrow.to.y).toBeCloseTo(49.5 - 15); // 0.15 * min(200, 100) pixels, upwards
    const img = renderSnapshot(big, { zones: [zone] });
    expect(getPixel(img, 100, 42)).toEqual(ZONE_COLORS.flow); // on the shaft
    expect(getPixel(img, 100, 60)).toEqual(GREY); // not below the centroid
    const noDirection = renderSnapshot(big, { zones: [{ ...zone, kind: 'watch', direction: undefined }] });
    expect(getPixel(noDirection, 100, 42)).toEqual(GREY);
  });

  it('draws the box over the zones', () => {
    const zones: Zone[] = [{ id: 'a', kind: 'watch', polygon: square(0.25, 0.25, 0.75, 0.75) }];
    const img = renderSnapshot(frame, { box: { x1: 0.25, y1: 0.25, x2: 0.75, y2: 0.75 }, zoneId: 'a', zones });
    expect(getPixel(img, 16, 20)).toEqual(BOX_COLOR);
  });

  it('refuses a frame whose buffer does not match its size', () => {
    expect(() => renderSnapshot({ width: 4, height: 4, data: new Uint8Array(10) }, { zones: [] })).toThrow(/expected 4x4x3/);
  });
});

describe('centroid', () => {
  it.each([
    ['square', [{ x: 0, y: 0 }, { x: 4, y: 0 }, { x: 4, y: 2 }, { x: 0, y: 2 }], { x: 2, y: 1 }],
    ['triangle', [{ x: 0, y: 0 }, { x: 6, y: 0 }, { x: 0, y: 3 }], { x: 2, y: 1 }],
    ['degenerate', [{ x: 0, y: 0 }, { x: 2, y: 0 }, { x: 4, y: 0 }], { x: 2, y: 0 }],
  ])('%s', (_name, pts, expected) => {
    const c = centroid(pts);
    expect(c.x).toBeCloseTo(expected.x);
    expect(c.y).toBeCloseTo(expected.y);
  });
});

describe('JPEG encoding', () => {
  it('decodes back to the same size, with the box still red where it was drawn', () => {
    const frame = createImage(640, 360, GREY);
    const bytes = snapshotJpeg(frame, { box: { x1: 0.2, y1: 0.2, x2: 0.8, y2: 0.8 }, zones: [] });
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const back = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });
    expect([back.width, back.height]).toEqual([640, 360]);
    const px = (x: number, y: number): number[] => Array.from(back.data.subarray((y * 640 + x) * 3, (y * 640 + x) * 3 + 3));
    const onBox = px(toX(0.2), 180); // left edge of the box
    expect(onBox[0]).toBeGreaterThan(200);
    expect(onBox[1]).toBeLessThan(60);
    const centre = px(320, 180);
    centre.forEach((v) => expect(Math.abs(v - 90)).toBeLessThan(6));
  });

  it('quality changes the size of the file', () => {
    const img = createImage(64, 64);
    for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 37) % 251;
    expect(encodeJpeg(img, 30).length).toBeLessThan(encodeJpeg(img, 95).length);
  });
});

function toX(v: number): number {
  return Math.round(v * 639);
}
