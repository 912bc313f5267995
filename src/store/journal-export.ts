/**
 * The journal exported, page by page (no query stays open while the reader is slow, and memory stays
 * flat for any length), as the API and `vigie journal export` send it:
 * - NDJSON: one record a line exactly as stored and hashed (it verifies on its own with `vigie journal
 *   verify`), then one line per signed checkpoint of that piece of the chain
 *   (`{"checkpoint": "<the signed JSON text>", "signature": "<base64>"}`), checked with the public key;
 * - CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted,
 *   quotes doubled): a header, then one row per entry; `details` is the entry's JSON in one column.
 */
import type { JournalRecord } from './journal-chain.ts';
import { checkpointPayloadSchema, type SignedCheckpoint } from './journal-checkpoints.ts';

export type ExportFormat = 'ndjson' | 'csv';

/** Records read from the store per page of an export. */
export const EXPORT_PAGE = 2000;

export const CSV_COLUMNS = ['seq', 'time', 'at_ms', 'actor', 'action', 'target', 'details', 'prev', 'hash'] as const;

/** One CSV field (RFC 4180). */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(r: JournalRecord): string {
  const time = Number.isFinite(r.at_ms) && Math.abs(r.at_ms) <= 8.64e15 ? new Date(r.at_ms).toISOString() : '';
  return [r.seq, time, r.at_ms, r.actor, r.action, r.target, r.details, r.prev, r.hash].map(csvField).join(',') + '\r\n';
}

/** A checkpoint line of an NDJSON export. */
export interface CheckpointLine {
  readonly checkpoint: string;
  readonly signature: string;
}

/** The checkpoints that sign entries of [first, last], or the one before first (a purge record). */
export function checkpointsWithin(checkpoints: readonly SignedCheckpoint[], first: number, last: number): CheckpointLine[] {
  return checkpoints.flatMap((c) => {
    const p = checkpointPayloadSchema.safeParse(JSON.parse(c.payload));
    // A row that is not a checkpoint is exported as it is: the verify of the export names it.
    const seq = p.success ? p.data.seq : first;
    return seq >= first - 1 && seq <= last ? [{ checkpoint: c.payload, signature: c.signature }] : [];
  });
}

export interface ExportSource {
  records(afterSeq: number, lastSeq: number, limit: number): JournalRecord[];
  checkpoints(): SignedCheckpoint[];
}

/** The export of the entries first..last, chunk by chunk (a page of records each). */
export function* exportChunks(source: ExportSource, range: { first: number; last: number } | undefined, format: ExportFormat, pageSize = EXPORT_PAGE): Generator<string> {
  if (format === 'csv') yield CSV_COLUMNS.join(',') + '\r\n';
  if (!range) return;
  let after = range.first - 1;
  for (;;) {
    const page = source.records(after, range.last, pageSize);
    if (page.length === 0) break;
    after = page.at(-1)!.seq;
    yield page.map((r) => (format === 'csv' ? csvRow(r) : `${JSON.stringify(r)}\n`)).join('');
  }
  if (format === 'ndjson') {
    const lines = checkpointsWithin(source.checkpoints(), range.first, range.last);
    if (lines.length > 0) yield lines.map((l) => `${JSON.stringify(l)}\n`).join('');
  }
}
