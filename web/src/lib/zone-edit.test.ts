import { describe, expect, it } from 'vitest';
import type { XY } from './geometry.ts';
import { addPoint, closeZone, fromMask, hitVertex, insertPoint, isMask, isZone, maskNumber, movePoint, newZone, removePoint, toConfig, toMask, zoneIssues, type EditZone } from './zone-edit.ts';

const square: readonly XY[] = [[0.1, 0.1], [0.5, 0.1], [0.5, 0.5], [0.1, 0.5]];
const closed = (points: readonly XY[] = square, over: Partial<EditZone> = {}): EditZone => ({ id: 'z', kind: 'forbidden', points, closed: true, ...over });

function draw(points: readonly XY[]): EditZone {
  return points.reduce<EditZone>((z, p) => {
    const r = addPoint(z, p, 'en');
    if (!r.ok) throw new Error(r.message);
    return r.zone;
  }, newZone('forbidden', []));
}

describe('closing a drawn polygon', () => {
  it.each<[string, readonly XY[], string | undefined, string | undefined]>([
    ['a square closes', square, undefined, undefined],
    ['two points are refused', [[0.1, 0.1], [0.5, 0.5]], 'a polygon needs at least 3 points', 'un polygone doit avoir au moins 3 points'],
    [
      'a tiny triangle is refused',
      [[0.1, 0.1], [0.11, 0.1], [0.1, 0.11]],
      'cannot close: polygon is too small (area under 0.1 % of the frame)',
      'fermeture impossible : polygone trop petit (surface inférieure à 0,1 % de l’image)',
    ],
    [
      'a bow-tie is refused',
      [[0.1, 0.1], [0.5, 0.5], [0.5, 0.1], [0.1, 0.5]],
      'cannot close: polygon is too small (area under 0.1 % of the frame); polygon edges cross each other (self-intersecting)',
      'fermeture impossible : polygone trop petit (surface inférieure à 0,1 % de l’image) ; les côtés du polygone se croisent (auto-intersection)',
    ],
  ])('%s', (_name, points, en, fr) => {
    for (const [lang, problem] of [['en', en], ['fr', fr]] as const) {
      const r = closeZone(draw(points), lang);
      if (problem === undefined) expect(r.ok).toBe(true);
      else expect(r.ok ? 'closed' : r.message).toBe(problem);
    }
  });
});

describe('editing a closed polygon', () => {
  it('moves a point when the result stays valid', () => {
    const r = movePoint(closed(), 2, [0.6, 0.6], 'en');
    expect(r.ok && r.zone.points[2]).toEqual([0.6, 0.6]);
  });
  it('refuses a move that makes the edges cross', () => {
    const message = (lang: 'en' | 'fr'): string => {
      const r = movePoint(closed(), 1, [0.3, 0.7], lang);
      return r.ok ? 'moved' : r.message;
    };
    expect(message('en')).toContain('polygon edges cross each other (self-intersecting)');
    expect(message('fr')).toContain('les côtés du polygone se croisent (auto-intersection)');
  });
  it('inserts a point on an edge', () => {
    const r = insertPoint(closed(), 0, [0.3, 0.05], 'fr');
    expect(r.ok && r.zone.points.length).toBe(5);
  });
  it('refuses to go under 3 points', () => {
    expect(removePoint(closed(square.slice(0, 3)), 0, 'en')).toEqual({ ok: false, message: 'a polygon needs at least 3 points' });
    expect(removePoint(closed(square.slice(0, 3)), 0, 'fr')).toEqual({ ok: false, message: 'un polygone doit avoir au moins 3 points' });
  });
  it('adding a point to a closed polygon is refused', () => {
    expect(addPoint(closed(), [0.2, 0.2], 'en')).toEqual({ ok: false, message: 'the polygon is closed: drag its points, or add one on an edge' });
    expect(addPoint(closed(), [0.2, 0.2], 'fr')).toEqual({ ok: false, message: 'le polygone est fermé : faites glisser ses points, ou ajoutez-en un sur un côté' });
  });
});

