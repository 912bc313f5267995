import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VigieError } from '../core/errors.ts';
import { openConsoleStore } from '../store/console-store.ts';
import { entryHash, type JournalRecord } from '../store/journal.ts';
import { readPublicKeyFile, SIGNING_KEY_FILE } from '../store/journal-key.ts';
import { DB_FILE } from '../store/store.ts';
import { JOURNAL_ATTACKS } from '../testing/journal-tamper.ts';
import { runVigie } from '../testing/run-cli.ts';
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

describe('vigie journal verify <export.ndjson>', () => {
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

  it('exits 0 on an intact export, 1 on an edited one or one with a hole', async () => {
    const records = chain(4);
    expect(await journalCommand(['verify', file('ok.ndjson', records.map((r) => JSON.stringify(r)))])).toBe(0);
    const edited = records.map((r) => (r.seq === 3 ? { ...r, actor: 'eve' } : r));
    expect(await journalCommand(['verify', file('edited.ndjson', edited.map((r) => JSON.stringify(r)))])).toBe(1);
    const gap = records.filter((r) => r.seq !== 2);
    expect(await journalCommand(['verify', file('gap.ndjson', gap.map((r) => JSON.stringify(r)))])).toBe(1);
    expect(process.stdout.write).toHaveBeenLastCalledWith('journal broken at entry 2: entry 2 missing (deleted) (2 entries read)\n');
  });

  it('names the line of a bad record, and refuses bad usage', async () => {
    const f = file('bad.ndjson', [JSON.stringify(chain(1)[0]), '{"seq": "one"}']);
    await expect(readExport(f)).rejects.toThrow(/bad\.ndjson:2: not a journal record/);
    await expect(readExport(file('nojson.ndjson', ['nope']))).rejects.toThrow(/nojson\.ndjson:1: not JSON/);
    await expect(readExport(path.join(dir, 'missing.ndjson'))).rejects.toThrow(VigieError);
    await expect(journalCommand(['check', 'x'])).rejects.toThrow(/^usage: vigie journal verify --data DIR/);
    await expect(journalCommand(['verify'])).rejects.toThrow(/^usage: /);
    await expect(journalCommand(['export', '--data', dir, '--format', 'xml'])).rejects.toThrow('--format: ndjson or csv, not "xml"');
    await expect(journalCommand(['export', '--data', dir, '--since', 'yesterday'])).rejects.toThrow(/--since: not a time/);
    await expect(journalCommand(['verify', '--data', dir])).rejects.toThrow(/no vigie\.db here/);
  });
});

