/**
 * What a worker could not publish when it stopped (the bus down or cut off), kept in its data folder
 * (`bus-outbox.ndjson`) and published by the next worker started on that folder, so a worker
 * restarted during a bus outage loses none of its alerts. One JSON line per message (the bytes in
 * base64) after a header; written to a temporary file and renamed, so a file is whole or absent.
 *
 * A message the lease fence held (made once another worker might have taken its camera) is
 * published at the next start unless the camera's lease is now another worker's, taken before the
 * message was made (the rule of lease-fence.ts, with the sure end of the lease kept in the header).
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { errorMessage } from '../core/errors.ts';
import type { PublishOptions, QueuedMessage } from './publisher.ts';

export const SPOOL_FILE = 'bus-outbox.ndjson';

const headerSchema = z.object({
  v: z.literal(1),
  workerId: z.string().min(1),
  savedAtMs: z.number(),
  /** Per camera key: until when the lease was surely this worker's. */
  safeUntil: z.record(z.string(), z.number()),
});
export type SpoolHeader = z.infer<typeof headerSchema>;

const lineSchema = z.object({
  subject: z.string().min(1),
  data: z.string(),
  msgID: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  fence: z.object({ key: z.string().min(1), atMs: z.number() }).optional(),
  expendable: z.object({ group: z.string().min(1) }).optional(),
  held: z.boolean(),
});

export interface SpooledMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly opts: Pick<PublishOptions, 'msgID' | 'headers' | 'fence' | 'expendable'>;
  /** The fence held it when the worker stopped. */
  readonly held: boolean;
}

export interface Spool {
  readonly header: SpoolHeader;
  readonly messages: SpooledMessage[];
}

export const spoolPath = (dataDir: string): string => path.join(dataDir, SPOOL_FILE);

/** Writes the messages (none: removes the file), a line at a time (up to the outbox's 256 MiB, never one big string). Throws on a write error (the caller logs what is lost). */
export function writeSpool(file: string, header: SpoolHeader, messages: readonly QueuedMessage[]): void {
  if (messages.length === 0) return rmSync(file, { force: true });
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, `${JSON.stringify(header)}\n`);
    for (const m of messages) {
      const line = {
        subject: m.subject,
        data: Buffer.from(m.data).toString('base64'),
        ...(m.opts.msgID !== undefined ? { msgID: m.opts.msgID } : {}),
        ...(m.opts.headers !== undefined ? { headers: m.opts.headers } : {}),
        ...(m.opts.fence !== undefined ? { fence: m.opts.fence } : {}),
        ...(m.opts.expendable !== undefined ? { expendable: m.opts.expendable } : {}),
        held: m.decision === 'hold',
      };
      writeSync(fd, `${JSON.stringify(line)}\n`);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/**
 * Reads and removes the spool. Undefined when there is none. A file whose header cannot be read is
 * renamed `<file>.bad` (kept for a person to look at); a line that cannot be read is skipped. Both logged.
 */
export function takeSpool(file: string, log: (message: string) => void): Spool | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    log(`${file} not read: ${errorMessage(err)}`);
    return undefined;
  }
  const [first, ...rest] = text.split('\n').filter((l) => l.trim() !== '');
  const header = parseLine(first ?? '', headerSchema);
  if (!header.ok) {
    log(`${file} not understood (${header.error}): renamed ${path.basename(file)}.bad, nothing published from it`);
    renameSync(file, `${file}.bad`);
    return undefined;
  }
  const messages: SpooledMessage[] = [];
  rest.forEach((line, i) => {
    const m = parseLine(line, lineSchema);
    if (!m.ok) return log(`${file}: line ${i + 2} skipped (${m.error})`);
    const { subject, data, held, ...opts } = m.value;
    messages.push({ subject, data: Buffer.from(data, 'base64'), opts, held });
  });
  rmSync(file, { force: true });
  return { header: header.value, messages };
}

function parseLine<T>(line: string, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (err) {
    return { ok: false, error: `not JSON: ${errorMessage(err)}` };
  }
  const r = schema.safeParse(json);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: r.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ') };
}

/**
 * Whether a kept message is published at the next start: yes unless the fence held it and its
 * camera's lease is now another worker's, held since before the message was made (never counting
 * from before the lease's sure end).
 */
export function spooledVerdict(m: SpooledMessage, header: SpoolHeader, lease: { readonly workerId?: string; readonly sinceMs?: number } | undefined): 'send' | 'drop' {
  const fence = m.opts.fence;
  if (!m.held || !fence || lease?.workerId === undefined || lease.workerId === header.workerId) return 'send';
  const safe = header.safeUntil[fence.key] ?? Number.NEGATIVE_INFINITY;
  return fence.atMs < Math.max(safe, lease.sinceMs ?? safe) ? 'send' : 'drop';
}
