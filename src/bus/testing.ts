/**
 * Test support: a private nats-server with JetStream on a free port and its own store folder, so a
 * test may kill it, restart it on the same port and store (streams and buckets survive), and never
 * touches the shared server of 127.0.0.1:4222. Skips with a clear message where nats-server is absent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../ingest/testing.ts';
import type { BusSecurity } from './bus-access.ts';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { connectBus, type Bus } from './connect.ts';

const CANDIDATES = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'];

/** The nats-server binary, or undefined (tests skip: "nats-server not installed (apt-get install nats-server)"). */
export function natsServerPath(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

export const NO_NATS_SERVER = 'nats-server not installed (apt-get install nats-server): bus tests skipped';

export interface TestNats {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  /** SIGKILL (no clean shutdown); resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and store. */
  restart(): Promise<void>;
  /** Stops it and removes its store. */
  close(): Promise<void>;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nats-server did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** `args`: more nats-server options (e.g. `--user u --pass p`). */
export async function startTestNats(args: readonly string[] = []): Promise<TestNats> {
  const bin = natsServerPath();
  if (!bin) throw new Error(NO_NATS_SERVER);
  const port = await freePort();
  const storeDir = mkdtempSync(path.join(tmpdir(), 'vigie-nats-'));
  let child: ChildProcess | undefined;
  let stderr = '';
  const start = async (): Promise<void> => {
    stderr = '';
    const c = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    c.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child = c;
    try {
      await waitForPort(port, 10_000);
    } catch (err) {
      c.kill('SIGKILL');
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n${stderr}`);
    }
  };
  const kill = async (): Promise<void> => {
    const c = child;
    child = undefined;
    if (!c) return;
    c.kill('SIGKILL');
    await exited(c);
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    kill,
    restart: async () => {
      await kill();
      await start();
    },
    close: async () => {
      await kill();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

/** Connects to `url`, reads a bucket and closes: undefined when all of it worked, else the error (BUS_UNREACHABLE...). */
export async function tryConnectBus(url: string, security?: BusSecurity): Promise<Error | undefined> {
  const quiet = { info: () => undefined, error: () => undefined };
  return connectBus({ url, ...(security ? { security } : {}), name: 'vigie-test', logger: quiet, timeoutMs: 5000 }).then(
    async (bus) => {
      try {
        await bus.cameras.keys();
      } finally {
        await bus.close();
      }
      return undefined;
    },
    (err: unknown) => err as Error,
  );
}

/**
 * Every message a stream holds now on `subject`, oldest first: read through a throwaway consumer
 * (no acknowledgement, deleted after), so a test sees what the stream stored, duplicates included.
 */
export async function streamMessages(bus: Pick<Bus, 'js' | 'jsm'>, stream: string, subject: string): Promise<{ subject: string; data: Uint8Array }[]> {
  const name = `check-${Math.random().toString(36).slice(2)}`;
  await bus.jsm.consumers.add(stream, { name, filter_subject: subject, ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.All });
  const consumer = await bus.js.consumers.get(stream, name);
  const pending = (await consumer.info()).num_pending;
  const out: { subject: string; data: Uint8Array }[] = [];
  if (pending > 0) {
    for await (const m of await consumer.fetch({ max_messages: pending, expires: 5000 })) {
      out.push({ subject: m.subject, data: m.data });
      if (out.length === pending) break;
    }
  }
  await bus.jsm.consumers.delete(stream, name);
  return out;
}
