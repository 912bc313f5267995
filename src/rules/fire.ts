/**
 * fire: flames or smoke seen in one place for fireConfirmSeconds out of twice that.
 *
 * Each frame's fire evidence (fire-evidence.ts) accumulates per place (fire-sites.ts): k-of-n, so a
 * flame that flickers under the tests now and then still adds up, while look-alikes scattered over
 * the frame do not add up together. Once a site holds fireConfirmSeconds of evidence the camera's
 * episode alerts, once; it ends after fireRearmSeconds without any evidence, and only then can a
 * new fire alert again.
 */
import type { Box, RuleEvent } from '../core/types.ts';
import { FIRE_EVIDENCE, type FireEvidence } from '../analyzers/fire/fire-analyzer.ts';
import { getExtra } from './extras.ts';
import { DEFAULT_FLAME_THRESHOLDS, fireFindings, nearestMiss, type FireFinding, type FlameThresholds, type NearMiss } from './fire-evidence.ts';
import { evidenceMs, siteBox, updateSites, type FireSite } from './fire-sites.ts';
import type { Observation, Rule, RuleContext, RuleExplanation, RuleStep } from './rule.ts';

export interface FireState {
  readonly sites: readonly FireSite[];
  /** The previous analysed frame: a frame's evidence weighs its duration. */
  readonly lastFrameMs?: number;
  readonly lastEvidenceMs?: number;
  /** The current episode has alerted. */
  readonly alerted: boolean;
  /** This frame's look, for explanations: regions measured and the one closest to counting. */
  readonly look?: { readonly regions: number; readonly nearest?: NearMiss };
}

/** The window evidence is counted in: twice the confirmation time (at least a second). */
export function windowMsOf(confirmMs: number): number {
  return Math.max(1000, 2 * confirmMs);
}

const pct = (v: number): string => `${Math.round(v * 100)}%`;
const where = (b: Box): string => `x ${pct(b.x1)}-${pct(b.x2)}, y ${pct(b.y1)}-${pct(b.y2)} of the frame`;

function event(site: FireSite, findings: readonly FireFinding[], tMs: number): RuleEvent {
  const box = siteBox(site);
  const heldMs = evidenceMs(site);
  const kinds = [...new Set(findings.map((f) => f.kind))].join(' and ');
  return {
    type: 'fire',
    tMs,
    box,
    score: Math.max(...findings.map((f) => f.score)),
    message: `${kinds} for ${(heldMs / 1000).toFixed(1)} s at ${where(box)}`,
    details: { heldSeconds: Math.round(heldMs / 100) / 10, regions: findings.length, source: findings[0]!.source },
  };
}

/** The flame thresholds with this camera's calibration. */
function thresholdsOf(ctx: RuleContext): FlameThresholds {
  return { ...DEFAULT_FLAME_THRESHOLDS, minNonRigid: ctx.params.fireMinShapeChange };
}

function look(evidence: FireEvidence | undefined, t: FlameThresholds): FireState['look'] {
  if (!evidence) return undefined;
  const nearest = nearestMiss(evidence, t);
  return { regions: evidence.regions.length + evidence.smoke.length, ...(nearest ? { nearest } : {}) };
}

export function stepFire(state: FireState, obs: Observation, ctx: RuleContext): RuleStep<FireState> {
  const { tMs } = obs;
  const evidence = getExtra(obs.extras, FIRE_EVIDENCE);
  const thresholds = thresholdsOf(ctx);
  const findings = evidence ? fireFindings(evidence, thresholds) : [];
  const confirmMs = ctx.params.fireConfirmSeconds * 1000;
  const episodeOver = state.lastEvidenceMs === undefined || tMs - state.lastEvidenceMs >= ctx.params.fireRearmSeconds * 1000;
  const frameMs = state.lastFrameMs === undefined ? 0 : tMs - state.lastFrameMs;
  const sites = updateSites(state.sites, findings, tMs, frameMs, windowMsOf(confirmMs));
  const next: FireState = {
    sites,
    lastFrameMs: tMs,
    alerted: state.alerted && !episodeOver,
    ...(findings.length > 0 ? { lastEvidenceMs: tMs } : state.lastEvidenceMs !== undefined ? { lastEvidenceMs: state.lastEvidenceMs } : {}),
    ...(evidence ? { look: look(evidence, thresholds) } : {}),
  };
  const ripe = next.alerted || findings.length === 0 ? undefined : sites.find((s) => s.hits[s.hits.length - 1]!.tMs === tMs && evidenceMs(s) >= confirmMs);
  if (!ripe) return { state: next, events: [] };
  return { state: { ...next, alerted: true }, events: [event(ripe, findings, tMs)] };
}

export function explainFire(state: FireState, ctx: RuleContext): RuleExplanation {
  const confirmMs = ctx.params.fireConfirmSeconds * 1000;
  const windowS = (windowMsOf(confirmMs) / 1000).toFixed(1);
  const subjects = state.sites.map((s, i) => ({
    id: `site:${i + 1}`,
    phase: state.alerted ? 'alerted' : 'accumulating',
    reason: `${s.kind} at ${where(siteBox(s))}: ${(evidenceMs(s) / 1000).toFixed(1)} s of evidence in the last ${windowS} s, needs ${(confirmMs / 1000).toFixed(1)} s`,
  }));
  if (state.alerted) {
    const sinceS = state.lastEvidenceMs === undefined ? '' : `; the episode ends after ${ctx.params.fireRearmSeconds} s without evidence`;
    return { reason: `fire alerted for this episode${sinceS}`, subjects };
  }
  const best = [...state.sites].sort((a, b) => evidenceMs(b) - evidenceMs(a))[0];
  if (best) return { reason: subjects[state.sites.indexOf(best)]!.reason, subjects };
  const l = state.look;
  if (!l) return { reason: 'no fire measurement on this frame', subjects };
  if (!l.nearest) return { reason: `no flame or smoke candidate (${l.regions} region(s) measured)`, subjects };
  const n = l.nearest;
  return { reason: `${n.kind} candidate at ${where(n.box)}: ${n.test} (${n.value.toFixed(3)}, needs ${n.need})`, subjects };
}

export const fireRule: Rule<FireState> = {
  type: 'fire',
  init: () => ({ sites: [], alerted: false }),
  step: stepFire,
  explain: explainFire,
};
