/**
 * `npm run bench:health [-- --rows 200000 --clients 20 --seconds 15 --misuse-requests 10000]`:
 * /api/health latency (p50, p95, max) of a server (own process) whose journal holds `rows` entries,
 * while `clients` signed-in clients load the API (alerts, cameras, stats, journal page; the latency
 * of each of their requests is recorded too: API p50, p95, max) and an auditor verifies the journal
 * chain again and again. Also the same with the whole chain hashed on the event loop (the old
 * verify): the figure it replaces. Health should stay under 100 ms p95.
 * Then misuse: `misuse-requests` requests without a session from `clients` concurrent clients (a
 * mix of GET /api/alerts without a cookie, sign-ins with a wrong password, and cross-site text/plain
 * POST /api/users), once all from one address and once each client from its own loopback address:
 * every answer must be a refusal (401, 403, 429). Reports the journal rows before, right after the
 * phase and once the server stopped (the refusal summaries of windows still open are written then),
 * counted read-only in the child's SQLite file, how many answers were 429, and health meanwhile.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { stopChild } from '../src/testing/child.ts';
import { percentile, round } from './stats.ts';
import { claimAdmin } from '../src/server/testing.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    clients: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '15' },
    'misuse-requests': { type: 'string', default: '10000' },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const misuseRequests = Number(values['misuse-requests']);

interface Child {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string | undefined;
  /** The server's data folder (vigie.db inside). */
  readonly dataDir: string;
}

async function startChild(syncVerify: boolean, dir: string): Promise<Child> {
  const args = ['--import', 'tsx', path.join(root, 'bench/health-server.ts'), '--rows', String(values.rows), '--dir', dir, ...(syncVerify ? ['--sync-verify'] : [])];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const [url = '', token = '-', ...dataDir] = line.trim().split(' ');
  return { child, url, token: token === '-' ? undefined : token, dataDir: dataDir.join(' ') };
}

/** Rows of the journal table, read-only (the server may be running: WAL readers do not block it). */
function journalRows(dataDir: string, sinceSeq = 0): { rows: number; lastSeq: number; byAction: Record<string, number> } {
  const db = new Database(path.join(dataDir, 'vigie.db'), { readonly: true, fileMustExist: true });
  try {
    const { rows, lastSeq } = db.prepare<[], { rows: number; lastSeq: number | null }>('SELECT COUNT(*) AS rows, MAX(seq) AS lastSeq FROM journal').get()!;
    const byAction = db.prepare<[number], { action: string; n: number }>('SELECT action, COUNT(*) AS n FROM journal WHERE seq > ? GROUP BY action ORDER BY n DESC').all(sinceSeq);
    return { rows, lastSeq: lastSeq ?? 0, byAction: Object.fromEntries(byAction.map((r) => [r.action, r.n])) };
  } finally {
    db.close();
  }
}

/**
 * Runs `load` while /api/health is probed open loop: a request every 20 ms whether or not the last
 * one answered, so that a blocked event loop shows as many slow answers, not as one.
 */
