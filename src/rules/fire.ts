/**
 * fire: flames (or smoke, with an ONNX model) seen for fireConfirmSeconds.
 *
 * Camera-level episodes, not per track: each frame's fire evidence (fire-evidence.ts) is either
 * there or not. A run of evidence tolerates gaps up to GAP_MS (a missed frame or two); once it has
 * lasted fireConfirmSeconds the episode alerts, once. The episode ends after fireRearmSeconds
 * without any evidence; only then can a new fire alert again.
 */
import type { Box, RuleEvent } from '../core/types.ts';
import { FIRE_EVIDENCE } from '../analyzers/fire/fire-analyzer.ts';
import { getExtra } from './extras.ts';
import { fireFindings, type FireFinding } from './fire-evidence.ts';
import type { Observation, Rule, RuleContext, RuleStep } from './rule.ts';

/** Longest gap inside a run of evidence. */
export const GAP_MS = 600;

export interface FireState {
  /** Start of the current run of evidence. */
  readonly runStartMs?: number;
  readonly lastEvidenceMs?: number;
  /** The current episode has alerted. */
  readonly alerted: boolean;
}

function union(boxes: readonly Box[]): Box {
  return {
    x1: Math.min(...boxes.map((b) => b.x1)),
    y1: Math.min(...boxes.map((b) => b.y1)),
    x2: Math.max(...boxes.map((b) => b.x2)),
    y2: Math.max(...boxes.map((b) => b.y2)),
  };
}

function describe(findings: readonly FireFinding[], box: Box, heldMs: number): string {
  const kinds = [...new Set(findings.map((f) => f.kind))].join(' and ');
  const pct = (v: number): string => `${Math.round(v * 100)}%`;
  const where = `x ${pct(box.x1)}-${pct(box.x2)}, y ${pct(box.y1)}-${pct(box.y2)} of the frame`;
  return `${kinds} for ${(heldMs / 1000).toFixed(1)} s at ${where}`;
}

export function stepFire(state: FireState, obs: Observation, ctx: RuleContext): RuleStep<FireState> {
  const { tMs } = obs;
  const evidence = getExtra(obs.extras, FIRE_EVIDENCE);
  const findings = evidence ? fireFindings(evidence) : [];
  const rearmMs = ctx.params.fireRearmSeconds * 1000;
  const episodeOver = state.lastEvidenceMs === undefined || tMs - state.lastEvidenceMs >= rearmMs;
  const alerted = state.alerted && !episodeOver;
  if (findings.length === 0) {
    return { state: { ...state, alerted, ...(episodeOver ? { runStartMs: undefined } : {}) }, events: [] };
  }
  const continues = state.runStartMs !== undefined && state.lastEvidenceMs !== undefined && tMs - state.lastEvidenceMs <= GAP_MS;
  const runStartMs = continues ? state.runStartMs! : tMs;
  const heldMs = tMs - runStartMs;
  const next: FireState = { runStartMs, lastEvidenceMs: tMs, alerted };
  if (alerted || heldMs < ctx.params.fireConfirmSeconds * 1000) return { state: next, events: [] };
  const box = union(findings.map((f) => f.box));
  const event: RuleEvent = {
    type: 'fire',
    tMs,
    box,
    score: Math.max(...findings.map((f) => f.score)),
    message: describe(findings, box, heldMs),
    details: { heldSeconds: Math.round(heldMs / 100) / 10, regions: findings.length, source: findings[0]!.source },
  };
  return { state: { ...next, alerted: true }, events: [event] };
}

export const fireRule: Rule<FireState> = {
  type: 'fire',
  init: () => ({ alerted: false }),
  step: stepFire,
};
