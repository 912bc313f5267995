import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBus, type Bus } from '../bus/connect.ts';
import { natsServerPath, startTestNats, type TestNats } from '../bus/testing.ts';
import { workerBeatSchema } from '../bus/protocol.ts';
import { REPO_ROOT } from '../testing/footage.ts';
import { runVigie } from '../testing/run-cli.ts';

describe('vigie worker: arguments', () => {
  it('a bus not reachable: one line, exit 1', async () => {
    const r = await runVigie(['worker', '--bus', 'nats://user:secret@127.0.0.1:1'], { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['vigie: cannot reach the bus at nats://user:***@127.0.0.1:1: connection refused']);
  }, 60_000);

  it('no --bus: usage error, exit 2', async () => {
    const r = await runVigie(['worker'], { timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--bus is required');
  }, 60_000);

  it('a client certificate without its key: usage error, exit 2, before any connection', async () => {
    const r = await runVigie(['worker', '--bus', 'tls://127.0.0.1:1', '--bus-cert', 'package.json'], { timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--bus-cert and --bus-key go together');
  }, 60_000);
});

describe.skipIf(!natsServerPath())('vigie worker: a process on a bus', () => {
  let nats: TestNats;
  let bus: Bus;
  beforeAll(async () => {
    nats = await startTestNats();
    bus = await connectBus({ url: nats.url, name: 'cli-test' });
  }, 30_000);
  afterAll(async () => {
    await bus?.close();
    await nats?.close();
  });

  it('announces itself (heartbeat, log line), and on SIGTERM removes its heartbeat and exits 0', async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/vigie.mjs'), 'worker', '--bus', nats.url, '--name', 'cli-w1'], { cwd: REPO_ROOT });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => void (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    const deadline = Date.now() + 30_000;
    while (!stderr.includes('running nothing') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(stderr).toContain(`worker cli-w1 on ${nats.url}: running nothing`);
    const beat = await bus.workers.get('cli-w1');
    expect(workerBeatSchema.parse(beat?.json())).toMatchObject({ workerId: 'cli-w1', pid: child.pid, cameras: [] });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect((await bus.workers.get('cli-w1'))?.operation).not.toBe('PUT');
  }, 60_000);
});
