/**
 * Test helpers for the abandoned_object scenario tables: rows of tracks, detections and a stand-in
 * for the background analyzer's output (which boxes differ from the background, which static blobs
 * it sees), replayed through the rule at 5 fps.
 */
import type { Box, Detection, Label, RuleEvent } from '../core/types.ts';
import { STATIC_SCENE, type StaticScene } from '../analyzers/background/static-scene.ts';
import type { BlobKind, BlobMeasures } from '../analyzers/background/blob-measure.ts';
import { abandonedObjectRule, type AbandonedObjectState } from './abandoned-object.ts';
import { createExtras } from './extras.ts';
import type { RuleContext } from './rule.ts';
import { track, type TrackSpec } from './testkit.ts';

export interface DetSpec {
  /** Bottom-centre anchor, like TrackSpec. */
  readonly x: number;
  readonly y: number;
  readonly label?: Label;
  readonly w?: number;
  readonly h?: number;
  readonly score?: number;
}

export interface SceneSpec {
  readonly ready?: boolean;
  /** Boxes where the scene differs from the long-term background. */
  readonly changed?: readonly Box[];
  /** Static blobs (kind object unless said), whose boxes also count as changed. */
  readonly blobs?: readonly { readonly box: Box; readonly kind?: BlobKind; readonly measures?: Partial<BlobMeasures>; readonly areaFraction?: number }[];
}

/** A track with its latest detection score (a weak track is kept alive by low-score detections). */
export type AoTrackSpec = TrackSpec & { readonly score?: number };

export interface Row {
  readonly tracks?: readonly AoTrackSpec[];
  readonly dets?: readonly DetSpec[];
  /** Detections under their label threshold (they only add to other evidence). */
  readonly weak?: readonly DetSpec[];
  /** Absent: no background analyzer (replayed detections only). */
  readonly scene?: SceneSpec;
}

/** Box of a thing standing at (x, y), its bottom-centre. */
export function boxAt(x: number, y: number, w: number, h: number): Box {
  return { x1: x - w / 2, y1: y - h, x2: x + w / 2, y2: y };
}

export function detection(d: DetSpec): Detection {
  return { box: boxAt(d.x, d.y, d.w ?? 0.06, d.h ?? 0.06), label: d.label ?? 'backpack', score: d.score ?? 0.5 };
}

const GRID_W = 160;
const GRID_H = 120;
/** Measures of a plain new object: darker, a different hue, its own outline. */
const NO_MEASURES: BlobMeasures = {
  chromaShift: 0.1,
  lumaRatio: 0.4,
  lumaBackground: 120,
  textureCorr: 0,
  gradientCurrent: 30,
  gradientBackground: 5,
  edgeCurrent: 50,
  edgeBackground: 5,
  standNow: 4,
  standBefore: 0.3,
  ringGradient: 5,
};

export function sceneOf(s: SceneSpec): StaticScene {
  const changed = new Uint8Array(GRID_W * GRID_H);
  const blobs = (s.blobs ?? []).map((b) => ({
    box: b.box,
    kind: b.kind ?? ('object' as const),
    areaFraction: b.areaFraction ?? 0.8 * (b.box.x2 - b.box.x1) * (b.box.y2 - b.box.y1),
    measures: { ...NO_MEASURES, ...b.measures },
  }));
  for (const b of [...(s.changed ?? []), ...blobs.map((x) => x.box)]) {
    for (let y = Math.floor(b.y1 * GRID_H); y < Math.ceil(b.y2 * GRID_H); y++) {
      for (let x = Math.floor(b.x1 * GRID_W); x < Math.ceil(b.x2 * GRID_W); x++) {
        if (x >= 0 && y >= 0 && x < GRID_W && y < GRID_H) changed[y * GRID_W + x] = 1;
      }
    }
  }
  return { ready: s.ready ?? true, width: GRID_W, height: GRID_H, changed, blobs };
}

export interface AoReplay {
  /** [row index, event] for each event. */
  readonly events: [number, RuleEvent][];
  readonly states: AbandonedObjectState[];
}

export function replayRows(ctx: RuleContext, rows: readonly Row[], frameMs = 200): AoReplay {
  let state = abandonedObjectRule.init(ctx);
  const events: [number, RuleEvent][] = [];
  const states: AbandonedObjectState[] = [];
  rows.forEach((row, i) => {
    const tMs = i * frameMs;
    const { extras, writer } = createExtras();
    if (row.scene) writer.set(STATIC_SCENE, sceneOf(row.scene));
    const obs = { tMs, tracks: (row.tracks ?? []).map((t) => ({ ...track(t, tMs), score: t.score ?? 0.8 })), detections: (row.dets ?? []).map(detection), weakDetections: (row.weak ?? []).map(detection), extras };
    const out = abandonedObjectRule.step(state, obs, ctx);
    state = out.state;
    states.push(state);
    for (const e of out.events) events.push([i, e]);
  });
  return { events, states };
}
