import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE, openDatabaseDir } from './store.ts';
import { verifyInWorker, verifyJournal } from './journal-verify.ts';
import { createJournal, journalWriter, verifyChain, verifyInChunks, type Journal } from './journal.ts';
import type Database from 'better-sqlite3';

describe('journal', () => {
  let dir: string;
  let db: Database.Database;
  let journal: Journal;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-journal-'));
    db = openDatabaseDir(dir).db;
    journal = createJournal(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fill = (): void => {
    journal.append({ atMs: 1000, actor: 'ana', action: 'login' });
    journal.append({ atMs: 2000, actor: 'ana', action: 'alert.view', target: 'al-1' });
    journal.append({ atMs: 3000, action: 'alert.raised', target: 'al-2', details: { type: 'fire', cameraId: 'hall' } });
    journal.append({ atMs: 4000, actor: 'bo', action: 'alert.qualify', target: 'al-2', details: { status: 'confirmed' } });
  };

  it('appends in order and lists the newest first, with filters and paging', () => {
    fill();
    expect(journal.list().map((e) => e.seq)).toEqual([4, 3, 2, 1]);
    expect(journal.list({ sinceMs: 2000, untilMs: 4000 }).map((e) => e.seq)).toEqual([3, 2]);
    expect(journal.list({ actor: 'ana' }).map((e) => e.action)).toEqual(['alert.view', 'login']);
    expect(journal.list({ action: 'alert.' }).map((e) => e.seq)).toEqual([4, 3, 2]);
    expect(journal.list({ action: 'alert' })).toEqual([]);
    journal.append({ atMs: 4500, actor: 'bo', action: 'GET /api/alerts/:id/snapshot', target: 'al-2' });
    expect(journal.list({ action: 'GET /api/alerts/:id/' }).map((e) => e.seq)).toEqual([5]);
    expect(journal.list({ action: 'GET ' }).map((e) => e.seq)).toEqual([5]);
    expect(journal.list({ beforeSeq: 3, limit: 1 }).map((e) => e.seq)).toEqual([2]);
    expect(journal.list({ action: 'alert.raised' })[0]).toMatchObject({ target: 'al-2', details: { type: 'fire', cameraId: 'hall' } });
    expect(journal.list({ action: 'alert.raised' })[0]!.actor).toBeUndefined();
  });

  it('verifies an intact chain', () => {
    fill();
    expect(journal.verify()).toEqual({ ok: true, entries: 4 });
  });

  // [what was done to the table behind the journal's back, the entry where the chain breaks]
  const tampering: [string, string, number][] = [
    ['an entry edited', "UPDATE journal SET details = '{\"status\":\"doubt_lifted\"}' WHERE seq = 4", 4],
    ['an entry deleted in the middle', 'DELETE FROM journal WHERE seq = 2', 2],
    ['an actor rewritten', "UPDATE journal SET actor = 'eve' WHERE seq = 1", 1],
  ];
  it.each(tampering)('finds %s', (_what, sql, seq) => {
    fill();
    db.exec(sql);
    const check = journal.verify();
    expect(check.ok).toBe(false);
    expect(check).toMatchObject({ brokenAtSeq: seq });
  });

  it.each(tampering)('verifyInChunks finds %s like verify()', async (_what, sql, seq) => {
    fill();
    db.exec(sql);
    expect(await verifyInChunks(journal, 2)).toEqual(journal.verify());
    expect(await verifyInChunks(journal, 2)).toMatchObject({ ok: false, brokenAtSeq: seq });
  });

  it('verifyInChunks gives the event loop back between chunks (other requests are served meanwhile)', async () => {
    for (let i = 0; i < 10; i++) journal.append({ atMs: 1000 + i, action: 'x' });
    const seen: number[] = [];
    let ticks = 0;
    const ticker = setInterval(() => void ticks++, 0);
    const check = await verifyInChunks(journal, 3, async () => {
      seen.push(ticks);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    });
    clearInterval(ticker);
    expect(check).toEqual({ ok: true, entries: 10 });
    expect(seen).toHaveLength(4); // 10 records in chunks of 3
    expect(ticks).toBeGreaterThan(seen[0]!); // a timer ran while the chain was being checked
    expect(await verifyInChunks(journal)).toEqual({ ok: true, entries: 10 });
    expect(journal.purgeBefore(Number.MAX_SAFE_INTEGER)).toBe(9); // the newest entry is always kept
    expect(await verifyInChunks(journal)).toEqual({ ok: true, entries: 1 });
  });

  it('after a retention purge, the chain is checked from the first entry kept, and numbering goes on', () => {
    fill();
    expect(journal.purgeBefore(2500)).toBe(2);
    expect(journal.list().map((e) => e.seq)).toEqual([4, 3]);
    expect(journal.verify()).toEqual({ ok: true, entries: 2 });
    expect(journal.append({ atMs: 5000, actor: 'ana', action: 'logout' }).seq).toBe(5);
    expect(journal.verify()).toEqual({ ok: true, entries: 3 });
  });

  it('exports a whole piece of the chain for a time window, page by page, which verifies on its own', () => {
    fill();
    journal.append({ atMs: 2500, action: 'alert.raised', target: 'al-3' }); // written late with an earlier clock
    const range = journal.seqRange(2000, 4000)!;
    expect(range).toEqual({ first: 2, last: 5 });
    const pages = [journal.records(range.first - 1, range.last, 2), journal.records(3, range.last, 2)];
    expect(pages.map((p) => p.map((r) => r.seq))).toEqual([[2, 3], [4, 5]]);
    expect(verifyChain(pages.flat())).toEqual({ ok: true, entries: 4 });
    expect(verifyChain([pages[0]![0]!, pages[1]![0]!])).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'entry 3 missing (deleted)' });
    expect(journal.seqRange(9000)).toBeUndefined();
  });

  it('a writer never throws: an entry that cannot be written is reported, the caller goes on', () => {
    const errors: string[] = [];
    const write = journalWriter(journal, (m) => void errors.push(m));
    write({ atMs: 1, actor: 'ana', action: 'login' });
    db.exec('DROP TABLE journal');
    expect(() => write({ atMs: 2, actor: 'ana', action: 'logout' })).not.toThrow();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^journal: cannot record logout of ana: /);
  });

  it('purges a prefix of the chain: an old entry written after a newer one stays until those before it go', () => {
    journal.append({ atMs: 1000, action: 'a' });
    journal.append({ atMs: 3000, action: 'b' });
    journal.append({ atMs: 2000, action: 'c' }); // a writer with a late clock
    journal.append({ atMs: 4000, action: 'd' });
    expect(journal.purgeBefore(2500)).toBe(1);
    expect(journal.list().map((e) => e.action)).toEqual(['d', 'c', 'b']);
    expect(journal.verify()).toEqual({ ok: true, entries: 3 });
  });

  it('keeps numbering after the newest entries are gone (never reuses a number)', () => {
    fill();
    db.exec('DELETE FROM journal WHERE seq >= 3');
    expect(journal.append({ atMs: 5000, action: 'x' }).seq).toBe(5);
  });
});

describe('journal verified off the event loop', () => {
  let dir: string;
  let db: Database.Database;
  let journal: Journal;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-journal-w-'));
    db = openDatabaseDir(dir).db;
    journal = createJournal(db);
    for (let i = 0; i < 50; i++) journal.append({ atMs: 1000 + i, actor: 'ana', action: 'login' });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a worker thread with its own connection finds what verify() finds', async () => {
    expect(await verifyInWorker(path.join(dir, DB_FILE))).toEqual({ ok: true, entries: 50 });
    db.exec("UPDATE journal SET actor = 'eve' WHERE seq = 30");
    expect(await verifyInWorker(path.join(dir, DB_FILE))).toEqual(journal.verify());
    expect(journal.verify()).toMatchObject({ ok: false, brokenAtSeq: 30 });
  });

  it('falls back to chunks, reported, when the worker cannot run', async () => {
    const errors: string[] = [];
    const check = await verifyJournal({ journal, alerts: { dir: path.join(dir, 'nowhere') } }, (m) => void errors.push(m));
    expect(check).toEqual({ ok: true, entries: 50 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^journal verify: worker failed, verifying in chunks: /);
  });
});
