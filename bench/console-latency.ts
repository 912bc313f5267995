/**
 * `npm run bench:console [-- --seconds 120 --cameras 4]`: the alert latency an operator sees,
 * analysed frame -> alert row shown in the browser, with `cameras` cameras looping real clips in
 * real time. Starts `vigie serve` as a child (test/e2e/harness.ts startVigie: fresh data folder,
 * free port), claims the admin, opens headless Chromium with the session on #/alerts, adds the
 * cameras through the API, and records when each alert row first appears in the DOM against the
 * wall time of its analysed frame (harness recordAlertRows). Prints one JSON object.
 *
 * The cameras loop scenarios of ../shared/data/scenarios (never the holdout) that raise their
 * alerts again on every loop: two intrusions, a wrong way, a person down (more cameras reuse them;
 * `--scenarios a,b` picks others). The crowd clips were left out: in a 45-s try drishti_stampede
 * and ucfcrowd_7399-1_70 gave one alert each (crowd density re-arms only after 10 s under the
 * limit, which the 15.7-s loop of the latter never gives).
 * The queue shows the repeats of one ongoing event (same camera, type, zone) as one row; so that
 * every alert can make its own row, the bench plays the operator: every second it lifts the doubt
 * (false_alarm) on the whole group of each row already shown, as the queue's own buttons do.
 * Only alerts of groups already shown are qualified, so no alert loses the row it would have had
 * (see triageShownGroups for the one race, bounded by the time between two requests). `--no-triage`
 * leaves the queue alone (then one row per camera, type and zone).
 *
 * Skips (exit 0, with the reason) when ../shared/data, chromium, the built console or the detector
 * model is absent. The child, the browser and the temporary folders are removed on exit, also on
 * error or Ctrl-C.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { claimAdmin } from '../src/server/testing.ts';
import { CHROMIUM, launchBrowser, missingPrereqs, recordAlertRows, repoRoot, startVigie, type Browser, type PageGlobals, type Rows, type ServerProcess } from '../test/e2e/harness.ts';
import { mean, percentile, round } from './stats.ts';
import { benchCameras, scenarioFile, scenarioList } from './scenario-cameras.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    cameras: { type: 'string', default: '4' },
    'no-triage': { type: 'boolean', default: false },
    /** Comma-separated scenario names of ../shared/data/scenarios, instead of the default ones. */
    scenarios: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const cameraCount = Number(values.cameras);
const triage = !values['no-triage'];
if (!(seconds > 0) || !Number.isInteger(cameraCount) || cameraCount < 1) throw new Error(`--seconds must be > 0 and --cameras a whole number >= 1, got ${values.seconds} and ${values.cameras}`);

const SCENARIOS = scenarioList(values.scenarios);

const missing = missingPrereqs({
  chromium: CHROMIUM,
  'built console (npm run build:web)': path.join(repoRoot, 'web/dist/index.html'),
  'detector model (npm run postinstall)': path.join(repoRoot, 'models/nanodet.onnx'),
  ...Object.fromEntries(SCENARIOS.map((name) => [`scenario ${name}`, scenarioFile(name)])),
});
if (missing.length > 0) {
  console.error(`bench:console skipped, missing: ${missing.join(', ')}`);
  process.exit(0);
}

interface AlertView {
  readonly id: string;
  readonly cameraId: string;
  readonly type: string;
  readonly zoneId?: string;
  readonly status: string;
  readonly createdAtMs: number;
  readonly frameWallMs: number;
}
interface CameraView {
  readonly id: string;
  readonly stats: { readonly fps: number; readonly decoded: number; readonly dropped: number; readonly restarts: number };
}

let server: ServerProcess | undefined;
let browser: Browser | undefined;
let dataDir: string | undefined;
let cleaning: Promise<string> | undefined;
/** Stops the browser and the server, removes the data folder; the server's log. Once. */
const cleanup = (): Promise<string> =>
  (cleaning ??= (async () => {
    // Bounded: a close racing a page call has been seen to hang; playwright kills chromium at exit.
    const closed = browser?.close().then(() => true, (err: unknown) => (console.error(`closing the browser: ${String(err)}`), true));
    const timeout = new Promise<false>((r) => setTimeout(() => r(false), 15_000).unref());
    if (closed && !(await Promise.race([closed, timeout]))) console.error('the browser did not close within 15 s: its profile folder (vigie-e2e-chromium-*) may be left in the temporary folder');
    const log = (await server?.stop()) ?? '';
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    return log;
  })());
const onSignal = (): void => void cleanup().finally(() => process.exit(130));
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

