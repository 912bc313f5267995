/**
 * Analyzer gating (config `analysis.motionGating`): whether a watched area of the frame may have
 * changed since an analyzer last measured it, from the motion gate's regions (`AnalyzerInput.gate`).
 * The gate reports, on each frame the detector sees, the regions that changed against the previous
 * frame the detector saw, and on a still frame that nothing did; so an area no region touched since
 * a mark holds the image it held then, within the gate's noise threshold, and a measurement of it
 * (a detector pass on a tile, a head-blob count) would return what it returned then.
 * Without gate information (gating off) or without motion measured (the camera's first frame),
 * everything counts as changed.
 * Changes under the threshold that pile up over the gate's refreshes are bounded by `maxAgeMs`: a
 * mark older than that counts as changed.
 */
import type { Box } from '../core/types.ts';
import { boxesOverlap } from '../core/geometry.ts';
import type { GateDecision } from '../pipeline/motion-gate.ts';

/** A mark is trusted at most this long (camera media time). */
export const DEFAULT_MAX_REUSE_MS = 60_000;

export interface ChangeWatch {
  /** Feeds one frame's gate decision; call it on every frame, before `changed`. */
  see(gate: GateDecision | undefined, tMs: number): void;
  /** Whether the area watched as `key` may have changed since `mark(key)` (true before the first mark). */
  changed(key: string): boolean;
  /** Whether `key` was measured on exactly `area` (same crop) and that area did not change since. */
  unchangedAt(key: string, area: Box): boolean;
  /** The analyzer measured the area `key` (normalised box) on the current frame. */
  mark(key: string, area: Box): void;
  /** Forgets one mark (a track that ended). */
  forget(key: string): void;
  /** Forgets every mark (a new view). */
  clear(): void;
}

export function createChangeWatch(maxAgeMs = DEFAULT_MAX_REUSE_MS): ChangeWatch {
  const marks = new Map<string, { area: Box; tMs: number; dirty: boolean }>();
  let now = 0;
  return {
    see(gate, tMs) {
      now = tMs;
      const all = !gate || !gate.motion;
      const boxes = gate?.motion?.boxes ?? [];
      for (const m of marks.values()) {
        if (all || boxes.some((b) => boxesOverlap(b, m.area))) m.dirty = true;
      }
    },
    changed(key) {
      const m = marks.get(key);
      return !m || m.dirty || now - m.tMs >= maxAgeMs;
    },
    unchangedAt(key, area) {
      const m = marks.get(key);
      return m !== undefined && !this.changed(key) && m.area.x1 === area.x1 && m.area.y1 === area.y1 && m.area.x2 === area.x2 && m.area.y2 === area.y2;
    },
    mark(key, area) {
      marks.set(key, { area, tMs: now, dirty: false });
    },
    forget(key) {
      marks.delete(key);
    },
    clear() {
      marks.clear();
    },
  };
}
