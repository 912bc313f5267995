/** Test fixture: a worker entry that starts fine, then crashes on its first request. */
import { parentPort } from 'node:worker_threads';
import type { WorkerReply } from './worker-protocol.ts';

const ready: WorkerReply = { kind: 'ready', name: 'crash-fixture' };
parentPort?.postMessage(ready);
parentPort?.on('message', () => {
  throw new Error('boom in worker');
});
