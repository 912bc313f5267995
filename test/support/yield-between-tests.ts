/**
 * Vitest setup: after each test the worker yields to the event loop (one macrotask turn).
 *
 * A test that awaits only already-resolved promises (an analyzer fed frame after frame) never lets
 * the worker read its messages; vitest runs the tests of a file one after the other through such
 * awaits, so a whole file of them can keep the worker from answering vitest's RPC for minutes. On a
 * busy 2-core machine that passed vitest's fixed 60 s RPC deadline ("Timeout calling onTaskUpdate")
 * with every test green. Yielding between tests bounds that to the longest single test.
 */
import { afterEach } from 'vitest';

afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
