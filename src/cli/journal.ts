/**
 * `vigie journal verify <export.ndjson>`: checks a journal export on its own, away from the server
 * that wrote it (an evaluation committee's copy): every line a record, each following the one
 * before, each hash matching its content. Exit 0 when intact, 1 when broken, 2 on a bad file.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { VigieError } from '../core/errors.ts';
import { verifyChain, type JournalRecord } from '../store/journal.ts';

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

export async function readExport(file: string): Promise<JournalRecord[]> {
  if (!existsSync(file)) throw new VigieError('USAGE', `${file}: no such file`);
  const records: JournalRecord[] = [];
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
    const r = recordSchema.safeParse(parsed);
    if (!r.success) throw new VigieError('USAGE', `${file}:${line}: not a journal record (${r.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; ')})`);
    records.push(r.data);
  }
  return records;
}

export async function journalCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals[0] !== 'verify' || positionals.length !== 2) throw new VigieError('USAGE', 'usage: vigie journal verify <export.ndjson>');
  const records = await readExport(positionals[1]!);
  const check = verifyChain(records);
  if (check.ok) {
    const span = records.length > 0 ? ` (${records[0]!.seq}-${records.at(-1)!.seq})` : '';
    process.stdout.write(`chain intact: ${check.entries} entries${span}\n`);
    return 0;
  }
  process.stdout.write(`chain broken at entry ${check.brokenAtSeq}: ${check.reason} (${check.entries} entries read)\n`);
  return 1;
}
