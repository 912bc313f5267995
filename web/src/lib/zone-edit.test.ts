import { describe, expect, it } from 'vitest';
import type { XY } from './geometry.ts';
import { addPoint, closeZone, hitVertex, insertPoint, movePoint, newZone, removePoint, toConfig, zoneIssues, type EditZone } from './zone-edit.ts';

const square: readonly XY[] = [[0.1, 0.1], [0.5, 0.1], [0.5, 0.5], [0.1, 0.5]];
const closed = (points: readonly XY[] = square, over: Partial<EditZone> = {}): EditZone => ({ id: 'z', kind: 'forbidden', points, closed: true, ...over });

function draw(points: readonly XY[]): EditZone {
  return points.reduce<EditZone>((z, p) => {
    const r = addPoint(z, p);
    if (!r.ok) throw new Error(r.message);
    return r.zone;
  }, newZone('forbidden', []));
}

describe('closing a drawn polygon', () => {
  it.each<[string, readonly XY[], string | undefined]>([
    ['a square closes', square, undefined],
    ['two points are refused', [[0.1, 0.1], [0.5, 0.5]], 'at least 3 points'],
    ['a tiny triangle is refused', [[0.1, 0.1], [0.11, 0.1], [0.1, 0.11]], 'too small'],
    ['a bow-tie is refused', [[0.1, 0.1], [0.5, 0.5], [0.5, 0.1], [0.1, 0.5]], 'self-intersecting'],
  ])('%s', (_name, points, problem) => {
    const r = closeZone(draw(points));
    if (problem === undefined) expect(r.ok).toBe(true);
    else expect(r.ok ? 'closed' : r.message).toContain(problem);
  });
});

describe('editing a closed polygon', () => {
  it('moves a point when the result stays valid', () => {
    const r = movePoint(closed(), 2, [0.6, 0.6]);
    expect(r.ok && r.zone.points[2]).toEqual([0.6, 0.6]);
  });
  it('refuses a move that makes the edges cross', () => {
    const r = movePoint(closed(), 1, [0.3, 0.7]);
    expect(r.ok ? 'moved' : r.message).toContain('self-intersecting');
  });
  it('inserts a point on an edge', () => {
    const r = insertPoint(closed(), 0, [0.3, 0.05]);
    expect(r.ok && r.zone.points.length).toBe(5);
  });
  it('refuses to go under 3 points', () => {
    const r = removePoint(closed(square.slice(0, 3)), 0);
    expect(r.ok).toBe(false);
  });
  it('adding a point to a closed polygon is refused', () => {
    expect(addPoint(closed(), [0.2, 0.2]).ok).toBe(false);
  });
});

describe('zoneIssues', () => {
  it.each<[string, EditZone, string[]]>([
    ['valid forbidden zone', closed(), []],
    ['open polygon', { ...closed(), closed: false }, ['polygon not closed (click its first point, or "Close polygon")']],
    ['flow zone without direction', closed(square, { kind: 'flow' }), ['direction: a flow zone needs a direction']],
    ['flow zone with a zero direction', closed(square, { kind: 'flow', direction: [0, 0] }), ['direction: direction must not be [0, 0]']],
    ['crowd zone without area', closed(square, { kind: 'crowd', maxPersonsPerM2: 2 }), ['areaM2: a crowd zone with maxPersonsPerM2 needs areaM2', 'areaM2: a crowd zone needs its ground area to estimate the density']],
  ])('%s', (_name, zone, issues) => {
    expect(zoneIssues(zone, [zone])).toEqual(issues);
  });
  it('flags duplicate ids', () => {
    expect(zoneIssues(closed(), [closed(), closed()])).toEqual(['duplicate zone id "z"']);
  });
});

describe('toConfig', () => {
  it('keeps only the fields of the kind', () => {
    const z = closed(square, { kind: 'watch', direction: [1, 0], areaM2: 3, groups: ['person'] });
    expect(toConfig(z)).toEqual({ id: 'z', kind: 'watch', polygon: square });
  });
});

describe('hitVertex', () => {
  it('finds the nearest vertex within the radius', () => {
    expect(hitVertex(square, [0.49, 0.11], 0.03)).toBe(1);
    expect(hitVertex(square, [0.3, 0.3], 0.03)).toBe(-1);
  });
});

describe('hitVertex on a 4:3 frame', () => {
  it.each<[string, [number, number], number]>([
    ['0.02 of the width to the right', [0.52, 0.1], 1],
    ['0.02 of the height below (0.015 of the width on screen)', [0.5, 0.12], 1],
    ['0.03 of the height below (0.0225 of the width) is outside', [0.5, 0.13], -1],
  ])('%s', (_name, p, index) => expect(hitVertex(square, p, 0.021, 4 / 3)).toBe(index));
});
