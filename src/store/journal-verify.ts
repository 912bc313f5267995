/**
 * The journal's chain and checkpoints verified off the event loop: in a worker thread with its own
 * read-only connection, so that hashing 200k entries (over a second of CPU) never delays another
 * request. The running journal's public key and the newest entry it signed go to the worker.
 * Where no worker can run, in chunks that yield to the event loop (verifyInChunks).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { errorMessage } from '../core/errors.ts';
import { verifyInChunks, type Journal, type JournalCheck } from './journal.ts';
import { DB_FILE } from './store.ts';

const BOOT_URL = new URL('../detect/worker-boot.mjs', import.meta.url);
const ENTRY_URL = new URL('./journal-verify-worker.ts', import.meta.url);

/** Verifies the chain of the database file `file` in a worker thread (and its checkpoints with `signing`'s key). */
export function verifyInWorker(file: string, signing?: ReturnType<Journal['signing']>): Promise<JournalCheck> {
  const signed = signing ? { keyPem: signing.key.pem, ...(signing.newestSignedSeq !== undefined ? { newestSignedSeq: signing.newestSignedSeq } : {}) } : {};
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT_URL, { workerData: { entry: ENTRY_URL.href, file, ...signed } });
    let answer: JournalCheck | undefined;
    worker.once('message', (m: JournalCheck) => (answer = m));
    worker.once('error', reject);
    worker.once('exit', (code) => (answer ? resolve(answer) : reject(new Error(`journal verify worker exited with ${code} without an answer`))));
  });
}

/** The store's journal verified in a worker; in chunks on the event loop if the worker fails. */
export async function verifyJournal(
  store: { readonly journal: Pick<Journal, 'seqRange' | 'records' | 'signing' | 'checkpoints'>; readonly alerts: { readonly dir: string } },
  onWorkerError: (message: string) => void,
): Promise<JournalCheck> {
  try {
    return await verifyInWorker(path.join(store.alerts.dir, DB_FILE), store.journal.signing());
  } catch (err) {
    onWorkerError(`journal verify: worker failed, verifying in chunks: ${errorMessage(err)}`);
    return verifyInChunks(store.journal);
  }
}
