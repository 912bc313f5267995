/**
 * The outbox's write-ahead journal: each message a worker queues for the bus (an alert with its
 * snapshot, a clip chunk) is written to its data folder (`<data>/bus-outbox/`, one file per message)
 * as it is queued, and removed once the stream acknowledged it or the outbox dropped it. What a
 * worker could not publish survives however it stops: a clean stop during a bus outage, a crash,
 * `kill -9`, a power cut (each file is synced before it is named). The next worker started on that
 * folder publishes it again (worker-journal.ts); the stream and the console deduplicate by message
 * id, so a message that did go out just before the stop is not doubled.
 *
 * A file: one JSON line (what the message is: subject, id, headers, fence stamp...), then the
 * message's bytes. Written as `<seq>.msg.tmp` and renamed, so a `.msg` file is whole; a `.tmp` left
 * by a crash is a message whose write never finished (removed at the next start; the message was
 * still sent if the bus was up).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { errorMessage, VigieError } from '../core/errors.ts';

export const JOURNAL_DIR = 'bus-outbox';
const SUFFIX = '.msg';
/** Says which process uses the folder: two workers on one folder would publish and remove each other's messages. */
const LOCK = 'LOCK';

const metaSchema = z.object({
  v: z.literal(1),
  /** The worker that queued it. */
  workerId: z.string().min(1),
  /** When it was queued (that worker's clock). */
  queuedAtMs: z.number(),
  subject: z.string().min(1),
  msgID: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** The camera whose lease covers it and when it was made (lease-fence.ts). */
  fence: z.object({ key: z.string().min(1), atMs: z.number() }).optional(),
  /** Until when, as it was queued, the lease was surely that worker's (absent: never held). */
  safeUntilMs: z.number().optional(),
  expendable: z.object({ group: z.string().min(1) }).optional(),
});
export type KeptMeta = z.infer<typeof metaSchema>;

/** A message a previous run queued and that was never acknowledged. */
export interface KeptMessage {
  /** Its file in the journal (removed with `forget`). */
  readonly file: string;
  readonly meta: KeptMeta;
  readonly data: Uint8Array;
}

/** A queued message's entry: resolves to its file once written (undefined: the write failed, logged). */
export type JournalEntry = Promise<string | undefined>;

export interface Journal {
  /** The folder, for log lines. */
  readonly dir: string;
  /** Writes a queued message: `meta` serialised at once, the file in the background (a failed write is logged, the message is still sent). */
  add(meta: Omit<KeptMeta, 'v'>, data: Uint8Array): JournalEntry;
  /** The message was acknowledged or dropped: its file goes (once written). */
  done(entry: JournalEntry): void;
  /** Removes a kept message's file (once queued again, or dropped). */
  forget(file: string): void;
  /** Resolves once every write and removal started so far has finished. */
  settled(): Promise<void>;
  /** Waits for `settled()` and frees the folder for the next process (its files stay). */
  release(): Promise<void>;
}

const seqName = (seq: number): string => `${String(seq).padStart(12, '0')}${SUFFIX}`;

/**
 * Opens (creates) the journal in `dir` and reads what a previous run left there, oldest first. A
 * file that cannot be read is renamed `<name>.bad` and left for a person to look at; an unfinished
 * write (`.tmp`) is removed. Both logged. Throws when the folder cannot be created or listed, or
 * when a live process of this host holds it (a crashed one's lock is taken over).
 */
export function openJournal(dir: string, log: (message: string) => void): { journal: Journal; kept: KeptMessage[] } {
  mkdirSync(dir, { recursive: true });
  lock(dir, log);
  const names = readdirSync(dir).sort();
  const kept: KeptMessage[] = [];
  let last = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    if (name.endsWith(`${SUFFIX}.tmp`)) {
      log(`${file}: a write cut short by the stop, removed`);
      rmSync(file, { force: true });
      continue;
    }
    if (!name.endsWith(SUFFIX)) continue;
    last = Math.max(last, Number.parseInt(name, 10) || 0);
    const read = readKept(file);
    if ('error' in read) {
      log(`${file} not understood (${read.error}): renamed ${name}.bad, not published`);
      renameSync(file, `${file}.bad`);
      continue;
    }
    kept.push(read);
  }
  return { journal: createJournal(dir, last + 1, log), kept };
}

