/**
 * Worker thread entry of verifyInWorker(): its own read-only connection to the database (WAL: it
 * reads a consistent snapshot while the server keeps writing), the whole chain hashed here, the
 * JournalCheck posted back. The worker rests as long as it worked after each chunk (half a core at
 * most), so that on a small machine the server's own thread keeps the CPU it needs to answer.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createChainChecker, type JournalRecord } from './journal.ts';

const CHUNK = 1000;
const { file } = workerData as { file: string };
const pause = new Int32Array(new SharedArrayBuffer(4));
const db = new Database(file, { readonly: true, fileMustExist: true });
try {
  const checker = createChainChecker();
  let n = 0;
  let chunkStart = performance.now();
  for (const r of db.prepare<[], JournalRecord>('SELECT * FROM journal ORDER BY seq').iterate()) {
    if (checker.push(r)) break;
    if (++n % CHUNK === 0) {
      Atomics.wait(pause, 0, 0, performance.now() - chunkStart);
      chunkStart = performance.now();
    }
  }
  parentPort?.postMessage(checker.result());
} finally {
  db.close();
}
