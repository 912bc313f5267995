import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VigieError } from '../core/errors.ts';
import { entryHash, type JournalRecord } from '../store/journal.ts';
import { journalCommand, readExport } from './journal.ts';

/** A chain of n records as the server writes them. */
function chain(n: number): JournalRecord[] {
  const out: JournalRecord[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const r = { at_ms: 1000 * seq, actor: seq % 2 ? 'ana' : null, action: 'GET /api/alerts', target: null, details: JSON.stringify({ status: 200 }) };
    const prev = out.at(-1)?.hash ?? '';
    out.push({ seq, ...r, prev, hash: entryHash(prev, seq, r) });
  }
  return out;
}

describe('vigie journal verify', () => {
  let dir: string;
  const file = (name: string, lines: readonly string[]): string => {
    const f = path.join(dir, name);
    writeFileSync(f, lines.join('\n') + '\n');
    return f;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-journal-cli-'));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 on an intact export, 1 on an edited one', async () => {
    const records = chain(4);
    expect(await journalCommand(['verify', file('ok.ndjson', records.map((r) => JSON.stringify(r)))])).toBe(0);
    const edited = records.map((r) => (r.seq === 3 ? { ...r, actor: 'eve' } : r));
    expect(await journalCommand(['verify', file('edited.ndjson', edited.map((r) => JSON.stringify(r)))])).toBe(1);
    const gap = records.filter((r) => r.seq !== 2);
    expect(await journalCommand(['verify', file('gap.ndjson', gap.map((r) => JSON.stringify(r)))])).toBe(1);
  });

  it('names the line of a bad record, and refuses bad usage', async () => {
    const f = file('bad.ndjson', [JSON.stringify(chain(1)[0]), '{"seq": "one"}']);
    await expect(readExport(f)).rejects.toThrow(/bad\.ndjson:2: not a journal record/);
    await expect(readExport(file('nojson.ndjson', ['nope']))).rejects.toThrow(/nojson\.ndjson:1: not JSON/);
    await expect(readExport(path.join(dir, 'missing.ndjson'))).rejects.toThrow(VigieError);
    await expect(journalCommand(['check', 'x'])).rejects.toThrow('usage: vigie journal verify <export.ndjson>');
  });
});
