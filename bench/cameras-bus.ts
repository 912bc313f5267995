/**
 * The distributed side of `npm run bench -- --cameras N --bus`: a private nats-server
 * (src/bus/testing.ts), the `--bus` option for serve, and `vigie worker --bus` processes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { NODE_FLAGS } from '../src/cli/node-flags.ts';
import { NO_NATS_SERVER, natsServerPath, startTestNats } from '../src/bus/testing.ts';
import { repoRoot } from '../test/e2e/harness.ts';
import { stopChild } from '../src/testing/child.ts';
import { allProcesses } from './proc-stats.ts';

/** Why this build cannot run the bus bench (undefined: it can). */
export function busSupport(): string | undefined {
  if (natsServerPath() === undefined) return NO_NATS_SERVER;
  const help = spawnSync(process.execPath, ['bin/vigie.mjs', 'help'], { cwd: repoRoot, encoding: 'utf8' }).stdout;
  if (!/^\s+worker\b/m.test(help)) return '`vigie worker` is not a command of this build yet';
  if (!/^\s+serve\b[^\n]*--bus/m.test(help)) return '`vigie serve --bus` is not an option of this build yet';
  return undefined;
}

export interface BusSide {
  /** Options for `vigie serve`. */
  readonly serveArgs: readonly string[];
  startWorkers(siteFile: string, count: number): Promise<void>;
  /** Process groups to measure: the workers (with their ffmpeg children) and nats-server. */
  measured(): { name: string; pid: () => number | undefined; part: 'self' | 'children' | 'tree' }[];
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

export async function startBusSide(): Promise<BusSide> {
  const nats = await startTestNats();
  const natsPid = allProcesses().find((p) => p.ppid === process.pid && p.comm === 'nats-server')?.pid;
  const workers: ChildProcess[] = [];
  const logs: string[] = [];
  return {
    serveArgs: ['--bus', nats.url],
    async startWorkers(siteFile, count) {
      for (let i = 1; i <= count; i++) {
        const child = spawn(process.execPath, [...NODE_FLAGS, 'bin/vigie.mjs', 'worker', '--bus', nats.url, '--config', siteFile, '--name', `w${i}`], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
        logs[i - 1] = '';
        child.stdout?.on('data', (d: Buffer) => (logs[i - 1] += d.toString()));
        child.stderr?.on('data', (d: Buffer) => (logs[i - 1] += d.toString()));
        child.once('exit', (code, signal) => {
          if (signal === null && code !== 0) console.error(`worker w${i} exited with ${code}:\n${logs[i - 1]}`);
        });
        workers.push(child);
      }
    },
    measured: () => [
      ...workers.map((w, i) => ({ name: `worker w${i + 1} (+ ffmpeg)`, pid: () => w.pid, part: 'tree' as const })),
      { name: 'nats-server', pid: () => natsPid, part: 'self' as const },
    ],
    async stopWorkers() {
      await Promise.all(workers.map((w) => stopChild(w, { graceMs: 20_000 })));
    },
    close: () => nats.close(),
  };
}
