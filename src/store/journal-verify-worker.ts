/**
 * Worker thread entry of verifyInWorker(): its own read-only connection to the database (WAL: it
 * reads a consistent snapshot while the server keeps writing), the whole chain hashed here, the
 * JournalCheck posted back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { verifyChain, type JournalRecord } from './journal.ts';

const { file } = workerData as { file: string };
const db = new Database(file, { readonly: true, fileMustExist: true });
try {
  parentPort?.postMessage(verifyChain(db.prepare<[], JournalRecord>('SELECT * FROM journal ORDER BY seq').iterate()));
} finally {
  db.close();
}