describe('zoneIssues', () => {
  it.each<[string, EditZone, string[], string[]]>([
    ['valid forbidden zone', closed(), [], []],
    [
      'open polygon',
      { ...closed(), closed: false },
      ['polygon not closed (click its first point, or "Close polygon")'],
      ['polygone non fermé (cliquez sur son premier point, ou sur « Fermer le polygone »)'],
    ],
    ['flow zone without direction', closed(square, { kind: 'flow' }), ['direction: a flow zone needs a direction'], ['direction : une zone de sens de circulation doit avoir un sens autorisé']],
    ['flow zone with a zero direction', closed(square, { kind: 'flow', direction: [0, 0] }), ['direction: direction must not be [0, 0]'], ['direction : le sens ne peut pas être [0, 0]']],
    [
      'crowd zone without area',
      closed(square, { kind: 'crowd', maxPersonsPerM2: 2 }),
      ['areaM2: a crowd zone with maxPersonsPerM2 needs areaM2', 'areaM2: a crowd zone needs its ground area to estimate the density'],
      [
        'areaM2 : une zone de foule avec une densité maximale (maxPersonsPerM2) doit avoir sa surface (areaM2)',
        'areaM2 : une zone de foule doit avoir sa surface au sol pour estimer la densité',
      ],
    ],
    ['crowd zone with a zero area', closed(square, { kind: 'crowd', areaM2: 0 }), ['areaM2: Too small: expected number to be >0'], ['areaM2 : trop petit : la valeur doit être > 0']],
  ])('%s', (_name, zone, en, fr) => {
    expect(zoneIssues(zone, [zone], 'en')).toEqual(en);
    expect(zoneIssues(zone, [zone], 'fr')).toEqual(fr);
  });
  it('flags duplicate ids', () => {
    expect(zoneIssues(closed(), [closed(), closed()], 'en')).toEqual(['duplicate zone id "z"']);
    expect(zoneIssues(closed(), [closed(), closed()], 'fr')).toEqual(['identifiant de zone en double « z »']);
  });
});

describe('privacy masks in the editor', () => {
  const mask = (points: readonly XY[] = square, closedMask = true): EditZone => ({ ...fromMask([], 0), points, closed: closedMask });

  it('a new mask is of kind mask, with an editor-only id, drawn like a zone', () => {
    const m = newZone('mask', [closed()]);
    expect(m).toEqual({ id: 'mask-2', kind: 'mask', points: [], closed: false });
    expect([isMask(m), isZone(m)]).toEqual([true, false]);
    expect(closeZone({ ...m, points: square }, 'en')).toEqual({ ok: true, zone: { ...m, points: square, closed: true } });
  });

  it('round-trips a camera mask as a bare polygon', () => {
    const polygon: [number, number][] = [[0.7, 0], [1, 0], [1, 0.3]];
    expect(toMask(fromMask(polygon, 2))).toEqual(polygon);
    expect(fromMask(polygon, 2)).toMatchObject({ id: 'mask-3', kind: 'mask', closed: true });
  });

  it('numbers masks among masks only', () => {
    const all = [closed(), mask(), closed(square, { id: 'y' }), mask(square)];
    expect(all.map((z) => maskNumber(z, all))).toEqual([0, 1, 0, 2]);
  });

  it.each<[string, EditZone, string[], string[]]>([
    ['a valid mask has no issue (no zone settings are asked of it)', mask(), [], []],
    ['an open mask', mask(square, false), ['polygon not closed (click its first point, or "Close polygon")'], ['polygone non fermé (cliquez sur son premier point, ou sur « Fermer le polygone »)']],
    ['a tiny mask', mask([[0.1, 0.1], [0.11, 0.1], [0.1, 0.11]]), ['polygon: polygon is too small (area under 0.1 % of the frame)'], ['polygon : polygone trop petit (surface inférieure à 0,1 % de l’image)']],
  ])('%s', (_name, zone, en, fr) => {
    expect(zoneIssues(zone, [zone], 'en')).toEqual(en);
    expect(zoneIssues(zone, [zone], 'fr')).toEqual(fr);
  });
});

describe('toConfig', () => {
  it('keeps only the fields of the kind', () => {
    const z = { ...closed(square, { direction: [1, 0], areaM2: 3, groups: ['person'] }), kind: 'watch' as const };
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
