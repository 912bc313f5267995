/**
 * The evaluation report in one call: the data of the period, the journal's verdict, the optional
 * authorisations provider, computed (indicators.ts) and rendered (csv.ts, html.ts) or as JSON.
 */
import type { JournalCheck } from '../store/journal-chain.ts';
import type { Lang } from '../core/lang.ts';
import { reportCsv } from './csv.ts';
import { reportHtml } from './html.ts';
import { computeReport } from './indicators.ts';
import type { ReportData } from './source.ts';
import type { Report, ReportInput, ReportJournalState } from './types.ts';

export const REPORT_FORMATS = ['html', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export type ReportProviders = Pick<ReportInput, 'authorisations' | 'killSwitches'>;

export function journalState(check: JournalCheck): ReportJournalState {
  return check.ok
    ? { ok: true, entries: check.entries, ...(check.lastSignedSeq !== undefined ? { lastSignedSeq: check.lastSignedSeq } : {}) }
    : { ok: false, entries: check.entries, brokenAtSeq: check.brokenAtSeq, reason: check.reason };
}

export function buildReport(data: ReportData, journal: JournalCheck, generatedAtMs: number, providers: ReportProviders = {}): Report {
  return computeReport({ ...data, generatedAtMs, journal: journalState(journal), ...providers });
}

export function renderReport(report: Report, format: ReportFormat, lang: Lang): string {
  if (format === 'csv') return reportCsv(report);
  if (format === 'html') return reportHtml(report, lang);
  return JSON.stringify(report);
}

/** A day `YYYY-MM-DD` as the UTC midnight that starts it, or undefined when it is not a real date. */
export function parseDay(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text ? ms : undefined;
}

/** The file name of a report of [fromMs, toMs). */
export function reportFileName(fromMs: number, toMs: number, format: ReportFormat): string {
  const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  return `vigie-report-${day(fromMs)}-${day(toMs)}.${format}`;
}