describe('vigie journal on a data folder (a child process, as an auditor runs it)', () => {
  let dir: string;
  /** A data folder whose server wrote `n` entries and stopped cleanly (the head signed). */
  const serverRan = (n: number, fromMs = Date.now() - n * 1000): void => {
    const store = openConsoleStore({ dir });
    for (let i = 0; i < n; i++) store.journal.append({ atMs: fromMs + i * 1000, actor: 'ana', action: 'GET /api/alerts/:id', target: `al-${i}`, details: { status: 200, note: 'a "quoted", two-line\nnote' } });
    store.close();
  };
  const tamper = (attack: (db: Database.Database) => void): void => {
    const db = new Database(path.join(dir, DB_FILE));
    try {
      attack(db);
    } finally {
      db.close();
    }
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-journal-data-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('an intact journal verifies (exit 0) with its key', async () => {
    serverRan(150);
    const r = await runVigie(['journal', 'verify', '--data', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^journal intact: 150 entries; \d+ signed checkpoint\(s\) verified with key [0-9a-f]{64}, signed through entry 150\n$/);
  });

  it('a retention purge of old entries verifies', async () => {
    serverRan(60, 1000);
    const store = openConsoleStore({ dir });
    expect(store.journal.purgeBefore(21_000)).toBe(20);
    store.journal.append({ atMs: Date.now(), action: 'retention.purge', details: { journalEntries: 20 } });
    store.close();
    const r = await runVigie(['journal', 'verify', '--data', dir]);
    expect(r.stdout).toMatch(/^journal intact: 41 entries/);
    expect(r.code).toBe(0);
  });

  it.each(JOURNAL_ATTACKS)('%s fails the verify (exit 1), the problem named', async (_what, attack, reason) => {
    serverRan(60);
    tamper(attack);
    const r = await runVigie(['journal', 'verify', '--data', dir]);
    expect(r.code).toBe(1);
    const [, seq, said] = /^journal broken at entry (\d+): (.*) \(\d+ entries read\)\n$/.exec(r.stdout) ?? [];
    expect(Number(seq)).toBeGreaterThan(0);
    expect(said).toMatch(reason);
  });

  it("an auditor's copy of the public key notices a key replaced in the data folder", async () => {
    serverRan(30);
    const pub = await runVigie(['journal', 'public-key', '--data', dir]);
    expect(pub.code).toBe(0);
    const keyFile = path.join(dir, '..', `${path.basename(dir)}.pem`);
    writeFileSync(keyFile, pub.stdout);
    try {
      expect(readPublicKeyFile(keyFile).fingerprint).toBe(readPublicKeyFile(path.join(dir, SIGNING_KEY_FILE)).fingerprint);
      expect(pub.stderr).toContain(readPublicKeyFile(keyFile).fingerprint);
      // Someone replaces the key file and the whole checkpoint table, signed with their own key.
      rmSync(path.join(dir, SIGNING_KEY_FILE));
      tamper((db) => void db.prepare('DELETE FROM journal_checkpoints').run());
      openConsoleStore({ dir }).close();
      expect((await runVigie(['journal', 'verify', '--data', dir])).code).toBe(0);
      const pinned = await runVigie(['journal', 'verify', '--data', dir, '--public-key', keyFile]);
      expect(pinned.code).toBe(1);
      expect(pinned.stdout).toMatch(/names the key [0-9a-f]{16}…, not this journal's key [0-9a-f]{16}… \(the key was replaced\)/);
    } finally {
      rmSync(keyFile, { force: true });
    }
  });

  it('exports NDJSON (records, then the checkpoints that sign them: verifies on its own with the key) and CSV (RFC 4180)', async () => {
    serverRan(120, 1_000_000);
    const ndjson = path.join(dir, 'export.ndjson');
    expect((await runVigie(['journal', 'export', '--data', dir, '--out', ndjson])).code).toBe(0);
    const exported = await readExport(ndjson);
    expect(exported.records.map((r) => r.seq)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(exported.checkpoints.length).toBeGreaterThan(0);
    const verified = await runVigie(['journal', 'verify', ndjson, '--public-key', path.join(dir, SIGNING_KEY_FILE)]);
    expect(verified.stdout).toMatch(/^journal intact: 120 entries \(1-120\); \d+ signed checkpoint\(s\) verified/);
    // A re-hashed export no longer matches its signed checkpoints.
    const lines = readFileSync(ndjson, 'utf8').trim().split('\n');
    const records = lines.slice(0, 120).map((l) => JSON.parse(l) as JournalRecord);
    let prev = records[0]!.prev;
    const forged = records.map((r) => {
      const row = r.seq === 50 ? { ...r, actor: 'eve' } : r;
      const out = { ...row, prev, hash: entryHash(prev, r.seq, row) };
      prev = out.hash;
      return JSON.stringify(out);
    });
    const forgedFile = path.join(dir, 'forged.ndjson');
    writeFileSync(forgedFile, [...forged, ...lines.slice(120)].join('\n') + '\n');
    const unchecked = await runVigie(['journal', 'verify', forgedFile]);
    expect(unchecked.code).toBe(0); // the chain alone was made valid again...
    expect(unchecked.stdout).toMatch(/signed checkpoint\(s\) not checked: pass --public-key FILE/);
    const checked = await runVigie(['journal', 'verify', forgedFile, '--public-key', path.join(dir, SIGNING_KEY_FILE)]);
    expect(checked.code).toBe(1); // ...but not its signed checkpoints
    expect(checked.stdout).toMatch(/re-hashed/);
    const csv = await runVigie(['journal', 'export', '--data', dir, '--format', 'csv', '--since', new Date(1_010_000).toISOString(), '--until', '1020000']);
    const rows = csv.stdout.split('\r\n');
    expect(rows[0]).toBe('seq,time,at_ms,actor,action,target,details,prev,hash');
    expect(rows[1]).toMatch(/^11,1970-01-01T00:16:50\.000Z,1010000,ana,GET \/api\/alerts\/:id,al-10,"{""status"":200,""note"":""a \\""quoted\\"", two-line\\nnote""}",[0-9a-f]{64},[0-9a-f]{64}$/);
    expect(rows.slice(1, -1)).toHaveLength(10);
    expect(rows.at(-1)).toBe('');
  });
});
