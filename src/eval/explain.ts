/**
 * `vigie eval --explain`: for every miss and every false alert, the rule's last reason. During a
 * run the explain log keeps, per event type, each change of the rule's one-line reason with its time
 * (a rule repeats the same reason over many frames, so this stays small), and the alerts raised
 * with their message. After scoring, findings pair each miss with the last reason before the end
 * of its scoring window, and each false alert with its message and the reason just before it.
 */
import type { EventType } from '../core/types.ts';
import type { RuleExplanation } from '../rules/rule.ts';
import { MATCH_TOLERANCE_SECONDS } from './match.ts';
import type { ScenarioScore } from './score.ts';

interface ReasonChange {
  readonly tSeconds: number;
  readonly reason: string;
}

export interface ExplainLog {
  /** After each analysed frame: the rules' explanations. */
  record(tSeconds: number, explanations: Partial<Record<EventType, RuleExplanation>> | undefined): void;
  alert(type: EventType, tSeconds: number, message: string): void;
  /** The last reason of `type` at or before `tSeconds`. */
  reasonAt(type: EventType, tSeconds: number): ReasonChange | undefined;
  /** The message of the alert of `type` raised at `tSeconds` (within 1 ms). */
  messageAt(type: EventType, tSeconds: number): string | undefined;
}

export function createExplainLog(): ExplainLog {
  const changes = new Map<EventType, ReasonChange[]>();
  const alerts: { type: EventType; tSeconds: number; message: string }[] = [];
  return {
    record(tSeconds, explanations) {
      for (const [type, e] of Object.entries(explanations ?? {}) as [EventType, RuleExplanation][]) {
        const list = changes.get(type) ?? [];
        if (list.at(-1)?.reason !== e.reason) list.push({ tSeconds, reason: e.reason });
        changes.set(type, list);
      }
    },
    alert(type, tSeconds, message) {
      alerts.push({ type, tSeconds, message });
    },
    reasonAt(type, tSeconds) {
      const list = changes.get(type) ?? [];
      let found: ReasonChange | undefined;
      for (const c of list) if (c.tSeconds <= tSeconds + 1e-9) found = c;
      return found;
    },
    messageAt(type, tSeconds) {
      return alerts.find((a) => a.type === type && Math.abs(a.tSeconds - tSeconds) < 1e-3)?.message;
    },
  };
}

export interface Finding {
  readonly scenario: string;
  readonly type: EventType;
  readonly kind: 'miss' | 'false_alert';
  /** miss: the expected window; false alert: the alert time. */
  readonly at: string;
  /** miss: the rule's last reason in the window; false alert: the alert's message. */
  readonly reason: string;
  /** false alert: the rule's reason on the frame before the alert. */
  readonly before?: string;
}

/** The findings of one scored scenario. Pure apart from reading the log. */
export function findingsOf(score: ScenarioScore, log: ExplainLog | undefined): Finding[] {
  const out: Finding[] = [];
  for (const e of score.missed) {
    const last = log?.reasonAt(e.type, e.end + MATCH_TOLERANCE_SECONDS);
    const reason = score.error ?? (last ? `${last.reason} (since ${last.tSeconds.toFixed(1)} s)` : 'the rule never ran (no frame analysed)');
    out.push({ scenario: score.name, type: e.type, kind: 'miss', at: `${e.start}-${e.end} s`, reason });
  }
  for (const a of score.alerts) {
    if (a.outcome !== 'fp') continue;
    const message = log?.messageAt(a.type, a.tSeconds) ?? (a.reason === 'not_enabled' ? 'type not enabled on this scene' : 'no message');
    const before = log?.reasonAt(a.type, a.tSeconds - 1e-3);
    out.push({
      scenario: score.name,
      type: a.type,
      kind: 'false_alert',
      at: `${a.tSeconds} s`,
      reason: message,
      ...(before ? { before: before.reason } : {}),
    });
  }
  return out;
}

/** The findings as text lines for the console report. */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'explain: no miss and no false alert';
  const lines = ['explain (the rule\'s last reason for each miss and false alert):'];
  for (const f of findings) {
    const what = f.kind === 'miss' ? `missed ${f.type} ${f.at}` : `false ${f.type} alert at ${f.at}`;
    lines.push(`  ${f.scenario}: ${what}: ${f.reason}${f.before ? ` [before: ${f.before}]` : ''}`);
  }
  return lines.join('\n');
}