function lock(dir: string, log: (message: string) => void): void {
  const file = path.join(dir, LOCK);
  const me = { pid: process.pid, host: hostname() };
  try {
    writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  let holder: { pid?: unknown; host?: unknown } = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null) holder = parsed;
    else log(`${file} not understood (not an object): taken over`);
  } catch (err) {
    log(`${file} not understood (${errorMessage(err)}): taken over`);
  }
  if (typeof holder.pid === 'number' && holder.host === me.host && holder.pid !== me.pid && isAlive(holder.pid)) {
    throw new VigieError('USAGE', `${dir} is in use by process ${holder.pid} of this host (one worker per data folder: give each its own --data)`);
  }
  if (holder.pid !== undefined && holder.pid !== me.pid) log(`${dir}: left by process ${String(holder.pid)} of ${String(holder.host)}, which stopped without freeing it: taken over`);
  writeFileSync(file, JSON.stringify(me));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readKept(file: string): KeptMessage | { error: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    return { error: errorMessage(err) };
  }
  const eol = bytes.indexOf(0x0a);
  if (eol < 0) return { error: 'no header line' };
  let json: unknown;
  try {
    json = JSON.parse(bytes.subarray(0, eol).toString('utf8'));
  } catch (err) {
    return { error: `header not JSON: ${errorMessage(err)}` };
  }
  const meta = metaSchema.safeParse(json);
  if (!meta.success) return { error: meta.error.issues.map((i) => `${i.path.join('.') || '(header)'}: ${i.message}`).join('; ') };
  return { file, meta: meta.data, data: new Uint8Array(bytes.subarray(eol + 1)) };
}

/** `header`: the meta as JSON, made when the message was queued (what is written is what was queued then). */
async function writeKept(file: string, header: string, data: Uint8Array): Promise<void> {
  const tmp = `${file}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.write(`${header}\n`);
    await fh.write(data);
    await fh.datasync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
}

function createJournal(dir: string, firstSeq: number, log: (message: string) => void): Journal {
  let seq = firstSeq;
  const running = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    running.add(p);
    void p.finally(() => running.delete(p));
    return p;
  };
  const settled = async (): Promise<void> => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };
  const remove = (file: string): void =>
    void track(rm(file, { force: true }).catch((err: unknown) => log(`${file} not removed (its message may be published again at the next start, deduplicated by id): ${errorMessage(err)}`)));
  return {
    dir,
    add(meta, data) {
      const file = path.join(dir, seqName(seq++));
      return track(
        writeKept(file, JSON.stringify({ v: 1, ...meta }), data).then(
          () => file,
          (err: unknown) => {
            log(`message to ${meta.subject}${meta.msgID ? ` (${meta.msgID})` : ''} not kept on disk, lost if the worker stops before it is published: ${errorMessage(err)}`);
            rmSync(`${file}.tmp`, { force: true });
            return undefined;
          },
        ),
      );
    },
    done(entry) {
      void entry.then((file) => file !== undefined && remove(file));
    },
    forget: remove,
    settled,
    async release() {
      await settled();
      rmSync(path.join(dir, LOCK), { force: true });
    },
  };
}

/**
 * Whether a kept message is published at the next start: yes unless its camera's lease is now
 * another worker's, held since before the message was made and not surely this worker's then
 * (never counting from before the lease's sure end: clocks of two machines differ; lease-fence.ts).
 */
export function keptVerdict(meta: KeptMeta, lease: { readonly workerId?: string; readonly sinceMs?: number } | undefined): 'send' | 'drop' {
  const fence = meta.fence;
  if (!fence || lease?.workerId === undefined || lease.workerId === meta.workerId) return 'send';
  const safe = meta.safeUntilMs ?? Number.NEGATIVE_INFINITY;
  return fence.atMs < Math.max(safe, lease.sinceMs ?? safe) ? 'send' : 'drop';
}

/** The message files of a journal folder, oldest first (tests, logs). */
export const journalFiles = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith(SUFFIX)).sort();
