/**
 * Test support: a long-running `vigie` command (serve, worker) as a child process, its output kept
 * (the last 5000 lines) and watched for lines, stopped by a signal (SIGKILL after a grace period when given). Never a synchronous spawn (it would
 * block the test worker past vitest's RPC deadline).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from '../cli/node-flags.ts';
import { stopChild } from './child.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface VigieProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Every output line so far (stderr and stdout, the last `KEPT_LINES`). */
  lines(): readonly string[];
  /** Resolves with the first stderr line (past or future) matching `re`; rejects if the process exits first. */
  waitForLine(re: RegExp): Promise<string>;
  /** Sends the signal (default SIGTERM), SIGKILL after `graceMs` when given; resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
  readonly exited: Promise<number | null>;
}

/** Output lines kept: a long bench run's whole log, bounded. */
const KEPT_LINES = 5000;

export function startVigie(args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): VigieProcess {
  const child = spawn(process.execPath, [...NODE_FLAGS, path.join(ROOT, 'bin/vigie.mjs'), ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kept: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  let partial = '';
  const onLine = (line: string): void => {
    kept.push(line);
    if (kept.length > KEPT_LINES) kept.shift();
    for (const w of [...waiters]) {
      if (w.re.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  const feed = (d: string): void => {
    partial += d;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const l of parts) onLine(l);
  };
  child.stderr?.setEncoding('utf8').on('data', feed);
  child.stdout?.setEncoding('utf8').on('data', feed);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    pid: child.pid ?? -1,
    lines: () => kept,
    waitForLine: (re) => {
      const past = kept.find((l) => re.test(l));
      if (past !== undefined) return Promise.resolve(past);
      return new Promise<string>((resolve, reject) => {
        waiters.push({ re, resolve });
        void exited.then((code) => reject(new Error(`vigie ${args[0]} exited (${code}) before a line matching ${re}:\n${kept.slice(-30).join('\n')}`)));
      });
    },
    stop: async (signal = 'SIGTERM', graceMs) => {
      await stopChild(child, { signal, ...(graceMs === undefined ? {} : { graceMs }) });
      return exited;
    },
    exited,
  };
}
