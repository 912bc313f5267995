/**
 * Worker thread entry of verifyInWorker(): its own read-only connection to the database (one
 * snapshot of the checkpoints and the entries), the whole chain checked here, the JournalCheck posted
 * back. The worker rests as long as it worked after each chunk (half a core at most), so that on a
 * small machine the server's own thread keeps the CPU it needs to answer.
 */
import { createPublicKey } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { publicKeyOf } from './journal-key.ts';
import { verifyDatabaseFile } from './journal-verify-db.ts';

const CHUNK = 1000;
const { file, keyPem, newestSignedSeq } = workerData as { file: string; keyPem?: string; newestSignedSeq?: number };
const pause = new Int32Array(new SharedArrayBuffer(4));
let chunkStart = performance.now();
const check = verifyDatabaseFile(file, {
  ...(keyPem ? { key: publicKeyOf(createPublicKey(keyPem)) } : {}),
  ...(newestSignedSeq !== undefined ? { newestSignedSeq } : {}),
  onRecord: (n) => {
    if (n % CHUNK !== 0) return;
    Atomics.wait(pause, 0, 0, performance.now() - chunkStart);
    chunkStart = performance.now();
  },
});
parentPort?.postMessage(check);
