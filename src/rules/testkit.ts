/**
 * Helpers for rule scenario tables (used by the *.test.ts files): build tracks tersely and replay
 * a rule over rows of tracks, collecting the events of each row.
 */
import type { Label, RuleEvent, Track, TrackState, Zone } from '../core/types.ts';
import { DEFAULT_PARAMS, type RuleParams } from '../config/schema.ts';
import type { Rule, RuleContext } from './rule.ts';

export interface TrackSpec {
  readonly id: number;
  /** Bottom-centre anchor; the box is built around it. */
  readonly x: number;
  readonly y: number;
  readonly label?: Label;
  readonly state?: TrackState;
  readonly w?: number;
  readonly h?: number;
  readonly vx?: number;
  readonly vy?: number;
}

export function track(s: TrackSpec, tMs = 0): Track {
  const w = s.w ?? 0.05;
  const h = s.h ?? 0.15;
  return {
    id: s.id,
    label: s.label ?? 'person',
    box: { x1: s.x - w / 2, y1: s.y - h, x2: s.x + w / 2, y2: s.y },
    score: 0.8,
    state: s.state ?? 'confirmed',
    velocity: { x: s.vx ?? 0, y: s.vy ?? 0 },
    firstSeenMs: 0,
    lastSeenMs: tMs,
    hits: 10,
  };
}

/** One row of a rule scenario table: what the rule sees at frame f (5 fps: f = 5 is 1 s), and the events expected. */
export interface RuleCase<Row = TrackSpec[]> {
  readonly name: string;
  readonly frames: number;
  readonly at: (f: number) => Row;
  readonly zones?: readonly Zone[];
  readonly params?: Partial<RuleParams>;
  /** [frame, ["trackId@zoneId"...]] for every frame that raises events. */
  readonly want: [number, string[]][];
}

export function context(zones: readonly Zone[], params: Partial<RuleParams> = {}): RuleContext {
  return { zones, params: { ...DEFAULT_PARAMS, ...params } };
}

export interface Replay<S> {
  /** Events per row, as "trackId@zoneId". */
  readonly events: string[][];
  readonly raw: RuleEvent[];
  readonly states: S[];
}

/** rows[i] holds the tracks seen at tMs = i * frameMs. */
export function replay<S>(rule: Rule<S>, ctx: RuleContext, rows: readonly (readonly TrackSpec[])[], frameMs = 200): Replay<S> {
  let state = rule.init(ctx);
  const events: string[][] = [];
  const raw: RuleEvent[] = [];
  const states: S[] = [];
  rows.forEach((row, i) => {
    const tMs = i * frameMs;
    const out = rule.step(state, { tMs, tracks: row.map((s) => track(s, tMs)) }, ctx);
    state = out.state;
    states.push(state);
    raw.push(...out.events);
    events.push(out.events.map((e) => `${e.trackId}@${e.zoneId}`));
  });
  return { events, raw, states };
}

/** Row indices with events, and what they were: compact to compare against a table. */
export function eventRows(events: readonly string[][]): [number, string[]][] {
  return events.flatMap((e, i) => (e.length > 0 ? [[i, e] as [number, string[]]] : []));
}

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
