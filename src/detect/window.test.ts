import { describe, expect, it } from 'vitest';
import type { Box, Detection } from '../core/types.ts';
import { computeLetterbox } from './letterbox.ts';
import { DEFAULT_WINDOW, frameWindow, planWindow, planWindows, trustedDetections } from './window.ts';

const box = (x1: number, y1: number, x2: number, y2: number): Box => ({ x1, y1, x2, y2 });
// 640x480 in 416x416: 416x312 at rows 52-364.
const lb43 = computeLetterbox(640, 480, 416, 416);
// The context rules alone, without the minimum size.
const CONTEXT_ONLY = { ...DEFAULT_WINDOW, minSize: 0 };

describe('planWindow', () => {
  it('aligns the window to the stride grid around the area, with context, and trusts its inside but a band along inner edges', () => {
    // The area 0.5-0.6 x 0.5-0.6 of the frame: input x 208-249.6, y 208-239.2; 48 px of context each side.
    const w = planWindow(lb43, box(0.5, 0.5, 0.6, 0.6), CONTEXT_ONLY);
    expect(w).toMatchObject({ x: 160, y: 160, width: 160, height: 128 });
    // Interior: the edge band (24 px) inside each edge, back in normalised frame coordinates.
    expect(w?.interior.x1).toBeCloseTo(184 / 416);
    expect(w?.interior.x2).toBeCloseTo(296 / 416);
    expect(w?.interior.y1).toBeCloseTo((184 - 52) / 312);
    expect(w?.interior.y2).toBeCloseTo((264 - 52) / 312);
  });

  it('stops at the frame (not the padding) and trusts everything up to the frame border there', () => {
    const w = planWindow(lb43, box(0, 0, 0.1, 0.1), CONTEXT_ONLY);
    // The frame starts at input row 52: the window from row 32 (the grid line above), the interior from the frame's top.
    expect(w).toMatchObject({ x: 0, y: 32, width: 96, height: 128 });
    expect(w?.interior).toMatchObject({ x1: 0, y1: 0 });
    expect(w?.interior.x2).toBeCloseTo(72 / 416);
  });

  it.each([
    ['most of the frame', box(0.1, 0.1, 0.9, 0.9)],
    ['an area that is all of the frame', box(0, 0, 1, 1)],
  ])('declines %s: a pass on the whole input is the better one', (_name, look) => {
    expect(planWindow(lb43, look)).toBeUndefined();
  });

  it('widens a window to minSize around the area, where the frame allows', () => {
    // 0.5-0.6 x 0.5-0.6: input x 208-249.6, y 208-239.2; at least 160 px around their centres, aligned outwards.
    expect(planWindow(lb43, box(0.5, 0.5, 0.6, 0.6))).toMatchObject({ x: 128, y: 128, width: 192, height: 192 });
    // At the frame's corner (input x 0, y 52) the window stops at the frame and grows inwards instead.
    expect(planWindow(lb43, box(0, 0, 0.05, 0.05))).toMatchObject({ x: 0, y: 32, width: 192, height: 192 });
  });

  it('keeps windows within a portrait frame letterboxed sideways', () => {
    const lb = computeLetterbox(640, 1136, 416, 416);
    const w = planWindow(lb, box(0.9, 0.5, 1, 0.6));
    expect(w).toBeDefined();
    expect((w?.x ?? 0) + (w?.width ?? 0)).toBeLessThanOrEqual(Math.ceil((lb.padX + lb.scaledWidth) / DEFAULT_WINDOW.align) * DEFAULT_WINDOW.align);
    expect(w?.interior.x2).toBe(1);
  });
});

describe('frameWindow', () => {
  it.each([
    // 416x234 at rows 91-325: rows 64-352 on the 32 px grid, 69 % of the input.
    ['a 16:9 frame', 640, 360, { x: 0, y: 64, width: 416, height: 288 }],
    // 416x312 at rows 52-364: rows 32-384, 85 %.
    ['a 4:3 frame', 640, 480, { x: 0, y: 32, width: 416, height: 352 }],
    // 234x416 at columns 91-325: columns 64-352.
    ['a portrait frame', 640, 1136, { x: 64, y: 0, width: 288, height: 416 }],
  ])('leaves out the padding bands of %s, on the grid, and trusts the whole frame', (_name, width, height, expected) => {
    const lb = computeLetterbox(width, height, 416, 416);
    expect(frameWindow(lb)).toEqual({ ...expected, interior: box(0, 0, 1, 1) });
  });

  it.each([
    ['a square frame', 480, 480],
    ['a frame whose padding is under one grid step', 640, 600],
  ])('is undefined for %s: the whole input is the pass', (_name, width, height) => {
    expect(frameWindow(computeLetterbox(width, height, 416, 416))).toBeUndefined();
  });
});

describe('planWindows', () => {
  const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it('plans one window per area apart, disjoint, each as planWindow would', () => {
    const a = box(0.05, 0.1, 0.1, 0.2);
    const b = box(0.85, 0.7, 0.9, 0.8);
    const ws = planWindows(lb43, [a, b]);
    expect(ws).toEqual([planWindow(lb43, a), planWindow(lb43, b)]);
    expect(overlaps(ws![0]!, ws![1]!)).toBe(false);
  });

  it.each([
    ['overlapping windows', [box(0.4, 0.4, 0.45, 0.45), box(0.5, 0.4, 0.55, 0.45)]],
    ['windows whose union costs no more than both', [box(0.4, 0.4, 0.45, 0.45), box(0.4, 0.55, 0.45, 0.6)]],
  ])('merges %s into one', (_name, looks) => {
    const ws = planWindows(lb43, looks, CONTEXT_ONLY);
    expect(ws).toHaveLength(1);
    expect(ws?.[0]).toEqual(planWindow(lb43, { x1: 0.4, y1: 0.4, x2: Math.max(...looks.map((l) => l.x2)), y2: Math.max(...looks.map((l) => l.y2)) }, CONTEXT_ONLY));
  });

  it.each([
    // Four corners and the centre: no union of two costs less than both apart.
    ['more windows than maxWindows', [[0.02, 0.02], [0.95, 0.02], [0.02, 0.95], [0.95, 0.95], [0.5, 0.5]].map(([x, y]) => box(x!, y!, x! + 0.02, y! + 0.02)), DEFAULT_WINDOW],
    ['windows that together cover more than maxShare', [box(0.05, 0.1, 0.1, 0.2), box(0.85, 0.7, 0.9, 0.8)], { ...DEFAULT_WINDOW, maxShare: 0.1 }],
    ['no area at all', [], DEFAULT_WINDOW],
  ] as const)('declines %s', (_name, looks, o) => {
    expect(planWindows(lb43, looks, o)).toBeUndefined();
  });
});

describe('trustedDetections', () => {
  it('keeps the detections wholly within the interior', () => {
    const d = (b: Box): Detection => ({ box: b, label: 'person', score: 0.9 });
    const interior = box(0.2, 0.2, 0.6, 0.6);
    expect(trustedDetections([d(box(0.3, 0.3, 0.4, 0.5)), d(box(0.5, 0.3, 0.65, 0.5)), d(box(0.1, 0.1, 0.3, 0.3))], interior)).toEqual([d(box(0.3, 0.3, 0.4, 0.5))]);
  });
});
