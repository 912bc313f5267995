/**
 * The evaluation report's indicators over a period [fromMs, toMs): pure functions of what the store
 * holds (types.ts). Signals are counted by their creation time, missed events by their time; camera
 * time is clipped to the period.
 */
import { percentile as nearestRank } from '../core/percentile.ts';
import { TRAINING_KINDS } from '../auth/habilitation.ts';
import { EVENT_TYPES } from '../core/types.ts';
import type { StatusEntry } from '../store/status-log.ts';
import type { EventIndicators, Outage, Report, ReportAlert, ReportInput } from './types.ts';

const HOUR_MS = 3_600_000;
/** The roles that view alerts and so need a habilitation and the trainings. */
const VIEWING_ROLES = new Set(['operator', 'supervisor']);
export const SYSTEM_ALERT_KINDS_REPORTED = ['camera_lost', 'disk_low', 'store_failed'] as const;

/** Nearest-rank percentile (p in (0, 100]) of the values, in any order; undefined when there are none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  return nearestRank([...values].sort((a, b) => a - b), p) ?? undefined;
}

const mean = (values: readonly number[]): number | undefined => (values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : undefined);

/** The periods of the status history inside [fromMs, toMs): state, start, end. */
export function statusSpans(entries: readonly StatusEntry[], fromMs: number, toMs: number): { state: string; startMs: number; endMs: number }[] {
  const spans: { state: string; startMs: number; endMs: number }[] = [];
  entries.forEach((e, i) => {
    const startMs = Math.max(e.atMs, fromMs);
    const endMs = Math.min(entries[i + 1]?.atMs ?? toMs, toMs);
    if (endMs <= startMs) return;
    const last = spans.at(-1);
    if (last && last.state === e.state && last.endMs === startMs) last.endMs = endMs;
    else spans.push({ state: e.state, startMs, endMs });
  });
  return spans;
}

function outage(history: ReportInput['statusHistory'], state: string, fromMs: number, toMs: number): Outage {
  let count = 0;
  let totalMs = 0;
  for (const { entries } of history) {
    for (const s of statusSpans(entries, fromMs, toMs)) {
      if (s.state !== state) continue;
      count++;
      totalMs += s.endMs - s.startMs;
    }
  }
  return { count, totalMs };
}

export function eventIndicators(type: string, alerts: readonly ReportAlert[], missed: number): EventIndicators {
  const n = (status: ReportAlert['status']): number => alerts.filter((a) => a.status === status).length;
  const confirmed = n('confirmed');
  const falseAlarms = n('false_alarm');
  const acks = alerts.flatMap((a) => (a.firstDecisionAtMs !== undefined ? [Math.max(0, a.firstDecisionAtMs - a.createdAtMs)] : []));
  const meanAckMs = mean(acks);
  const p95AckMs = percentile(acks, 95);
  return {
    type,
    signals: alerts.length,
    confirmed,
    falseAlarms,
    duplicates: n('duplicate'),
    pending: n('new'),
    ...(confirmed + falseAlarms > 0 ? { precision: confirmed / (confirmed + falseAlarms) } : {}),
    ...(meanAckMs !== undefined ? { meanAckMs } : {}),
    ...(p95AckMs !== undefined ? { p95AckMs } : {}),
    missed,
  };
}

function people(input: ReportInput, atMs: number): Report['people'] {
  const accounts = input.accounts.filter((a) => VIEWING_ROLES.has(a.role));
  const key = (u: string): string => u.toLowerCase();
  const hab = new Map(input.habilitations.map((h) => [key(h.username), h]));
  let habilitated = 0;
  let withdrawn = 0;
  let trainingMissing = 0;
  for (const a of accounts) {
    const h = hab.get(key(a.username));
    if (h?.withdrawn) withdrawn++;
    else if (h && h.grantedAtMs <= atMs && (h.expiresAtMs === undefined || h.expiresAtMs > atMs)) habilitated++;
    const done = new Set(input.trainings.filter((t) => key(t.username) === key(a.username) && t.atMs <= atMs).map((t) => t.kind));
    if (TRAINING_KINDS.some((k) => !done.has(k))) trainingMissing++;
  }
  return { accounts: accounts.length, habilitated, withdrawn, trainingMissing };
}

/** Every indicator of the report. The event types are the eight of the catalogue, then any other seen. */
export function computeReport(input: ReportInput): Report {
  const { fromMs, toMs } = input;
  const alerts = input.alerts.filter((a) => a.createdAtMs >= fromMs && a.createdAtMs < toMs);
  const missed = input.missed.filter((m) => m.atMs >= fromMs && m.atMs < toMs);
  const seen = [...alerts.map((a) => a.type), ...missed.map((m) => m.type)];
  const types = [...EVENT_TYPES, ...[...new Set(seen)].filter((t) => !(EVENT_TYPES as readonly string[]).includes(t)).sort()];
  const events = types.map((t) => eventIndicators(t, alerts.filter((a) => a.type === t), missed.filter((m) => m.type === t).length));
  const perCamera = input.statusHistory
    .map(({ cameraId, entries }) => ({
      cameraId,
      hours: statusSpans(entries, fromMs, toMs).filter((s) => s.state === 'running').reduce((h, s) => h + (s.endMs - s.startMs) / HOUR_MS, 0),
    }))
    .sort((a, b) => a.cameraId.localeCompare(b.cameraId));
  const systemAlerts: Record<string, number> = Object.fromEntries(SYSTEM_ALERT_KINDS_REPORTED.map((k) => [k, 0]));
  for (const s of input.systemAlerts) if (s.raisedAtMs >= fromMs && s.raisedAtMs < toMs) systemAlerts[s.kind] = (systemAlerts[s.kind] ?? 0) + 1;
  return {
    fromMs,
    toMs,
    generatedAtMs: input.generatedAtMs,
    cameras: { analysed: perCamera.filter((c) => c.hours > 0).length, hours: perCamera.reduce((h, c) => h + c.hours, 0), perCamera },
    events,
    totals: eventIndicators('*', alerts, missed.length),
    outages: { failed: outage(input.statusHistory, 'failed', fromMs, toMs), reconnecting: outage(input.statusHistory, 'reconnecting', fromMs, toMs), systemAlerts },
    people: people(input, Math.min(toMs, input.generatedAtMs)),
    ...(input.authorisations ? { authorisations: { list: input.authorisations().filter((a) => a.startMs < toMs && a.endMs > fromMs), killSwitches: (input.killSwitches?.() ?? []).filter((k) => k.engagedAtMs < toMs && (k.releasedAtMs ?? Infinity) > fromMs) } } : {}),
    journal: input.journal,
  };
}
