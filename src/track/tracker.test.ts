import { describe, expect, it } from 'vitest';
import type { Box, Detection, Label, Track } from '../core/types.ts';
import { iou } from '../core/geometry.ts';
import { createTracker, type TrackerOptions } from './tracker.ts';
import { mulberry32 } from '../core/random.ts';

/**
 * Scenario tables: one row per analysed frame (5 fps, 200 ms apart). Each cell is a detection and
 * the identity expected on it after the update: a letter names one track ID (same letter = same
 * ID, different letters = different IDs), '-' means no confirmed track may cover it.
 */
type Cell = readonly [box: readonly [number, number, number, number], label: Label, score: number, expect: string];
type Row = readonly Cell[];

const FRAME_MS = 200;

function det([x1, y1, x2, y2]: readonly number[], label: Label, score: number): Detection {
  return { box: { x1: x1!, y1: y1!, x2: x2!, y2: y2! }, label, score };
}

function coveringTrack(tracks: readonly Track[], box: Box): Track | undefined {
  const best = tracks
    .filter((t) => t.state === 'confirmed')
    .map((t) => ({ t, o: iou(t.box, box) }))
    .sort((a, b) => b.o - a.o)[0];
  return best && best.o >= 0.5 ? best.t : undefined;
}

function runTable(rows: readonly Row[], opts: Partial<TrackerOptions> = {}): Track[][] {
  const tracker = createTracker(opts);
  const ids = new Map<string, number>();
  return rows.map((row, f) => {
    const out = tracker.update(row.map(([b, l, s]) => det(b, l, s)), f * FRAME_MS);
    row.forEach(([b, , , want], c) => {
      const t = coveringTrack(out, det(b, 'person', 1).box);
      const where = `frame ${f}, cell ${c}`;
      if (want === '-') {
        expect(t, `${where}: no confirmed track expected`).toBeUndefined();
        return;
      }
      expect(t, `${where}: track ${want} expected`).toBeDefined();
      const known = ids.get(want);
      if (known === undefined) {
        expect([...ids.values()], `${where}: ${want} must be a new ID`).not.toContain(t!.id);
        ids.set(want, t!.id);
      } else {
        expect(t!.id, `${where}: ${want} keeps its ID`).toBe(known);
      }
    });
    return out;
  });
}

/** Deterministic jitter so the tables are reproducible. */

