/**
 * The report as CSV (RFC 4180: CRLF, fields quoted when they hold a comma, quote or line break):
 * one table whose first column names the section (`period`, `journal`, `cameras`, `events`,
 * `outages`, `system_alerts`, `people`, `authorisations`, `kill_switches`), then `key` (what the
 * row is about: a camera, an event type, an indicator) and the values. Every row has the same
 * columns; a section leaves empty the ones it does not use. Times are ISO 8601, durations ms.
 */
import type { Report } from './types.ts';

export const CSV_HEADER = ['section', 'key', 'signals', 'confirmed', 'false_alarms', 'duplicates', 'pending', 'precision', 'mean_ack_ms', 'p95_ack_ms', 'missed', 'value', 'detail'] as const;

type Cell = string | number | undefined;

export function csvField(v: Cell): string {
  if (v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function row(section: string, key: string, cells: Partial<Record<(typeof CSV_HEADER)[number], Cell>>): Cell[] {
  const all: Partial<Record<string, Cell>> = { section, key, ...cells };
  return CSV_HEADER.map((h) => all[h]);
}

export function reportCsv(r: Report): string {
  const rows: Cell[][] = [
    [...CSV_HEADER],
    row('period', 'from', { value: iso(r.fromMs) }),
    row('period', 'to', { value: iso(r.toMs) }),
    row('period', 'generated', { value: iso(r.generatedAtMs) }),
    row('journal', 'state', { value: r.journal.ok ? 'ok' : 'broken', detail: r.journal.ok ? undefined : `entry ${r.journal.brokenAtSeq ?? '?'}: ${r.journal.reason ?? ''}` }),
    row('journal', 'entries', { value: r.journal.entries }),
    row('journal', 'signed_through_seq', { value: r.journal.lastSignedSeq }),
    row('cameras', 'analysed', { value: r.cameras.analysed }),
    row('cameras', 'hours', { value: r.cameras.hours }),
    ...r.cameras.perCamera.map((c) => row('cameras', c.cameraId, { value: c.hours })),
    ...[...r.events, { ...r.totals, type: 'total' }].map((e) =>
      row('events', e.type, { signals: e.signals, confirmed: e.confirmed, false_alarms: e.falseAlarms, duplicates: e.duplicates, pending: e.pending, precision: e.precision, mean_ack_ms: e.meanAckMs, p95_ack_ms: e.p95AckMs, missed: e.missed }),
    ),
    row('outages', 'failed_count', { value: r.outages.failed.count }),
    row('outages', 'failed_ms', { value: r.outages.failed.totalMs }),
    row('outages', 'reconnecting_count', { value: r.outages.reconnecting.count }),
    row('outages', 'reconnecting_ms', { value: r.outages.reconnecting.totalMs }),
    ...Object.entries(r.outages.systemAlerts).map(([k, n]) => row('system_alerts', k, { value: n })),
    row('people', 'accounts', { value: r.people.accounts }),
    row('people', 'habilitated', { value: r.people.habilitated }),
    row('people', 'withdrawn', { value: r.people.withdrawn }),
    row('people', 'training_missing', { value: r.people.trainingMissing }),
    ...(r.authorisations
      ? [
          ...r.authorisations.list.map((a) =>
            row('authorisations', a.reference, { value: a.authority, detail: `${iso(a.startMs)}/${iso(a.endMs)}; cameras ${a.cameraIds.join(' ')}; events ${a.eventTypes.join(' ')}${a.revoked ? '; revoked' : ''}` }),
          ),
          ...r.authorisations.killSwitches.map((k) =>
            row('kill_switches', `${k.scope}${k.target ? `:${k.target}` : ''}`, { value: k.engagedBy, detail: `${iso(k.engagedAtMs)}${k.releasedAtMs !== undefined ? `/${iso(k.releasedAtMs)}` : ''}; ${k.why}` }),
          ),
        ]
      : [row('authorisations', 'state', { value: 'not recorded' })]),
  ];
  return rows.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}
