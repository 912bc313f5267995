// Worker bootstrap: registers the TypeScript loader in this thread, then loads the TypeScript entry.
// (On Node 20, `execArgv: ['--import', 'tsx']` does not reach worker threads; this does, under
// vitest, `node --import tsx` and bin/vigie.mjs alike.)
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