function walker(x0: number, y0: number, vxPerFrame: number, w: number, h: number, jitter = 0, seed = 1) {
  const r = mulberry32(seed);
  return (f: number): [number, number, number, number] => {
    const j = (): number => (r() - 0.5) * 2 * jitter;
    const x = x0 + vxPerFrame * f + j();
    const y = y0 + j();
    return [x, y, x + w + j(), y + h + j()];
  };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('tracker scenarios', () => {
  it('a person walking keeps one ID (confirmed at the second frame)', () => {
    const p = walker(0.1, 0.4, 0.025, 0.05, 0.15, 0.004);
    const rows: Row[] = range(20).map((f) => [[p(f), 'person', 0.8, f === 0 ? '-' : 'A']]);
    runTable(rows);
  });

  it('two people crossing keep their IDs, even when the one behind is hidden for 2 frames', () => {
    const a = walker(0.2, 0.40, 0.04, 0.05, 0.15, 0.003, 1);
    const b = walker(0.75, 0.42, -0.04, 0.05, 0.15, 0.003, 2);
    const rows: Row[] = range(15).map((f) => {
      const first = f === 0 ? '-' : undefined;
      const cells: Cell[] = [[a(f), 'person', 0.9, first ?? 'A']];
      if (f !== 7 && f !== 8) cells.push([b(f), 'person', 0.9, first ?? 'B']);
      return cells;
    });
    runTable(rows);
  });

  it('a short occlusion (3 frames) gives the same ID back', () => {
    const p = walker(0.1, 0.5, 0.03, 0.06, 0.18, 0.003);
    const rows: Row[] = range(16).map((f) =>
      f >= 6 && f <= 8 ? [] : [[p(f), 'person', 0.85, f === 0 ? '-' : 'A']],
    );
    const out = runTable(rows);
    expect(out[7]!.map((t) => t.state)).toEqual(['lost']);
  });

  it('a detection flickering between high and low scores is kept by the second stage', () => {
    const p = walker(0.3, 0.3, 0.02, 0.08, 0.2, 0.003);
    const rows: Row[] = range(12).map((f) => [[p(f), 'person', f >= 2 && f % 2 === 1 ? 0.2 : 0.8, f === 0 ? '-' : 'A']]);
    const out = runTable(rows);
    expect(out.slice(1).every((ts) => ts.length === 1 && ts[0]!.state === 'confirmed')).toBe(true);
  });

  it('without the second stage the same flicker loses the track on low frames (the stage matters)', () => {
    const p = walker(0.3, 0.3, 0.02, 0.08, 0.2, 0.003);
    const tracker = createTracker({ lowScore: 0.5, highScore: 0.5 });
    const states = range(8).map((f) => tracker.update([det(p(f), 'person', f % 2 === 1 && f >= 3 ? 0.2 : 0.8)], f * FRAME_MS)[0]?.state);
    expect(states[3]).toBe('lost');
  });

  it('a vehicle whose label flips car/bus/truck stays one track labelled by majority', () => {
    const labels: Label[] = ['car', 'truck', 'car', 'bus', 'car', 'car', 'truck', 'car'];
    const v = walker(0.1, 0.6, 0.03, 0.12, 0.08, 0.002);
    const rows: Row[] = labels.map((l, f) => [[v(f), l, 0.7, f === 0 ? '-' : 'A']]);
    const out = runTable(rows);
    expect(out.at(-1)!.map((t) => t.label)).toEqual(['car']);
  });

  it('labels from different groups never share a track', () => {
    const tracker = createTracker();
    const box = [0.4, 0.4, 0.5, 0.6] as const;
    tracker.update([det(box, 'person', 0.9)], 0);
    tracker.update([det(box, 'person', 0.9)], 200);
    const out = tracker.update([det(box, 'suitcase', 0.9)], 400);
    expect(out.map((t) => [t.label, t.state])).toEqual([['person', 'lost']]);
  });

  it('a false detection for one frame is never confirmed and leaves no state', () => {
    const p = walker(0.1, 0.4, 0.02, 0.05, 0.15);
    const rows: Row[] = range(6).map((f) => {
      const cells: Cell[] = [[p(f), 'person', 0.8, f === 0 ? '-' : 'A']];
      if (f === 3) cells.push([[0.7, 0.1, 0.8, 0.2], 'car', 0.9, '-']);
      return cells;
    });
    const out = runTable(rows);
    expect(out.flat().filter((t) => t.label === 'car')).toEqual([]);
  });

  it('a lost track is reported until maxLostMs, then evicted', () => {
    const tracker = createTracker({ maxLostMs: 1500 });
    const p = walker(0.2, 0.2, 0.01, 0.1, 0.2);
    for (const f of range(5)) tracker.update([det(p(f), 'person', 0.9)], f * FRAME_MS);
    const lastSeen = 4 * FRAME_MS;
    const seen = range(12).map((k) => {
      const tMs = lastSeen + (k + 1) * FRAME_MS;
      return { unseenMs: tMs - lastSeen, n: tracker.update([], tMs).length };
    });
    expect(seen.filter((s) => s.n === 1).map((s) => s.unseenMs).at(-1)).toBe(1400);
    expect(seen.find((s) => s.unseenMs === 1600)!.n).toBe(0);
    expect(tracker.tracks()).toEqual([]);
  });

  it('a track that left the frame is not found again on a box near that edge (its ID is not handed over)', () => {
    // A car drives out on the right; two frames later something else is detected near the right edge.
    const car = walker(0.8, 0.4, 0.05, 0.15, 0.15);
    const tracker = createTracker();
    let last: Track[] = [];
    for (const f of range(4)) last = tracker.update([det(car(f), 'car', 0.8)], f * FRAME_MS);
    const carId = last.find((t) => t.state === 'confirmed')!.id;
    tracker.update([], 4 * FRAME_MS);
    tracker.update([], 5 * FRAME_MS);
    const after = tracker.update([det([0.86, 0.4, 1, 0.55], 'car', 0.8)], 6 * FRAME_MS);
    expect(after.find((t) => t.id === carId)?.state).toBe('lost');
    // Briefly hidden in the middle of the frame, a track is found again as before.
    const walkerP = walker(0.3, 0.3, 0.02, 0.1, 0.2);
    const t2 = createTracker();
    for (const f of range(4)) t2.update([det(walkerP(f), 'person', 0.9)], f * FRAME_MS);
    t2.update([], 4 * FRAME_MS);
    const back = t2.update([det(walkerP(5), 'person', 0.9)], 5 * FRAME_MS);
    expect(back.filter((t) => t.state === 'confirmed')).toHaveLength(1);
    expect(back[0]!.hits).toBe(5);
  });

  it('a car moving more than its own size per frame keeps one ID (centre-distance fallback)', () => {
    const v = walker(0.05, 0.5, 0.08, 0.06, 0.06, 0.002);
    const rows: Row[] = range(9).map((f) => [[v(f), 'car', 0.8, f === 0 ? '-' : 'A']]);
    runTable(rows);
    const noFallback = createTracker({ match: { minIou: 0.2, centreGate: 0, maxAreaRatio: 4 } });
    const confirmed = range(9).flatMap((f) => noFallback.update([det(v(f), 'car', 0.8)], f * FRAME_MS));
    expect(confirmed.filter((t) => t.state === 'confirmed')).toEqual([]);
  });

  it('car and truck boxes of one vehicle in the same frame give one track', () => {
    const v = walker(0.2, 0.5, 0.02, 0.15, 0.1, 0.002);
    const tracker = createTracker();
    const out = range(6).map((f) =>
      tracker.update([det(v(f), 'car', 0.8), det(v(f).map((x) => x + 0.005), 'truck', 0.6)], f * FRAME_MS),
    );
    expect(new Set(out.flat().map((t) => t.id)).size).toBe(1);
    expect(tracker.tracks().length).toBe(1);
  });

  it('reports velocity in normalised units per second', () => {
    const tracker = createTracker();
    const p = walker(0.1, 0.4, 0.02, 0.05, 0.15);
    const out = range(10).map((f) => tracker.update([det(p(f), 'person', 0.9)], f * FRAME_MS));
    const v = out.at(-1)![0]!.velocity;
    expect(v.x).toBeCloseTo(0.1, 2);
    expect(Math.abs(v.y)).toBeLessThan(0.005);
  });

  it('a clock going backwards (looped file) starts afresh without reusing IDs', () => {
    const tracker = createTracker();
    const box = [0.4, 0.4, 0.5, 0.6] as const;
    tracker.update([det(box, 'person', 0.9)], 1000);
    const before = tracker.update([det(box, 'person', 0.9)], 1200);
    tracker.update([det(box, 'person', 0.9)], 0);
    const after = tracker.update([det(box, 'person', 0.9)], 200);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBeGreaterThan(before[0]!.id);
  });

  it('holds a bounded number of tracks over a long run with clutter and comings and goings', () => {
    const tracker = createTracker();
    const r = mulberry32(42);
    let maxHeld = 0;
    let maxId = 0;
    const frames = 5 * 60 * 30; // 30 minutes at 5 fps
    for (let f = 0; f < frames; f++) {
      const dets: Detection[] = [];
      // People crossing the frame, a new one every 2 s, each visible for ~8 s.
      for (let k = Math.max(0, Math.floor(f / 10) - 4); k <= Math.floor(f / 10); k++) {
        const age = f - k * 10;
        const x = 0.05 + age * 0.02;
        const y = 0.1 + ((k * 37) % 60) / 100;
        if (x < 0.9) dets.push(det([x, y, x + 0.05, y + 0.15], 'person', 0.8));
      }
      // Clutter: random boxes at random scores.
      for (let c = 0; c < 3; c++) {
        const x = r() * 0.9;
        const y = r() * 0.9;
        dets.push(det([x, y, x + 0.05, y + 0.05], 'backpack', 0.1 + r() * 0.8));
      }
      const out = tracker.update(dets, f * FRAME_MS);
      maxId = Math.max(maxId, ...out.map((t) => t.id));
      maxHeld = Math.max(maxHeld, tracker.tracks().length);
    }
    expect(maxId).toBeGreaterThan(500);
    expect(maxHeld).toBeLessThan(60);
  });

  it('takes coasted copies as no evidence: they confirm and start no track, and drop no tentative one', () => {
    const person = det([0.2, 0.2, 0.3, 0.6], 'person', 0.8);
    const tracker = createTracker();
    tracker.update([person], 0);
    // Coasted frames: the tentative track is kept, not confirmed; an unmatched copy starts nothing.
    expect(tracker.update([person, det([0.6, 0.2, 0.7, 0.6], 'person', 0.8)], 200, true)).toEqual([]);
    expect(tracker.update([person], 400, true)).toEqual([]);
    expect(tracker.tracks().map((t) => t.state)).toEqual(['tentative']);
    // The detector's next pass confirms it.
    expect(tracker.update([person], 600).map((t) => t.state)).toEqual(['confirmed']);
    // A confirmed track is kept and moved by copies as by detections.
    const moved = det([0.22, 0.2, 0.32, 0.6], 'person', 0.8);
    expect(tracker.update([moved], 800, true)[0]?.state).toBe('confirmed');
  });

  it('with a set of copies (a pass on a window of the frame), measured detections confirm and start tracks, copies do not', () => {
    const left = det([0.1, 0.2, 0.2, 0.6], 'person', 0.8);
    const right = det([0.6, 0.2, 0.7, 0.6], 'person', 0.8);
    const tracker = createTracker();
    tracker.update([left, right], 0);
    // `left` is a copy, `right` measured in the window: only the right track is confirmed.
    expect(tracker.update([left, right], 200, new Set([left])).map((t) => t.box.x1)).toEqual([expect.closeTo(0.6, 2)]);
    expect(tracker.tracks().map((t) => t.state).sort()).toEqual(['confirmed', 'tentative']);
    // An unmatched copy starts nothing; an unmatched measured detection starts a track.
    const copy = det([0.35, 0.2, 0.45, 0.6], 'person', 0.8);
    const fresh = det([0.8, 0.7, 0.9, 0.95], 'person', 0.8);
    tracker.update([left, right, copy, fresh], 400, new Set([left, copy]));
    expect(tracker.tracks().map((t) => [t.box.x1, t.state])).toEqual(
      expect.arrayContaining([[expect.closeTo(0.8, 2), 'tentative']]),
    );
    expect(tracker.tracks().some((t) => Math.abs(t.box.x1 - 0.35) < 0.01)).toBe(false);
  });
});
