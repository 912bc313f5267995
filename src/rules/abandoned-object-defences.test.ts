import { describe, expect, it } from 'vitest';
import { abandonedObjectRule } from './abandoned-object.ts';
import { boxAt, replayRows, type AoTrackSpec, type DetSpec, type Row } from './abandoned-object-testkit.ts';
import { context, range } from './testkit.ts';

/**
 * The false-alarm defences of abandoned_object, one row each. Nobody is ever near the candidate, so
 * each would alert 10 s after it appears (frame ~55) if its defence failed; the first case checks it.
 */
const AT = { x: 0.3, y: 0.8 };
const BOX = boxAt(AT.x, AT.y, 0.06, 0.06);
const bagDet = (score = 0.5): DetSpec => ({ ...AT, label: 'suitcase', score });
const bagTrack: AoTrackSpec = { id: 50, ...AT, w: 0.06, h: 0.06, label: 'suitcase' };
const SEAT = boxAt(0.5, 0.8, 0.1, 0.15);
const sitting: AoTrackSpec = { id: 3, x: 0.5, y: 0.8, w: 0.1, h: 0.15, score: 0.35 };
const LYING = boxAt(0.5, 0.85, 0.25, 0.08);
const lying: AoTrackSpec = { id: 4, x: 0.5, y: 0.85, w: 0.25, h: 0.08, score: 0.2 };
/**
 * Cues of a blob each well under its own bar: outline (20 - 18) / (5 + 4) / 0.8 = 0.28, stand-out
 * (0.6 - 0.3) / 1.5 = 0.2, texture kept (correlation 0.8, same gradient level): 0.48 in all.
 */
const FAINT = { edgeCurrent: 20, edgeBackground: 18, ringGradient: 5, standNow: 0.6, standBefore: 0.3, textureCorr: 0.8, gradientCurrent: 10, gradientBackground: 10 };
/** A dark place lit up: edges and texture scaled by the light, the hue kept (measured on a platform camera as a train's lit window came in). */
const LAMP = {
  lumaRatio: 4.2,
  lumaBackground: 22,
  chromaShift: 0.042,
  edgeCurrent: 72,
  edgeBackground: 17,
  ringGradient: 14,
  standNow: 5.4,
  standBefore: 0.1,
  textureCorr: 0.55,
  gradientCurrent: 24,
  gradientBackground: 11,
};
/** Someone walking past far from AT, standing 0.25 of the frame tall on the same ground line. */
const walker = (x: number): DetSpec => ({ x, y: 0.8, w: 0.08, h: 0.25, label: 'person', score: 0.7 });

interface Case {
  readonly name: string;
  readonly at: (f: number) => Row;
  readonly want: number[];
}

