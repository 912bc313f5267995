/**
 * `vigie journal verify|public-key|export`: the journal checked and exported away from the server.
 * - `verify --data DIR [--public-key FILE]`: the journal of a data folder: the chain, and its signed
 *   checkpoints with the folder's key (or the auditor's copy of the public key, which also notices a
 *   key replaced in the folder). Names the problem: an edited or deleted entry, the first or the last
 *   entries removed, a chain re-hashed after an edit, checkpoints deleted or forged.
 * - `verify <export.ndjson> [--public-key FILE]`: an export on its own (an evaluation committee's
 *   copy): a whole piece of the chain, and with the public key its checkpoints.
 * - `public-key [--data DIR]`: the public key (PEM) to give auditors; its fingerprint on stderr.
 * - `export [--data DIR] [--format ndjson|csv] [--since T] [--until T] [--out FILE]`.
 * Exit 0 when intact, 1 when broken, 2 on bad usage or a bad file.
 */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { VigieError } from '../core/errors.ts';
import type { SignedCheckpoint } from '../store/journal-checkpoints.ts';
import { verifyChain, type JournalCheck, type JournalRecord } from '../store/journal-chain.ts';
import { readPublicKeyFile, SIGNING_KEY_FILE, type JournalPublicKey } from '../store/journal-key.ts';
import { DEFAULT_DATA_DIR, exportDataDir, parseTime, verifyDataDir } from './journal-data.ts';

export const JOURNAL_USAGE = `usage: vigie journal verify --data DIR [--public-key FILE]
       vigie journal verify <export.ndjson> [--public-key FILE]
       vigie journal public-key [--data DIR]
       vigie journal export [--data DIR] [--format ndjson|csv] [--since T] [--until T] [--out FILE]`;

const recordSchema = z.strictObject({
  seq: z.number().int().min(1),
  at_ms: z.number().int(),
  actor: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.string().nullable(),
  prev: z.string(),
  hash: z.string(),
});
const checkpointLineSchema = z.strictObject({ checkpoint: z.string(), signature: z.string() });

export interface JournalExport {
  readonly records: JournalRecord[];
  readonly checkpoints: SignedCheckpoint[];
}

export async function readExport(file: string): Promise<JournalExport> {
  if (!existsSync(file)) throw new VigieError('USAGE', `${file}: no such file`);
  const records: JournalRecord[] = [];
  const checkpoints: SignedCheckpoint[] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new VigieError('USAGE', `${file}:${line}: not JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    const c = checkpointLineSchema.safeParse(parsed);
    if (c.success) {
      checkpoints.push({ payload: c.data.checkpoint, signature: c.data.signature });
      continue;
    }
    const r = recordSchema.safeParse(parsed);
    if (!r.success) throw new VigieError('USAGE', `${file}:${line}: not a journal record (${r.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; ')})`);
    records.push(r.data);
  }
  return { records, checkpoints };
}

/** The verdict in one line (and the exit code). */
function report(check: JournalCheck, span: string, key: JournalPublicKey | undefined): number {
  if (!check.ok) {
    process.stdout.write(`journal broken at entry ${check.brokenAtSeq}: ${check.reason} (${check.entries} entries read)\n`);
    return 1;
  }
  const signed =
    key && check.checkpoints !== undefined
      ? `; ${check.checkpoints} signed checkpoint(s) verified with key ${key.fingerprint}, signed through entry ${check.lastSignedSeq ?? 0}${check.unsigned ? ` (${check.unsigned} newer entries not signed yet)` : ''}`
      : '; no signature checked';
  process.stdout.write(`journal intact: ${check.entries} entries${span}${signed}\n`);
  return 0;
}

async function verifyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' }, 'public-key': { type: 'string' } } });
  const keyFile = values['public-key'];
  if (values.data !== undefined) {
    if (positionals.length > 0) throw new VigieError('USAGE', JOURNAL_USAGE);
    const { check, key } = verifyDataDir(values.data, keyFile);
    return report(check, '', key);
  }
  if (positionals.length !== 1) throw new VigieError('USAGE', JOURNAL_USAGE);
  const { records, checkpoints } = await readExport(positionals[0]!);
  const key = keyFile !== undefined ? readPublicKeyFile(keyFile) : undefined;
  const check = verifyChain(records, { window: true, ...(key ? { signed: { checkpoints, key } } : {}) });
  const span = records.length > 0 ? ` (${records[0]!.seq}-${records.at(-1)!.seq})` : '';
  const code = report(check, span, key);
  if (code === 0 && !key && checkpoints.length > 0) process.stdout.write(`${checkpoints.length} signed checkpoint(s) not checked: pass --public-key FILE (GET /api/journal/public-key)\n`);
  return code;
}

function publicKeyCommand(args: string[]): number {
  const { values } = parseArgs({ args, options: { data: { type: 'string', default: DEFAULT_DATA_DIR } } });
  const file = path.join(path.resolve(values.data), SIGNING_KEY_FILE);
  if (!existsSync(file)) throw new VigieError('USAGE', `${values.data}: no ${SIGNING_KEY_FILE} (vigie serve creates it at its first start)`);
  const key = readPublicKeyFile(file);
  process.stdout.write(key.pem);
  process.stderr.write(`Ed25519 public key, fingerprint (SHA-256 of the DER key) ${key.fingerprint}\n`);
  return 0;
}

async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { data: { type: 'string', default: DEFAULT_DATA_DIR }, format: { type: 'string', default: 'ndjson' }, since: { type: 'string' }, until: { type: 'string' }, out: { type: 'string' } },
  });
  const format = values.format;
  if (format !== 'ndjson' && format !== 'csv') throw new VigieError('USAGE', `--format: ndjson or csv, not "${format}"`);
  await exportDataDir(values.data, format, parseTime('since', values.since), parseTime('until', values.until), values.out);
  return 0;
}

export async function journalCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'verify') return verifyCommand(rest);
  if (sub === 'public-key') return publicKeyCommand(rest);
  if (sub === 'export') return exportCommand(rest);
  throw new VigieError('USAGE', JOURNAL_USAGE);
}