async function withHealthProbe(url: string, load: () => Promise<unknown>): Promise<number[]> {
  const healthMs: number[] = [];
  const pending: Promise<void>[] = [];
  let done = false;
  const probe = (async (): Promise<void> => {
    while (!done) {
      const t = performance.now();
      pending.push(fetch(`${url}/api/health`).then(async (res) => void (await res.arrayBuffer(), healthMs.push(performance.now() - t))));
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    await load();
  } finally {
    done = true;
    await probe;
    await Promise.all(pending);
  }
  return healthMs;
}

interface Phase {
  readonly healthMs: number[];
  /** Latency of each request of the API clients, answer read to the end. */
  readonly apiMs: number[];
  /** Answers of the API clients that were not 2xx. */
  apiErrors: number;
  verifies: number;
  readonly verifyMs: number[];
  wallS: number;
}

async function measure(url: string, cookie: string, withVerify: boolean, durationS: number): Promise<Phase> {
  const headers = { Cookie: `vigie_session=${cookie}` };
  const endAt = performance.now() + durationS * 1000;
  const phase: Phase = { healthMs: [], apiMs: [], apiErrors: 0, verifies: 0, verifyMs: [], wallS: durationS };
  const routes = ['/api/alerts?limit=100', '/api/cameras', '/api/stats?days=7', '/api/journal?limit=200'];
  const client = async (i: number): Promise<void> => {
    for (let n = i; performance.now() < endAt; n++) {
      const t = performance.now();
      const res = await fetch(`${url}${routes[n % routes.length]}`, { headers });
      await res.arrayBuffer();
      phase.apiMs.push(performance.now() - t);
      if (!res.ok) phase.apiErrors++;
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
  phase.healthMs.push(...(await withHealthProbe(url, () => Promise.all([verifier(), ...Array.from({ length: clients }, (_, i) => client(i))]))));
  return phase;
}

/** One request over `agent` (its local address is the client's); resolves with the status once the answer is read. */
function send(agent: http.Agent, url: URL, method: string, pathname: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, method, path: pathname, headers: { ...headers, ...(body !== undefined ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(body);
  });
}

/** Request n of the misuse mix: no cookie, a wrong password, or a cross-site form post. */
function misuseRequest(agent: http.Agent, url: URL, n: number): Promise<number> {
  switch (n % 3) {
    case 0:
      return send(agent, url, 'GET', '/api/alerts', {});
    case 1: {
      const body = JSON.stringify({ username: n % 2 === 0 ? 'admin' : `guess${n % 11}`, password: `wrong-password-${n}` });
      return send(agent, url, 'POST', '/api/login', { 'Content-Type': 'application/json', Origin: url.origin }, body);
    }
    default: {
      const body = JSON.stringify({ username: `mallory${n}`, password: 'forged-password-1', role: 'admin' });
      return send(agent, url, 'POST', '/api/users', { 'Content-Type': 'text/plain', Origin: 'https://attacker.example' }, body);
    }
  }
}

interface Misuse extends Phase {
  readonly statuses: Record<number, number>;
}

/** `total` requests without a session from `clients` concurrent clients; client i connects from addresses[i % length]. */
async function misuse(urlText: string, addresses: readonly string[], total: number): Promise<Misuse> {
  const url = new URL(urlText);
  const phase: Misuse = { healthMs: [], apiMs: [], apiErrors: 0, verifies: 0, verifyMs: [], wallS: 0, statuses: {} };
  let next = 0;
  const client = async (i: number): Promise<void> => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: addresses[i % addresses.length]! });
    try {
      while (next < total) {
        const n = next++;
        const t = performance.now();
        const status = await misuseRequest(agent, url, n);
        phase.apiMs.push(performance.now() - t);
        phase.statuses[status] = (phase.statuses[status] ?? 0) + 1;
        if (![401, 403, 429].includes(status)) phase.apiErrors++;
      }
    } finally {
      agent.destroy();
    }
  };
  const t0 = performance.now();
  phase.healthMs.push(...(await withHealthProbe(urlText, () => Promise.all(Array.from({ length: clients }, (_, i) => client(i))))));
  phase.wallS = (performance.now() - t0) / 1000;
  return phase;
}

const stat = (xs: readonly number[]): { p50: number; p95: number; max: number } => ({ p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)), max: round(Math.max(...xs)) });

const summary = (name: string, p: Phase): Record<string, unknown> => {
  const health = stat(p.healthMs);
  const api = stat(p.apiMs);
  return {
    phase: name,
    healthP50Ms: health.p50,
    healthP95Ms: health.p95,
    healthMaxMs: health.max,
    healthSamples: p.healthMs.length,
    apiP50Ms: api.p50,
    apiP95Ms: api.p95,
    apiMaxMs: api.max,
    apiRequests: p.apiMs.length,
    apiRequestsPerS: round(p.apiMs.length / p.wallS),
    apiErrors: p.apiErrors,
    verifies: p.verifies,
    verifyMeanMs: p.verifyMs.length ? round(p.verifyMs.reduce((a, b) => a + b, 0) / p.verifyMs.length) : undefined,
  };
};