const cases: Case[] = [
  {
    name: 'control: a new bag nobody is near alerts',
    at: (f) => (f < 5 ? { scene: {} } : { tracks: [bagTrack], dets: [bagDet()], scene: { changed: [BOX] } }),
    want: [55],
  },
  {
    name: 'a bag (or a bin, a sign taken for one) there when the camera started is background',
    at: () => ({ tracks: [bagTrack], dets: [bagDet()], scene: {} }),
    want: [],
  },
  {
    name: 'nothing counts during the background warm-up',
    at: () => ({ tracks: [bagTrack], dets: [bagDet()], scene: { ready: false, changed: [BOX] } }),
    want: [],
  },
  {
    name: 'a person sitting still (a static blob that is a person track) is not an object',
    at: (f) => (f < 5 ? { scene: {} } : { tracks: [sitting], scene: { blobs: [{ box: SEAT }] } }),
    want: [],
  },
  {
    name: 'a person lying on the floor, weakly detected, is not an object',
    at: (f) => (f < 5 ? { scene: {} } : { tracks: [lying], scene: { blobs: [{ box: LYING }] } }),
    want: [],
  },
  {
    name: 'a person who lay down and is then lost by the detector stays a person',
    at: (f) => (f < 5 ? { scene: {} } : { tracks: f < 25 ? [lying] : [], scene: { blobs: [{ box: LYING }] } }),
    want: [],
  },
  {
    name: 'a person detection overlapping the static blob is enough (no track)',
    at: (f) => (f < 5 ? { scene: {} } : { dets: [{ x: 0.5, y: 0.8, w: 0.1, h: 0.15, label: 'person', score: 0.4 }], scene: { blobs: [{ box: SEAT }] } }),
    want: [],
  },
  {
    name: 'a light, shadow or reflection (a blob the analyzer calls illumination) is not an object',
    at: (f) => (f < 5 ? { scene: {} } : { scene: { blobs: [{ box: BOX, kind: 'illumination' }] } }),
    want: [],
  },
  {
    name: 'a ghost (something that left the background) is not an object',
    at: (f) => (f < 5 ? { scene: {} } : { scene: { blobs: [{ box: BOX, kind: 'ghost' }] } }),
    want: [],
  },
  {
    name: 'a bag the detector also calls a person (a weak person track on the same box) still alerts',
    at: (f) =>
      f < 5 ? { scene: {} } : { tracks: [bagTrack, { id: 7, ...AT, w: 0.06, h: 0.065, score: 0.15 }], dets: [bagDet(0.3)], scene: { changed: [BOX] } },
    want: [55],
  },
  {
    name: 'a bag only the background sees, with a weak person track on it, where people walk 4x taller: an object',
    at: (f) => ({
      tracks: f < 5 ? [] : [{ id: 7, ...AT, w: 0.06, h: 0.065, score: 0.15 }],
      dets: f < 20 ? [walker(0.8 - f * 0.01)] : [],
      scene: f < 5 ? {} : { blobs: [{ box: BOX }] },
    }),
    want: [55],
  },
  {
    name: 'a person lying there, where people walk, is still a person (as long as a standing one)',
    at: (f) => ({
      tracks: f < 5 ? [] : [{ ...lying, w: 0.3 }],
      dets: f < 20 ? [walker(0.8 - f * 0.01)] : [],
      scene: f < 5 ? {} : { blobs: [{ box: boxAt(0.5, 0.85, 0.3, 0.08) }] },
    }),
    want: [],
  },
  {
    name: 'someone who stood over a new thing and left: the thing is judged on what stays',
    at: (f) => {
      if (f < 5) return { scene: {} };
      if (f < 20) return { tracks: [{ id: 2, x: 0.31, y: 0.8, w: 0.08, h: 0.25 }], scene: { blobs: [{ box: boxAt(0.31, 0.8, 0.08, 0.25) }] } };
      return { scene: { blobs: [{ box: BOX }] } };
    },
    // The small blob is a new object at frame 20 (its box is not the person-sized one): 10 s from there.
    want: [70],
  },
  {
    name: 'the person standing over a new thing walks off while the blob shrinks to it: judged on what stays',
    at: (f) => {
      if (f < 5) return { scene: {} };
      const h = Math.max(0.06, 0.25 - Math.max(0, f - 19) * 0.02);
      const person: AoTrackSpec[] = f < 20 ? [{ id: 2, x: 0.31, y: 0.8, w: 0.08, h: 0.25 }] : [];
      return { tracks: person, scene: { blobs: [{ box: boxAt(0.31, 0.8, 0.08 - (0.25 - h) * 0.1, h) }] } };
    },
    want: [69],
  },
  {
    name: 'a case its owner stood beside (their box was its region) is not the owner once they walk off and it stays',
    at: (f) => {
      if (f < 5) return { scene: {} };
      const owner: AoTrackSpec = { id: 2, x: f < 30 ? 0.31 : 0.31 + 0.02 * (f - 29), y: 0.8, w: 0.07, h: 0.1 };
      return { tracks: f < 60 ? [owner] : [], scene: { blobs: [{ box: BOX }] } };
    },
    // Last attended at frame 36 (the owner's feet within two diagonals): 10 s from there.
    want: [86],
  },
  {
    name: 'a light over a dark place (x4 brighter, hue kept within the noise of a dark place) is not an object, however it stands out',
    at: (f) => (f < 5 ? { scene: {} } : { scene: { blobs: [{ box: BOX, measures: LAMP }] } }),
    want: [],
  },
  {
    name: 'an artefact that shows one frame in three is not an object',
    at: (f) => (f < 5 ? { scene: {} } : { scene: { changed: [BOX], blobs: f % 3 === 0 ? [{ box: BOX }] : [] } }),
    want: [],
  },
  {
    name: 'a weak person track flickering on an unclassified object for two frames does not make it a person',
    at: (f) => ({
      tracks: f === 10 || f === 11 ? [{ id: 7, ...AT, w: 0.06, h: 0.065, score: 0.2 }] : [],
      scene: f < 5 ? {} : { blobs: [{ box: BOX }] },
    }),
    // Those two frames count as someone with it: 10 s from frame 11.
    want: [61],
  },
  {
    name: 'a blob whose cues stay faint together (no outline of its own, barely standing out, texture kept) is not an object',
    at: (f) => (f < 5 ? { scene: {} } : { scene: { blobs: [{ box: BOX, measures: FAINT }] } }),
    want: [],
  },
  {
    name: 'control: the faint blob with a half-strength outline and stand-out (each under its own bar) alerts',
    at: (f) => (f < 5 ? { scene: {} } : { scene: { blobs: [{ box: BOX, measures: { ...FAINT, edgeCurrent: 22, standNow: 1.15 } }] } }),
    want: [55],
  },
  {
    name: 'control: the faint blob with a weak bag score (0.2, under the 0.25 bag threshold) alerts',
    at: (f) => (f < 5 ? { scene: {} } : { weak: [bagDet(0.2)], scene: { blobs: [{ box: BOX, measures: FAINT }] } }),
    want: [55],
  },
  {
    name: 'a weak bag score alone, with no static blob, is nothing',
    at: (f) => (f < 5 ? { scene: {} } : { weak: [bagDet(0.2)], scene: { changed: [BOX] } }),
    want: [],
  },
  {
    name: 'a long thin band (a seam of light, a kerb) is not an object',
    at: (f) => (f < 5 ? { scene: {} } : { scene: { blobs: [{ box: boxAt(0.5, 0.8, 0.5, 0.03) }] } }),
    want: [],
  },
  {
    name: 'a vehicle that drove in and stopped is not an abandoned object',
    at: (f) => {
      const x = Math.min(0.5, 0.1 + f * 0.02);
      const car: AoTrackSpec = { id: 9, x, y: 0.8, w: 0.2, h: 0.12, label: 'car' };
      return { tracks: [car], scene: f < 25 ? {} : { blobs: [{ box: boxAt(0.5, 0.8, 0.2, 0.12) }] } };
    },
    want: [],
  },
  {
    name: 'a bag carried across the scene never stays in one place',
    at: (f) => {
      const x = 0.1 + f * 0.015;
      return { tracks: [{ ...bagTrack, x }], dets: [{ ...bagDet(), x }], scene: { changed: [boxAt(x, AT.y, 0.06, 0.06)] } };
    },
    want: [],
  },
  {
    name: 'a suitcase pushed slowly along (0.03 frame widths a second) is moving, not left',
    at: (f) => {
      const x = 0.1 + f * 0.006;
      return { tracks: [{ ...bagTrack, x }], dets: [{ ...bagDet(), x }], scene: { changed: [boxAt(x, AT.y, 0.06, 0.06)] } };
    },
    want: [],
  },
];

