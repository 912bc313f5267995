/**
 * Test support: what someone with write access to the database, but not to the journal's key file,
 * can do to the journal behind the server's back. One table for the store, CLI and API tests: each
 * attack and the words verify must name it with.
 */
import type Database from 'better-sqlite3';
import { entryHash, type JournalRecord } from '../store/journal-chain.ts';

const bounds = (db: Database.Database): { first: number; last: number } =>
  db.prepare<[], { first: number; last: number }>('SELECT MIN(seq) AS first, MAX(seq) AS last FROM journal').get()!;

/** Recomputes every hash from the first entry on, as an attacker would to make the plain chain valid again. */
export function rehashAll(db: Database.Database): void {
  const rows = db.prepare<[], JournalRecord>('SELECT * FROM journal ORDER BY seq').all();
  const update = db.prepare<[string, string, number]>('UPDATE journal SET prev = ?, hash = ? WHERE seq = ?');
  db.transaction(() => {
    let prev = rows[0]?.prev ?? '';
    for (const r of rows) {
      const hash = entryHash(prev, r.seq, r);
      update.run(prev, hash, r.seq);
      prev = hash;
    }
  })();
}

/** [the attack, what it does to the database, what verify's reason says]. */
export const JOURNAL_ATTACKS: readonly (readonly [string, (db: Database.Database) => void, RegExp])[] = [
  [
    'a middle-row edit',
    (db) => {
      const { first, last } = bounds(db);
      db.prepare("UPDATE journal SET actor = 'eve' WHERE seq = ?").run(Math.floor((first + last) / 2));
    },
    /its content does not match its hash \(edited\)/,
  ],
  [
    'a middle deletion',
    (db) => {
      const { first, last } = bounds(db);
      db.prepare('DELETE FROM journal WHERE seq = ?').run(Math.floor((first + last) / 2));
    },
    /^entry \d+ missing \(deleted\)$/,
  ],
  ['removal of the last 10 entries', (db) => void db.prepare('DELETE FROM journal WHERE seq > ?').run(bounds(db).last - 10), /entries \d+-\d+ missing: the chain ends at entry \d+.*the last entries were removed/],
  ['removal of the first 10 entries', (db) => void db.prepare('DELETE FROM journal WHERE seq < ?').run(bounds(db).first + 10), /entries \d+-\d+ missing: the chain starts at entry \d+.*the first entries were removed/],
  [
    'a full re-hash after an edit',
    (db) => {
      const { first, last } = bounds(db);
      db.prepare('UPDATE journal SET details = ? WHERE seq = ?').run(JSON.stringify({ status: 'false_alarm' }), Math.floor((first + last) / 2));
      rehashAll(db);
    },
    /the chain was rewritten \(re-hashed\) at or before this entry/,
  ],
];
