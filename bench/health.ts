/**
 * `npm run bench:health [-- --rows 200000 --clients 20 --seconds 15]`: /api/health latency (p50,
 * p95, max) of a server (own process) whose journal holds `rows` entries, while `clients` clients
 * load the API (alerts, cameras, stats, journal page) and an auditor verifies the journal chain
 * again and again. Also the same with the whole chain hashed on the event loop (the old verify):
 * the figure it replaces. Health should stay under 100 ms p95.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { percentile, round } from './stats.ts';
import { claimAdmin } from '../src/server/testing.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' }, clients: { type: 'string', default: '20' }, seconds: { type: 'string', default: '15' } } });
const clients = Number(values.clients);
const seconds = Number(values.seconds);

async function startChild(syncVerify: boolean): Promise<{ child: ChildProcess; url: string; token: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/health-server.ts'), '--rows', String(values.rows), ...(syncVerify ? ['--sync-verify'] : [])], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const [url = '', token = ''] = line.trim().split(' ');
  return { child, url, token };
}

interface Phase {
  readonly healthMs: number[];
  apiRequests: number;
  verifies: number;
  verifyMs: number[];
}

async function measure(url: string, cookie: string, withVerify: boolean, durationS: number): Promise<Phase> {
  const headers = { Cookie: `vigie_session=${cookie}` };
  const endAt = performance.now() + durationS * 1000;
  const phase: Phase = { healthMs: [], apiRequests: 0, verifies: 0, verifyMs: [] };
  const routes = ['/api/alerts?limit=100', '/api/cameras', '/api/stats?days=7', '/api/journal?limit=200'];
  const client = async (i: number): Promise<void> => {
    for (let n = i; performance.now() < endAt; n++) {
      await (await fetch(`${url}${routes[n % routes.length]}`, { headers })).arrayBuffer();
      phase.apiRequests++;
    }
  };
  const verifier = async (): Promise<void> => {
    while (withVerify && performance.now() < endAt) {
      const t = performance.now();
      const check = (await (await fetch(`${url}/api/journal/verify`, { headers })).json()) as { ok: boolean; entries: number };
      if (!check.ok || check.entries < Number(values.rows)) throw new Error(`verify answered ${JSON.stringify(check)}`);
      phase.verifyMs.push(performance.now() - t);
      phase.verifies++;
    }
  };
  // Open loop: a health request every 20 ms whether or not the last one answered, so that a blocked
  // event loop shows as many slow answers, not as one.
  const probe = async (): Promise<void> => {
    const pending: Promise<void>[] = [];
    while (performance.now() < endAt) {
      const t = performance.now();
      pending.push(fetch(`${url}/api/health`).then(async (res) => void (await res.arrayBuffer(), phase.healthMs.push(performance.now() - t))));
      await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.all(pending);
  };
  await Promise.all([probe(), verifier(), ...Array.from({ length: clients }, (_, i) => client(i))]);
  return phase;
}

const summary = (name: string, p: Phase): Record<string, unknown> => ({
  phase: name,
  healthP50Ms: round(percentile(p.healthMs, 50)),
  healthP95Ms: round(percentile(p.healthMs, 95)),
  healthMaxMs: round(Math.max(...p.healthMs)),
  healthSamples: p.healthMs.length,
  apiRequestsPerS: round(p.apiRequests / seconds),
  verifies: p.verifies,
  verifyMeanMs: p.verifyMs.length ? round(p.verifyMs.reduce((a, b) => a + b, 0) / p.verifyMs.length) : undefined,
});

const results: Record<string, unknown>[] = [];
for (const [name, syncVerify, withVerify] of [
  ['20 clients', false, false],
  ['20 clients + journal verify loop (worker thread)', false, true],
  ['20 clients + whole chain hashed on the event loop every 2 s (old verify)', true, false],
] as const) {
  const { child, url, token } = await startChild(syncVerify);
  try {
    const cookie = await claimAdmin(url, token);
    await measure(url, cookie, false, 2); // warm-up (JIT, statement caches), not counted
    results.push(summary(name.replace('20', String(clients)), await measure(url, cookie, withVerify, seconds)));
    console.error(JSON.stringify(results.at(-1)));
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
console.log(`\nload average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPU(s)`);
console.log(`/api/health under load, journal of ${values.rows} entries, ${clients} API clients, ${seconds} s per phase`);
for (const r of results) console.log(`${String(r.phase).padEnd(78)} p50 ${r.healthP50Ms} ms, p95 ${r.healthP95Ms} ms, max ${r.healthMaxMs} ms (${r.apiRequestsPerS} API req/s${r.verifies ? `, ${r.verifies} verifies of ${r.verifyMeanMs} ms` : ''})`);