describe('abandoned_object false-alarm defences', () => {
  it.each(cases)('$name', (c) => {
    const r = replayRows(context([]), range(100).map(c.at));
    expect(r.events.map(([f]) => f)).toEqual(c.want);
  });
});

describe('abandoned_object explain', () => {
  const ctx = context([]);
  it('names the object closest to alerting and how long it has been alone', () => {
    const r = replayRows(ctx, range(35).map((f) => (f < 5 ? { scene: {} } : { scene: { blobs: [{ box: BOX }] } })));
    const e = abandonedObjectRule.explain!(r.states.at(-1)!, ctx);
    expect(e.reason).toBe('object:1 object at [0.27, 0.74, 0.33, 0.80]: nobody near for 5.8 s, needs 10.0 s');
  });

  it('gives the cues of the static blob that came closest to being an object', () => {
    const r = replayRows(ctx, range(10).map((f) => (f < 5 ? { scene: {} } : { scene: { blobs: [{ box: BOX, measures: FAINT }] } })));
    const e = abandonedObjectRule.explain!(r.states.at(-1)!, ctx);
    expect(e.reason).toBe(
      'static blob at [0.27, 0.74, 0.33, 0.80] not taken for an object: outline 0.28 + stand-out 0.20 + texture 0.00 + bag 0.00 = 0.48, needs 1',
    );
  });
});