/** Starts a server in a folder of this process's own, runs `body`, stops the server, removes the folder. */
async function withChild<T>(syncVerify: boolean, body: (c: Child, cookie: string) => Promise<T>, afterStop?: (c: Child, result: T) => void): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-health-'));
  let started: Child | undefined;
  try {
    started = await startChild(syncVerify, dir);
    const cookie = await claimAdmin(started.url, started.token);
    await measure(started.url, cookie, false, 2); // warm-up (JIT, statement caches), not counted
    const result = await body(started, cookie);
    await stopChild(started.child);
    afterStop?.(started, result);
    return result;
  } finally {
    if (started) await stopChild(started.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

const results: Record<string, unknown>[] = [];
for (const [name, syncVerify, withVerify] of [
  ['20 clients', false, false],
  ['20 clients + journal verify loop (worker thread)', false, true],
  ['20 clients + whole chain hashed on the event loop every 2 s (old verify)', true, false],
] as const) {
  await withChild(syncVerify, async ({ url }, cookie) => {
    results.push(summary(name.replace('20', String(clients)), await measure(url, cookie, withVerify, seconds)));
    console.error(JSON.stringify(results.at(-1)));
  });
}

const loopbacks = Array.from({ length: clients }, (_, i) => `127.0.0.${11 + i}`);
let refusedAll = true;
for (const [name, addresses] of [
  [`misuse: ${misuseRequests} requests without a session, ${clients} clients from one address`, ['127.0.0.1']],
  [`misuse: ${misuseRequests} requests without a session, ${clients} clients from ${clients} addresses`, loopbacks],
] as const) {
  await withChild(
    false,
    async ({ url, dataDir }) => {
      const before = journalRows(dataDir);
      const phase = await misuse(url, addresses, misuseRequests);
      const after = journalRows(dataDir, before.lastSeq);
      return { phase, before, after };
    },
    ({ dataDir }, { phase, before, after }) => {
      const stopped = journalRows(dataDir, before.lastSeq);
      refusedAll &&= phase.apiErrors === 0;
      results.push({
        ...summary(name, phase),
        seconds: round(phase.wallS),
        statuses: phase.statuses,
        answers429: phase.statuses[429] ?? 0,
        journalRowsBefore: before.rows,
        journalRowsAfterPhase: after.rows,
        journalRowsAfterStop: stopped.rows,
        journalGrowth: stopped.rows - before.rows,
        journalGrowthByAction: stopped.byAction,
      });
      console.error(JSON.stringify(results.at(-1)));
    },
  );
}

console.log(`\nload average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPU(s)`);
console.log(`/api/health and API latency under load, journal of ${values.rows} entries, ${clients} API clients, ${seconds} s per load phase`);
for (const r of results) {
  console.log(`${String(r.phase)}`);
  console.log(`  health p50 ${r.healthP50Ms} ms, p95 ${r.healthP95Ms} ms, max ${r.healthMaxMs} ms | API p50 ${r.apiP50Ms} ms, p95 ${r.apiP95Ms} ms, max ${r.apiMaxMs} ms (${r.apiRequestsPerS} req/s${r.verifies ? `, ${r.verifies} verifies of ${r.verifyMeanMs} ms` : ''})`);
  if (r.statuses) {
    console.log(`  answers ${JSON.stringify(r.statuses)} (${r.answers429} x 429, ${r.apiErrors} not refused) in ${r.seconds} s`);
    console.log(`  journal rows: ${r.journalRowsBefore} before, ${r.journalRowsAfterPhase} right after, ${r.journalRowsAfterStop} once stopped: +${r.journalGrowth} ${JSON.stringify(r.journalGrowthByAction)}`);
  }
}
if (!refusedAll) {
  console.error('some requests without a session were not refused (see "not refused" above)');
  process.exitCode = 1;
}
