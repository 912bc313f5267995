/**
 * intrusion: a person or vehicle stays in a 'forbidden' zone.
 *
 * Per (track, zone): when the anchor (bottom-centre) entered, when it was last inside, and whether
 * this entry has alerted. The track alerts once its dwell reaches minDwellSeconds. Hysteresis: an
 * alerted entry is only forgotten after the track has been outside or unseen for exitGraceSeconds,
 * so a box flickering on the zone edge does not alert again; a later entry alerts anew. Before the
 * alert, short exits (up to DWELL_GAP_MS, a lost track included) keep the dwell running, so a box
 * that straddles the edge still accumulates its time. Alerts are de-duplicated across tracks
 * (dedup.ts) over exitGraceSeconds: an ID switch of the alerted object inherits its alert.
 * Only a track that entered alerts (intrusion-entry.ts): a thing inside the zone since the camera
 * started that never moved is scenery, however person-like the detector finds it.
 */
import type { RuleEvent, Track, Zone } from '../core/types.ts';
import { pointInPolygon } from '../core/geometry.ts';
import type { Observation, Rule, RuleContext, RuleExplanation, RuleStep, RuleSubject } from './rule.ts';
import { duplicateOf, markOf, pruneMarks, putMark, type AlertMark } from './dedup.ts';
import { anchorOf, trackZoneKey, zoneWatches } from './zone-tracks.ts';
import { EMPTY_ENTRY, hasEntered, MOVED_IOU, updateEntries, type EntryState } from './intrusion-entry.ts';

/** Outside or unseen for longer than this before an alert, the dwell starts again. */
export const DWELL_GAP_MS = 1000;

export interface Presence {
  readonly trackId: number;
  readonly zoneId: string;
  readonly enteredMs: number;
  readonly lastInsideMs: number;
  readonly alerted: boolean;
}

export interface IntrusionState {
  readonly presences: ReadonlyMap<string, Presence>;
  readonly marks: readonly AlertMark[];
  readonly entries: EntryState;
  /** Time of the last step (for explanations). */
  readonly tMs?: number;
}

function keep(p: Presence, tMs: number, liveIds: ReadonlySet<number>, exitGraceMs: number): boolean {
  if (!liveIds.has(p.trackId)) return false;
  const awayMs = tMs - p.lastInsideMs;
  return p.alerted ? awayMs < exitGraceMs : awayMs <= DWELL_GAP_MS;
}

function event(zone: Zone, track: Track, dwellMs: number, tMs: number): RuleEvent {
  const dwellSeconds = Math.round(dwellMs / 100) / 10;
  return {
    type: 'intrusion',
    tMs,
    zoneId: zone.id,
    trackId: track.id,
    box: track.box,
    score: track.score,
    message: `${track.label} in zone ${zone.id} for ${dwellSeconds.toFixed(1)} s`,
    details: { dwellSeconds },
  };
}

export function stepIntrusion(state: IntrusionState, obs: Observation, ctx: RuleContext): RuleStep<IntrusionState> {
  const { tMs, tracks } = obs;
  const minDwellMs = ctx.params.minDwellSeconds * 1000;
  const exitGraceMs = ctx.params.exitGraceSeconds * 1000;
  const liveIds = new Set(tracks.map((t) => t.id));
  const presences = new Map([...state.presences].filter(([, p]) => keep(p, tMs, liveIds, exitGraceMs)));
  let marks = pruneMarks(state.marks, tMs, exitGraceMs);
  const entries = updateEntries(state.entries, tracks, tMs, [...(obs.detections ?? []), ...(obs.weakDetections ?? [])]);
  const events: RuleEvent[] = [];

  for (const zone of ctx.zones) {
    if (zone.kind !== 'forbidden') continue;
    for (const track of tracks) {
      if (!zoneWatches(zone, track) || !pointInPolygon(anchorOf(track), zone.polygon)) continue;
      const key = trackZoneKey(track.id, zone.id);
      const prev = presences.get(key);
      // A new entry right where another track alerted recently continues that alert (see dedup.ts):
      // it is born alerted, checked on entry so that a long minDwellSeconds cannot outlast the mark.
      let p: Presence = prev
        ? { ...prev, lastInsideMs: tMs }
        : {
            trackId: track.id,
            zoneId: zone.id,
            enteredMs: tMs,
            lastInsideMs: tMs,
            alerted: duplicateOf(marks, zone.id, track, tMs, exitGraceMs) !== undefined,
          };
      const dwellMs = tMs - p.enteredMs;
      if (!p.alerted && dwellMs >= minDwellMs && hasEntered(entries, track.id)) {
        // Checked again here for objects seen twice at once (a cyclist's person and bicycle).
        if (!duplicateOf(marks, zone.id, track, tMs, exitGraceMs)) events.push(event(zone, track, dwellMs, tMs));
        p = { ...p, alerted: true };
      }
      if (p.alerted) marks = putMark(marks, markOf(zone.id, track, tMs));
      presences.set(key, p);
    }
  }
  return { state: { presences, marks, entries, tMs }, events };
}

const s1 = (ms: number): string => (ms / 1000).toFixed(1);

function subjectOf(p: Presence, state: IntrusionState, minDwellMs: number): RuleSubject & { readonly closeness: number } {
  const id = `track:${p.trackId}`;
  const where = `in zone ${p.zoneId}`;
  const dwellMs = p.lastInsideMs - p.enteredMs;
  if (p.alerted) return { id, phase: 'alerted', reason: `${where}: alerted (or continues an alert nearby)`, closeness: 0 };
  if (state.tMs !== undefined && p.lastInsideMs < state.tMs)
    return { id, phase: 'outside', reason: `${where}: outside or unseen for ${s1(state.tMs - p.lastInsideMs)} s`, closeness: 0 };
  const o = state.entries.origins.get(p.trackId);
  if (o?.scenery) {
    const reason = `${where}: scenery (there since the start or at a scenery place, box overlap ${o.overlap.toFixed(2)} with its first box, moves below ${MOVED_IOU})`;
    return { id, phase: 'scenery', reason, closeness: 0.5 * Math.min(1, dwellMs / Math.max(1, minDwellMs)) };
  }
  const reason = `${where}: inside ${s1(dwellMs)} s, needs ${s1(minDwellMs)} s`;
  return { id, phase: 'inside', reason, closeness: 0.5 + 0.5 * Math.min(1, dwellMs / Math.max(1, minDwellMs)) };
}

/** Why the rule has or has not fired: the presence closest to alerting and what it lacks. */
export function explainIntrusion(state: IntrusionState, ctx: RuleContext): RuleExplanation {
  if (!ctx.zones.some((z) => z.kind === 'forbidden')) return { reason: 'no forbidden zone configured', subjects: [] };
  const all = [...state.presences.values()].map((p) => subjectOf(p, state, ctx.params.minDwellSeconds * 1000));
  const best = all.reduce<(typeof all)[number] | undefined>((a, b) => (!a || b.closeness > a.closeness ? b : a), undefined);
  const subjects = all.map(({ id, phase, reason }) => ({ id, phase, reason }));
  return { reason: best ? `${best.id} ${best.reason}` : 'no watched track inside a forbidden zone', subjects };
}

export const intrusionRule: Rule<IntrusionState> = {
  type: 'intrusion',
  init: () => ({ presences: new Map(), marks: [], entries: EMPTY_ENTRY }),
  step: stepIntrusion,
  explain: explainIntrusion,
};
