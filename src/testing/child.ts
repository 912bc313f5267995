/** Test and bench support: stopping a child process and waiting until it is gone. */
import type { ChildProcess } from 'node:child_process';

/**
 * Sends `signal` (default SIGTERM), then SIGKILL after `graceMs` when given and the child is still
 * there; resolves once it has exited (at once when it already had).
 */
export function stopChild(child: ChildProcess, opts: { signal?: NodeJS.Signals; graceMs?: number } = {}): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = opts.graceMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), opts.graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(opts.signal ?? 'SIGTERM');
  });
}
