import { describe, expect, it } from 'vitest';
import type { Box, Label, Track, TrackState } from '../../core/types.ts';
import { findCandidates, lostAfterOnset, opensSite, sitesToSearch, updateHistories, updateSites, type Candidate, type PersonHistory, type SearchResult, type Site } from './candidates.ts';

const STAND: Box = { x1: 0.45, y1: 0.3, x2: 0.55, y2: 0.8 };
const LIE: Box = { x1: 0.3, y1: 0.64, x2: 0.72, y2: 0.8 };
const HALF: Box = { x1: 0.4, y1: 0.53, x2: 0.6, y2: 0.8 };

function tr(id: number, box: Box, tMs: number, state: TrackState = 'confirmed', label: Label = 'person'): Track {
  return { id, label, box, score: 0.8, state, velocity: { x: 0, y: 0 }, firstSeenMs: 0, lastSeenMs: state === 'lost' ? tMs - 200 : tMs, hits: 5 };
}

/** Feeds rows of tracks (5 fps) and returns the histories and the last frame's candidates. */
function feed(rows: readonly ((tMs: number) => Track[])[]) {
  let h = new Map<number, PersonHistory>();
  let c: Candidate[] = [];
  rows.forEach((row, i) => {
    const tMs = i * 200;
    h = updateHistories(h, row(tMs), tMs);
    c = findCandidates(h, row(tMs), tMs, 1);
  });
  return { h, c };
}
const repeat = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

describe('findCandidates', () => {
  it('a person standing still is no candidate', () => {
    expect(feed(repeat(10, (t) => [tr(1, STAND, t)])).c).toEqual([]);
  });

  it('a person whose top came down about half its height, box shorter, is one', () => {
    const { c } = feed([...repeat(5, (t: number) => [tr(1, STAND, t)]), (t) => [tr(1, HALF, t)]]);
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ trackId: 1, box: HALF, refHeight: expect.closeTo(0.5, 6) });
    expect(c[0]!.measure.descent).toBeCloseTo(0.46, 6);
  });

  it('the most descended first; walkers moving down the image with their size are left out', () => {
    const down = (b: Box, dy: number): Box => ({ ...b, y1: b.y1 + dy, y2: b.y2 + dy });
    const { c } = feed([
      ...repeat(5, (t: number) => [tr(1, STAND, t), tr(2, STAND, t), tr(3, STAND, t)]),
      (t) => [tr(1, HALF, t), tr(2, LIE, t), tr(3, down(STAND, 0.3), t)],
    ]);
    expect(c.map((x) => x.trackId)).toEqual([2, 1]);
  });

  it('lost tracks and other labels are never candidates', () => {
    const { c } = feed([...repeat(5, (t: number) => [tr(1, STAND, t), tr(2, STAND, t, 'confirmed', 'car')]), (t) => [tr(1, LIE, t, 'lost'), tr(2, LIE, t, 'confirmed', 'car')]]);
    expect(c).toEqual([]);
  });

  it('a fall long after the last upright box (older than the history, 3.5 s) is not a candidate', () => {
    const { c } = feed([...repeat(5, (t: number) => [tr(1, STAND, t)]), ...repeat(18, (t: number) => [tr(1, STAND, t, 'lost')]), (t) => [tr(1, LIE, t)]]);
    expect(c).toEqual([]);
  });
});

describe('updateHistories', () => {
  it('adds fresh boxes only, and forgets persons no longer tracked', () => {
    let h = updateHistories(new Map(), [tr(1, STAND, 0), tr(2, STAND, 0)], 0);
    h = updateHistories(h, [tr(1, STAND, 200, 'lost')], 200);
    expect([...h.keys()]).toEqual([1]);
    expect(h.get(1)!.samples).toHaveLength(1);
  });
});

describe('lostAfterOnset', () => {
  it('a person lost within fallMaxMs of a fall onset opens a site at the last box; a standing one does not', () => {
    let h = new Map<number, PersonHistory>();
    const rows = [...repeat(5, (t: number) => [tr(1, STAND, t), tr(2, STAND, t)]), (t: number) => [tr(1, HALF, t), tr(2, STAND, t)]];
    rows.forEach((row, i) => (h = updateHistories(h, row(i * 200), i * 200)));
    expect(h.get(1)!.onsetMs).toBe(1000);
    expect(h.get(2)!.onsetMs).toBeUndefined();
    const lost = (t: number) => [tr(1, HALF, t, 'lost'), tr(2, STAND, t, 'lost')];
    h = updateHistories(h, lost(1200), 1200);
    expect(lostAfterOnset(h, lost(1200), 1200)).toEqual([{ trackId: 1, box: HALF, refHeight: expect.closeTo(0.5, 6) }]);
    expect(lostAfterOnset(h, lost(3200), 3200)).toEqual([]);
  });
});

