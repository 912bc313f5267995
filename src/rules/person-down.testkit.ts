/**
 * Test helpers for the person_down scenario tables: rows of person boxes (with poses, sightings,
 * birth times and whether the detector was sure of them) replayed through the rule at 5 fps.
 */
import type { Box, Detection, Label, Track, TrackState, Zone } from '../core/types.ts';
import type { RuleParams } from '../config/schema.ts';
import { LYING_SIGHTINGS, POSES, type LyingSighting, type PoseSample } from '../analyzers/pose/extras.ts';
import { createExtras } from './extras.ts';
import { personDownRule, type PersonDownState } from './person-down.ts';
import { context, eventRows } from './testkit.ts';

/** Boxes in a square frame (the rule sees no frame, so the pixel aspect is w / h as written). */
export const STAND: Box = { x1: 0.45, y1: 0.3, x2: 0.55, y2: 0.8 };
/** On the floor: top 0.68 standing heights down, wide. */
export const LIE: Box = { x1: 0.3, y1: 0.64, x2: 0.72, y2: 0.8 };
export const SIT_CHAIR: Box = { x1: 0.43, y1: 0.45, x2: 0.57, y2: 0.8 };
export const SIT_FLOOR: Box = { x1: 0.4, y1: 0.55, x2: 0.62, y2: 0.8 };
/** Bent over to pick something up: as low and wide as someone on the floor, hips high. */
export const BEND: Box = { x1: 0.4, y1: 0.55, x2: 0.66, y2: 0.8 };
export const HIPS_HIGH = 0.57;
/** Fell towards the camera: low, but still taller than wide. */
export const FORWARD: Box = { x1: 0.4, y1: 0.66, x2: 0.6, y2: 1.0 };

export const lerp = (a: Box, b: Box, t: number): Box => ({
  x1: a.x1 + (b.x1 - a.x1) * t,
  y1: a.y1 + (b.y1 - a.y1) * t,
  x2: a.x2 + (b.x2 - a.x2) * t,
  y2: a.y2 + (b.y2 - a.y2) * t,
});
/** a until frame `from`, then b over `frames` frames, then b. */
export const move = (f: number, a: Box, b: Box, from: number, frames: number): Box => lerp(a, b, Math.min(1, Math.max(0, (f - from + 1) / (frames + 1))));
export const fall = (f: number, at = 10): Box => move(f, STAND, LIE, at, 2);
export const shift = (b: Box, dx: number, dy: number): Box => ({ x1: b.x1 + dx, y1: b.y1 + dy, x2: b.x2 + dx, y2: b.y2 + dy });

export interface P {
  readonly id?: number;
  readonly box: Box;
  readonly state?: TrackState;
  readonly label?: Label;
  readonly pose?: Omit<PoseSample, 'trackId' | 'meanScore'>;
  /** When the track was born (default 0). */
  readonly firstSeenMs?: number;
  /** The detector was sure of this box (a detection above threshold); default true. */
  readonly sure?: boolean;
}
export interface Row {
  readonly persons: readonly P[];
  readonly sightings?: readonly LyingSighting[];
}

function trackOf(p: P, tMs: number): Track {
  return {
    id: p.id ?? 1,
    label: p.label ?? 'person',
    box: p.box,
    score: 0.8,
    state: p.state ?? 'confirmed',
    velocity: { x: 0, y: 0 },
    firstSeenMs: p.firstSeenMs ?? 0,
    lastSeenMs: p.state === 'lost' ? tMs - 200 : tMs,
    hits: 10,
  };
}

export function run(rows: readonly Row[], params: Partial<RuleParams> = {}, zones: readonly Zone[] = []) {
  const ctx = context(zones, params);
  let state: PersonDownState = personDownRule.init(ctx);
  const events: string[][] = [];
  const states: PersonDownState[] = [];
  const raw = [];
  for (const [i, row] of rows.entries()) {
    const tMs = i * 200;
    const { extras, writer } = createExtras();
    const poses = new Map(row.persons.flatMap((p) => (p.pose ? [[p.id ?? 1, { trackId: p.id ?? 1, meanScore: 0.5, ...p.pose }] as const] : [])));
    writer.set(POSES, poses);
    writer.set(LYING_SIGHTINGS, new Map((row.sightings ?? []).map((s) => [s.trackId, s])));
    const detections: Detection[] = row.persons.filter((p) => p.sure !== false && p.state !== 'lost').map((p) => ({ label: p.label ?? 'person', score: 0.8, box: p.box }));
    const out = personDownRule.step(state, { tMs, tracks: row.persons.map((p) => trackOf(p, tMs)), extras, detections }, ctx);
    state = out.state;
    states.push(state);
    raw.push(...out.events);
    events.push(out.events.map((e) => String(e.trackId)));
  }
  return { rows: eventRows(events), states, raw };
}

export const one = (box: (f: number) => Box, extra: Omit<P, 'box'> = {}) => (f: number): Row => ({ persons: [{ ...extra, box: box(f) }] });