async function api<T>(url: string, cookie: string, pathname: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${url}${pathname}`, {
    method: init.method ?? 'GET',
    headers: { Cookie: `vigie_session=${cookie}`, ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${pathname} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

const readRows = (page: Page): Promise<Rows> => page.evaluate(() => (globalThis as unknown as PageGlobals).__vigieRows);
const groupKey = (a: AlertView): string => JSON.stringify([a.cameraId, a.type, a.zoneId ?? null]);

/**
 * The operator's part: the pending alerts of every group whose row has appeared since the last call
 * (same camera, type and zone as the row's first alert, not older than it) are qualified false_alarm
 * in one request per group, so that the next alert of that camera, type and zone starts a new row.
 * An alert raised between the listing and the qualification stays pending and shows as its own
 * row when the others leave it: late by at most the time between the two requests.
 */
async function triageShownGroups(url: string, cookie: string, rows: Rows, triaged: Set<string>): Promise<number> {
  const fresh = Object.keys(rows).filter((id) => !triaged.has(id));
  if (fresh.length === 0) return 0;
  const pending = await api<AlertView[]>(url, cookie, '/api/alerts?status=new&limit=10000');
  let qualified = 0;
  for (const id of fresh) {
    triaged.add(id);
    const first = pending.find((a) => a.id === id) ?? (await api<AlertView>(url, cookie, `/api/alerts/${encodeURIComponent(id)}`));
    const ids = pending.filter((a) => groupKey(a) === groupKey(first) && a.createdAtMs >= first.createdAtMs).map((a) => a.id);
    for (let i = 0; i < ids.length; i += 200) {
      const done = await api<{ qualified: unknown[] }>(url, cookie, '/api/alerts/qualify', { method: 'POST', body: { ids: ids.slice(i, i + 200), status: 'false_alarm' } });
      qualified += done.qualified.length;
    }
  }
  return qualified;
}

try {
  const loadAtStart = os.loadavg();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-console-'));
  server = await startVigie(dataDir);
  const { url } = server;
  // The token line follows the "console on" line startVigie waits for.
  for (const until = Date.now() + 10_000; server.setupToken() === undefined && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
  const cookie = await claimAdmin(url, server.setupToken());
  browser = await launchBrowser({ lang: 'en' });
  // On SIGINT playwright closes its browsers and exits at once, before the server is stopped and the
  // folders removed: this bench handles the signal itself (cleanup closes the browser first).
  for (const listener of process.listeners('SIGINT')) if (listener !== onSignal) process.off('SIGINT', listener);
  await browser.context.addCookies([{ name: 'vigie_session', value: cookie, url }]);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  // tsx compiles this process with esbuild's keepNames: a function sent to the page calls its
  // __name helper for each named inner function, which the page lacks. The identity is enough.
  await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  await page.addInitScript(recordAlertRows);
  await page.goto(`${url}/#/alerts`);
  await page.getByRole('heading', { name: 'Alerts' }).waitFor({ timeout: 30_000 });

  const cameras = benchCameras(cameraCount, SCENARIOS);
  // The server analyses a camera only under an authorisation in force (legal.requireAuthorisation, docs/legal.md).
  const events = [...new Set(cameras.flatMap((c) => c.events))];
  await api(url, cookie, '/api/authorisations', { method: 'POST', body: { reference: 'BENCH', authority: 'bench:console', perimeter: 'looping clips', cameraIds: cameras.map((c) => c.id), events, startMs: Date.now() - 60_000, endMs: Date.now() + 86_400_000 } });
  for (const camera of cameras) await api(url, cookie, '/api/cameras', { method: 'POST', body: camera });
  console.error(`${cameras.length} camera(s) on ${url}: ${cameras.map((c) => `${c.id} (${c.events.join(', ')})`).join('; ')}; measuring for ${seconds} s`);

  const fps = new Map<string, number[]>(cameras.map((c) => [c.id, []]));
  let views: CameraView[] = [];
  let qualified = 0;
  const triaged = new Set<string>();
  const startMs = Date.now();
  const endMs = startMs + seconds * 1000;
  let lastFpsMs = startMs;
  while (Date.now() < endMs) {
    await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(0, endMs - Date.now()))));
    if (triage) qualified += await triageShownGroups(url, cookie, await readRows(page), triaged);
    // Analysed fps, sampled every 5 s once the cameras had 10 s to start.
    if (Date.now() - lastFpsMs >= 5000) {
      lastFpsMs = Date.now();
      views = await api<CameraView[]>(url, cookie, '/api/cameras');
      if (lastFpsMs - startMs >= 10_000) for (const v of views) fps.get(v.id)?.push(v.stats.fps);
    }
  }
  const rows = Object.values(await readRows(page));
  const live = rows.filter((r) => r.live);
  const samples = live.map((r) => r.seenMs - r.frameWallMs).sort((a, b) => a - b);
  const raised = await api<AlertView[]>(url, cookie, `/api/alerts?since=${startMs}&limit=10000`);
  views = await api<CameraView[]>(url, cookie, '/api/cameras');
  const log = await cleanup();
  const serverLine = /alert latency \(analysed frame -> WebSocket\)[^\n]*/.exec(log)?.[0];
  const report = {
    cameras: cameras.length,
    seconds,
    triage,
    alertsRaised: raised.length,
    alertsSeenLive: samples.length,
    latencyMs: { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), max: round(samples.at(-1) ?? Number.NaN) },
    samplesMs: samples.map((ms) => round(ms, 0)),
    alertsByCamera: Object.fromEntries(cameras.map((c) => [c.id, raised.filter((a) => a.cameraId === c.id).length])),
    alertsQualifiedByBench: qualified,
    analysedFps: Object.fromEntries(
      cameras.map((c) => {
        const stats = views.find((v) => v.id === c.id)?.stats;
        return [c.id, { mean: round(mean(fps.get(c.id) ?? [])), last: stats ? round(stats.fps) : null, decoded: stats?.decoded ?? null, dropped: stats?.dropped ?? null, restarts: stats?.restarts ?? null }];
      }),
    ),
    server: serverLine ?? null,
    cpus: os.cpus().length,
    loadAverage: { atStart: loadAtStart.map((l) => round(l, 2)), atEnd: os.loadavg().map((l) => round(l, 2)) },
    measuredAt: new Date().toISOString(),
  };
  console.log(JSON.stringify(report, null, 2));
} catch (err) {
  // After a signal the page calls fail as the browser closes: not worth a stack.
  if (!cleaning) console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
} finally {
  await cleanup();
}