describe('sites', () => {
  const m = { descent: 0.7, shrink: 0.3, aspect: 2.6, lift: 0, overlaps: true, span: 0.8, gap: 0, area: 0.9, cut: false };
  const low: Candidate = { trackId: 4, box: LIE, measure: m, refHeight: 0.5 };
  const none = new Map<number, SearchResult>();
  const miss = new Map<number, SearchResult>([[4, { score: 0 }]]);

  it.each([
    { name: 'low and wide', c: low, pose: undefined, want: true },
    { name: 'not low enough', c: { ...low, measure: { ...m, descent: 0.45 } }, pose: undefined, want: false },
    { name: 'low, tall box', c: { ...low, measure: { ...m, aspect: 0.6, shrink: 0.7 } }, pose: undefined, want: false },
    { name: 'low, tall box, flat torso', c: { ...low, measure: { ...m, aspect: 0.6, shrink: 0.7 } }, pose: { torsoDeg: 80, torsoScore: 0.6 }, want: true },
  ])('opensSite: $name -> $want', ({ c, pose, want }) => {
    expect(opensSite(c, pose)).toBe(want);
  });

  it('an opening candidate opens a site for downSeconds plus a margin', () => {
    const s = updateSites(new Map(), [low], 1000, 2000, none);
    expect([...s.values()]).toEqual([{ trackId: 4, box: LIE, refHeight: 0.5, untilMs: 4500, misses: 0 }]);
  });

  it('expires at its end, or after two failed searches; a success resets the count', () => {
    const s0 = new Map<number, Site>([[4, { trackId: 4, box: LIE, refHeight: 0.5, untilMs: 3000, misses: 0 }]]);
    const missed = updateSites(s0, [], 1200, 2000, miss);
    expect(missed.get(4)).toMatchObject({ misses: 1, scores: [0] });
    expect(updateSites(missed, [], 1400, 2000, miss).size).toBe(0);
    expect(updateSites(missed, [], 1400, 2000, new Map([[4, { score: 0.35, turn: 'ccw' as const }]])).get(4)).toMatchObject({ misses: 0, turn: 'ccw', scores: [0, 0.35] });
    expect(updateSites(s0, [], 3200, 2000, none).size).toBe(0);
  });

  it('keeps the scores of the last three searches', () => {
    let s = new Map<number, Site>([[4, { trackId: 4, box: LIE, refHeight: 0.5, untilMs: 9000, misses: 0 }]]);
    for (const [i, score] of [0.5, 0.3, 0.4, 0.6].entries()) s = updateSites(s, [], 1000 + i * 200, 2000, new Map([[4, { score }]]));
    expect(s.get(4)!.scores).toEqual([0.3, 0.4, 0.6]);
  });

  it('is searched only while the tracker does not see its person', () => {
    const s = new Map<number, Site>([[4, { trackId: 4, box: LIE, refHeight: 0.5, untilMs: 3000, misses: 0 }]]);
    expect(sitesToSearch(s, [tr(4, LIE, 600)], 600)).toEqual([]);
    expect(sitesToSearch(s, [tr(4, LIE, 600, 'lost')], 600).map((x) => x.trackId)).toEqual([4]);
    expect(sitesToSearch(s, [], 600).map((x) => x.trackId)).toEqual([4]);
  });

  it('is searched when the tracker sees its person somewhere else (the ID handed to another box)', () => {
    const s = new Map<number, Site>([[4, { trackId: 4, box: LIE, refHeight: 0.5, untilMs: 3000, misses: 0 }]]);
    expect(sitesToSearch(s, [tr(4, { x1: 0.86, y1: 0.3, x2: 0.98, y2: 0.8 }, 600)], 600).map((x) => x.trackId)).toEqual([4]);
    // Getting up where the body lay is being seen at the site.
    expect(sitesToSearch(s, [tr(4, STAND, 600)], 600)).toEqual([]);
  });
});
