import { mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_ATTACKS, rehashAll } from '../testing/journal-tamper.ts';
import { verifyChain, type JournalRecord } from './journal-chain.ts';
import { CHECKPOINTS_SQL, type SignedCheckpoint } from './journal-checkpoints.ts';
import { loadOrCreateSigningKey, readPublicKeyFile, SIGNING_KEY_FILE, type JournalSigner } from './journal-key.ts';
import { verifyInWorker } from './journal-verify.ts';
import { verifyDatabaseFile } from './journal-verify-db.ts';
import { checkOptionsOf, createJournal, verifyInChunks, type Journal } from './journal.ts';
import { DB_FILE, openDatabaseDir } from './store.ts';

const EVERY = 10;

describe('signed journal', () => {
  let dir: string;
  let db: Database.Database;
  let signer: JournalSigner;
  let journal: Journal;
  /** The journal as a later process sees it: no memory of what this one signed. */
  const reopened = (): Journal => createJournal(db, { signer: loadOrCreateSigningKey(dir), every: EVERY });
  const fill = (n: number, fromMs = 1000): void => {
    for (let i = 0; i < n; i++) journal.append({ atMs: fromMs + i * 1000, actor: i % 2 ? 'ana' : 'bo', action: 'GET /api/alerts/:id', target: `al-${i}`, details: { status: 200 } });
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-journal-signed-'));
    db = openDatabaseDir(dir).db;
    signer = loadOrCreateSigningKey(dir);
    journal = createJournal(db, { signer, every: EVERY });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates its Ed25519 key once, in the data folder, readable by its owner only', () => {
    expect(signer.created).toBe(true);
    expect(statSync(path.join(dir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    const again = loadOrCreateSigningKey(dir);
    expect(again.created).toBe(false);
    expect(again.fingerprint).toBe(signer.fingerprint);
    expect(readPublicKeyFile(path.join(dir, SIGNING_KEY_FILE)).fingerprint).toBe(signer.fingerprint);
    expect(signer.pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE sql LIKE '%PRIVATE%'").get()).toEqual({ n: 0 });
  });

  it('signs a start record, a head every N entries, on checkpoint() only when something is new', () => {
    const kinds = (): string[] => journal.checkpoints().map((c) => `${(JSON.parse(c.payload) as { kind: string }).kind}@${(JSON.parse(c.payload) as { seq: number }).seq}`);
    expect(kinds()).toEqual(['start@0']);
    fill(25);
    expect(kinds()).toEqual(['start@0', 'head@10', 'head@20']);
    expect(journal.checkpoint()?.seq).toBe(25);
    expect(journal.checkpoint()).toBeUndefined();
    expect(kinds()).toEqual(['start@0', 'head@10', 'head@25']); // thinned: the first head of the stretch and the newest
    expect(journal.verify()).toEqual({ ok: true, entries: 25, checkpoints: 3, lastSignedSeq: 25, unsigned: 0, key: signer.fingerprint });
    fill(3, 90_000);
    expect(journal.verify()).toMatchObject({ ok: true, entries: 28, lastSignedSeq: 25, unsigned: 3 });
  });

  it('thins old heads: the first and the newest of each stretch of every × 100 entries, and the newest', () => {
    const heads = (): number[] => journal.checkpoints().map((c) => JSON.parse(c.payload) as { kind: string; seq: number }).filter((p) => p.kind === 'head').map((p) => p.seq);
    fill(2_345);
    expect(heads()).toEqual([10, 990, 1000, 1990, 2000, 2340]);
    for (let i = 0; i < 3; i++) {
      journal.append({ atMs: 9_000_000 + i, action: 'x' });
      journal.checkpoint(); // a minute's head, replaced by the next one
    }
    expect(heads()).toEqual([10, 990, 1000, 1990, 2000, 2348]);
    expect(reopened().verify()).toMatchObject({ ok: true, entries: 2_348, lastSignedSeq: 2_348 });
  });

  it.each(JOURNAL_ATTACKS)('finds %s, named', async (_what, attack, reason) => {
    fill(45);
    journal.checkpoint();
    expect(journal.verify()).toMatchObject({ ok: true });
    attack(db);
    const later = reopened();
    const check = later.verify();
    expect(check.ok).toBe(false);
    expect(check).toMatchObject({ reason: expect.stringMatching(reason) });
    // The same answer in a worker (its own connection) and in chunks on the event loop.
    expect(await verifyInWorker(path.join(dir, DB_FILE), later.signing())).toEqual(check);
    expect(await verifyInChunks(later, 7)).toEqual(check);
  });

  it('a retention purge verifies: it leaves a signed boundary, and the chain starts there', () => {
    fill(45);
    expect(journal.purgeBefore(21_000)).toBe(20);
    journal.append({ atMs: 99_000, action: 'retention.purge' });
    expect(reopened().verify()).toMatchObject({ ok: true, entries: 26 });
    // Removing the entry after the boundary is not a purge.
    db.prepare('DELETE FROM journal WHERE seq = 21').run();
    expect(reopened().verify()).toMatchObject({ ok: false, brokenAtSeq: 21, reason: expect.stringMatching(/^entry 21 missing: .*the first entries were removed/) });
  });

  it('a purge of everything keeps the newest entry; emptying the journal is found', () => {
    fill(12);
    expect(journal.purgeBefore(Number.MAX_SAFE_INTEGER)).toBe(11);
    expect(reopened().verify()).toMatchObject({ ok: true, entries: 1 });
    db.prepare('DELETE FROM journal').run();
    expect(reopened().verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/no entry left after .* \(the journal was emptied\)/) });
  });

  // [what was done to the checkpoints, the reason verify gives]
  const checkpointAttacks: [string, (db: Database.Database) => void, RegExp][] = [
    ['all deleted', (d) => void d.prepare('DELETE FROM journal_checkpoints').run(), /no signed start or purge record/],
    ['heads deleted, the start kept', (d) => void d.prepare("DELETE FROM journal_checkpoints WHERE kind = 'head'").run(), /entries 1-45 \(45\) follow the newest checkpoint, but a head is signed at least every 10 entries/],
    ['one edited', (d) => void d.prepare("UPDATE journal_checkpoints SET payload = replace(payload, '\"seq\":10', '\"seq\":11') WHERE seq = 10").run(), /the signature of the checkpoint signed .* does not verify/],
    ['a signature swapped', (d) => void d.prepare('UPDATE journal_checkpoints SET signature = (SELECT signature FROM journal_checkpoints WHERE seq = 10) WHERE seq = 40').run(), /does not verify with the journal's key/],
    ['a row that is not a checkpoint', (d) => void d.prepare("UPDATE journal_checkpoints SET payload = '{}' WHERE seq = 40").run(), /a checkpoint is not one the server writes/],
  ];
  it.each(checkpointAttacks)('finds checkpoints %s', (_what, attack, reason) => {
    fill(45);
    attack(db);
    expect(reopened().verify()).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('notices a replaced key: checkpoints signed by another key, or a key file replaced', () => {
    fill(15);
    const records = db.prepare<[], JournalRecord>('SELECT * FROM journal ORDER BY seq').all();
    const checkpoints = db.prepare<[], SignedCheckpoint>(CHECKPOINTS_SQL).all();
    const other = mkdtempSync(path.join(tmpdir(), 'vigie-journal-other-'));
    try {
      const stranger = loadOrCreateSigningKey(other);
      expect(verifyChain(records, { signed: { checkpoints, key: stranger } })).toMatchObject({ ok: false, reason: expect.stringMatching(/names the key [0-9a-f]{16}…, not this journal's key [0-9a-f]{16}… \(the key was replaced\)/) });
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    // The key file deleted: the next start makes a new key, whose checkpoints do not explain the old ones.
    unlinkSync(path.join(dir, SIGNING_KEY_FILE));
    expect(reopened().verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/the key was replaced/) });
  });

  it('the running server finds the newest entries removed with their checkpoint (its memory), where a later process cannot', () => {
    fill(12);
    journal.checkpoint();
    db.prepare('DELETE FROM journal WHERE seq > 10').run();
    db.prepare('DELETE FROM journal_checkpoints WHERE seq > 10').run();
    expect(journal.verify()).toMatchObject({ ok: false, brokenAtSeq: 12, reason: expect.stringMatching(/this server signed entry 12, but no checkpoint in the database signs past entry 10/) });
    expect(reopened().verify()).toMatchObject({ ok: true, entries: 10 });
  });

  it('the weak spot: entries written since the newest head can be removed unseen (fewer than every)', () => {
    fill(45); // heads at 10 and 40
    db.prepare('DELETE FROM journal WHERE seq > 40').run();
    expect(journal.verify()).toMatchObject({ ok: true, entries: 40 });
    // Any more, and the chain ends before a signed head.
    db.prepare('DELETE FROM journal WHERE seq > 39').run();
    expect(journal.verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/the last entries were removed/) });
  });

  it('an old chain (before signing) is taken as it was when the key is created, then protected', () => {
    const plain = createJournal(db);
    rmSync(path.join(dir, SIGNING_KEY_FILE));
    db.prepare('DELETE FROM journal_checkpoints').run();
    for (let i = 0; i < 30; i++) plain.append({ atMs: 1000 + i, action: 'x' });
    plain.purgeBefore(1005);
    const signed = createJournal(db, { signer: loadOrCreateSigningKey(dir), every: EVERY });
    expect(signed.verify()).toMatchObject({ ok: true, entries: 25, lastSignedSeq: 30 });
    rehashAll(db);
    db.prepare("UPDATE journal SET action = 'y' WHERE seq = 7").run();
    rehashAll(db);
    expect(signed.verify()).toMatchObject({ ok: false, brokenAtSeq: 30, reason: expect.stringMatching(/re-hashed/) });
  });

  it('checkOptionsOf: nothing for an unsigned journal', () => {
    expect(checkOptionsOf(createJournal(db))).toEqual({});
    expect(verifyDatabaseFile(path.join(dir, DB_FILE))).toEqual({ ok: true, entries: 0 });
  });
});
