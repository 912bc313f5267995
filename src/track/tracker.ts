/**
 * ByteTrack-style multi-object tracker. The maths lives in pure functions (kalman.ts,
 * association.ts, hungarian.ts, step.ts); this object only holds the current records and the clock.
 *
 * Lifecycle: an unmatched high-score detection starts a tentative track; minHits consecutive hits
 * confirm it; a tentative track dies at its first miss (a one-frame false detection never shows);
 * a confirmed track that misses becomes lost, keeps its ID and its Kalman prediction, and is
 * dropped after maxLostMs unseen. State is bounded: lost tracks age out and maxTracks caps the rest.
 */
import type { Detection, Track } from '../core/types.ts';
import { clampBox } from '../core/geometry.ts';
import { DEFAULT_NOISE, filterBox, filterVelocity } from './kalman.ts';
import { trackerStep, type Coasted, type StepOptions, type TrackRecord } from './step.ts';

export type TrackerOptions = StepOptions;

/**
 * Defaults chosen for 5 fps analysis of CCTV. highScore is below ByteTrack's 0.5 (and 0.6 to start a
 * track) because the configured detector thresholds already cut at 0.2-0.35 and small far objects
 * (a cyclist on a 320x240 motorway view) rarely score above 0.5 with a light detector.
 */
export const DEFAULT_TRACKER_OPTIONS: TrackerOptions = {
  highScore: 0.4,
  lowScore: 0.1,
  minHits: 2,
  maxLostMs: 1500,
  match: { minIou: 0.2, centreGate: 1.5, maxAreaRatio: 4 },
  lowMinIou: 0.3,
  duplicateIou: 0.7,
  maxTracks: 256,
  noise: DEFAULT_NOISE,
};

export interface Tracker {
  /**
   * Feeds one analysed frame; returns confirmed and lost (recent) tracks, sorted by id. `coasted`:
   * the detections are the detector's last ones handed on by motion gating (`pipeline/track-coast.ts`),
   * not a new pass: they keep tracks alive and move them, but confirm and start none. A set: those
   * detections are such copies, the others measured (a detector pass on a window of the frame).
   */
  update(detections: readonly Detection[], tMs: number, coasted?: Coasted): Track[];
  /** Every track held, tentative ones included (for inspection and tests). */
  tracks(): Track[];
  reset(): void;
}

export function toTrack(r: TrackRecord): Track {
  return {
    id: r.id,
    label: r.label,
    box: clampBox(filterBox(r.filter)),
    score: r.score,
    state: r.state,
    velocity: filterVelocity(r.filter),
    firstSeenMs: r.firstSeenMs,
    lastSeenMs: r.lastSeenMs,
    hits: r.hits,
  };
}

export function createTracker(opts: Partial<TrackerOptions> = {}): Tracker {
  const o: TrackerOptions = {
    ...DEFAULT_TRACKER_OPTIONS,
    ...opts,
    match: { ...DEFAULT_TRACKER_OPTIONS.match, ...opts.match },
    noise: { ...DEFAULT_TRACKER_OPTIONS.noise, ...opts.noise },
  };
  let records: readonly TrackRecord[] = [];
  let prevMs: number | undefined;
  let nextId = 1;

  return {
    update(detections, tMs, coasted = false) {
      // A clock that goes backwards is a new stream (a looped file restarting at 0): start afresh,
      // but keep counting IDs so that no ID is ever reused.
      if (prevMs !== undefined && tMs < prevMs) records = [];
      const out = trackerStep(records, detections, tMs, prevMs, nextId, o, coasted);
      records = out.records;
      nextId = out.nextId;
      prevMs = tMs;
      return records.filter((r) => r.state !== 'tentative').map(toTrack).sort((a, b) => a.id - b.id);
    },
    tracks() {
      return records.map(toTrack);
    },
    reset() {
      records = [];
      prevMs = undefined;
    },
  };
}
