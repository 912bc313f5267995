/**
 * The operator console end to end, on the real server and a real clip: first run (admin account,
 * the authorisation without which nothing is analysed, first camera with a zone drawn by clicks on
 * its snapshot, the admin's own habilitation recorded before the queue opens), alerts arriving live
 * in the queue,
 * the detail with its evidence clip, qualification (mouse and keyboard), the dashboard counting
 * it, the live view. Screenshots and the measured alert latency (analysed frame -> row shown in
 * the browser) go to test-results/e2e/. No timing is asserted.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readStoredZip } from '../../src/api/zip.ts';
import { resolveFfmpegPath } from '../../src/ingest/ffmpeg-path.ts';
import { percentile } from '../../src/server/latency.ts';
import { realScenarios } from '../../src/testing/footage.ts';
import { CHROMIUM, launchBrowser, missingPrereqs, recordAlertRows, repoRoot, sharedData, startVigie, type Browser, type PageGlobals, type Rows, type ServerProcess } from './harness.ts';

// The lightest clip among the scenarios that expect an intrusion, with its forbidden zone.
const intrusionScene = realScenarios()
  .filter((s) => !s.still && s.expected.some((e) => e.type === 'intrusion') && s.scene.zones.some((z) => z.kind === 'forbidden'))
  .sort((a, b) => statSync(a.source).size - statSync(b.source).size)[0];
const clip = intrusionScene?.source ?? path.join(sharedData, 'clips/(no intrusion scenario)');
const scenarioFile = intrusionScene?.file ?? path.join(sharedData, 'scenarios/(no intrusion scenario)');
const outDir = path.join(repoRoot, 'test-results/e2e');
const missing = missingPrereqs({
  chromium: CHROMIUM,
  'built console (npm run build:web)': path.join(repoRoot, 'web/dist/index.html'),
  'detector model (npm run postinstall)': path.join(repoRoot, 'models/nanodet.onnx'),
  'real footage': clip,
  'scenario': scenarioFile,
});
if (missing.length) console.warn(`console e2e skipped, missing: ${missing.join(', ')}`);

const PASSWORD = 'e2e-password-123';
const WANTED_ALERTS = 3;

describe.skipIf(missing.length > 0)(`console end to end${missing.length ? ` (skipped: missing ${missing.join(', ')})` : ''}`, () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  const cspViolations: string[] = [];
  const shot = (name: string): Promise<Buffer> => page.screenshot({ path: path.join(outDir, `${name}.png`) });

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-e2e-data-'));
    server = await startVigie(dataDir);
    browser = await launchBrowser({ lang: 'en' }); // the steps read English words
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    page.on('console', (m) => void (/Content Security Policy/i.test(m.text()) && cspViolations.push(m.text())));
    await page.addInitScript(recordAlertRows);
  });

  afterAll(async () => {
    await browser?.close();
    const log = (await server?.stop()) ?? '';
    const serverLine = /alert latency \(frame -> WebSocket\)[^\n]*/.exec(log)?.[0];
    if (serverLine) console.log(`server: ${serverLine}`);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('first run: creates the admin, records the authorisation, then the first camera with a zone drawn on its snapshot', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: /create the administrator/ }).waitFor();
    await shot('01-first-run');
    await page.fill('input[name=token]', server.setupToken() ?? '');
    await page.fill('input[name=password]', PASSWORD);
    await page.fill('input[name=confirm]', PASSWORD);
    await page.click('button[type=submit]');

    // The prefectoral order: without it the server analyses nothing (legal.requireAuthorisation).
    await page.getByRole('heading', { name: 'New authorisation' }).waitFor();
    await page.click('text=Save the authorisation');
    await expect.poll(() => page.locator('.authorisation-form .issues').textContent()).toContain('Give the reference of the order.');
    await page.fill('input[name=reference]', 'AP-E2E-0001');
    await page.fill('input[name=authority]', 'Préfecture (e2e)');
    await page.fill('input[name=cameras]', 'shoulder, shoulder-2, shoulder-3');
    await page.check('input[name=auth-event-intrusion]');
    await page.fill('input[name=end]', '2099-12-31T23:59');
    await shot('01b-first-authorisation');
    await page.click('text=Save the authorisation');
    await page.getByRole('heading', { name: 'Add a camera' }).waitFor();

    // A source that does not exist: the test says why, in one line.
    await page.fill('input[name=url]', '/nonexistent/camera.avi');
    await page.click('text=Test connection');
    await expect.poll(() => page.locator('.error-text').textContent(), { timeout: 30_000 }).toMatch(/\S/);

    await page.fill('input[name=id]', 'shoulder');
    await page.fill('input[name=name]', 'Motorway shoulder');
    await page.fill('input[name=url]', clip);
    await page.check('input[name=loop]');
    await page.click('text=Test connection');
    await page.locator('.ze-stage img').waitFor({ timeout: 30_000 });
    await page.check('input[name=event-intrusion]');
    await expect.poll(() => page.locator('.authorised-events').textContent()).toContain('Authorised for "shoulder": Intrusion (AP-E2E-0001)');

    // A bow-tie is refused client-side with the schema's message.
    await page.click('text=+ Forbidden (intrusion)');
    const stage = await stageBox(page);
    for (const [x, y] of [[0.1, 0.1], [0.4, 0.4], [0.4, 0.1], [0.1, 0.4], [0.1, 0.1]] as const) await clickAt(page, stage, x, y);
    await expect.poll(() => page.locator('.ze-message').textContent()).toContain('self-intersecting');
    await page.click('text=Delete zone');

    // The scenario's forbidden zone, clicked point by point, closed on its first point.
    const zone = (parse(readFileSync(scenarioFile, 'utf8')) as { scene: { zones: { kind: string; polygon: [number, number][] }[] } }).scene.zones.find((z) => z.kind === 'forbidden');
    if (!zone) throw new Error('scenario has no forbidden zone');
    await page.click('text=+ Forbidden (intrusion)');
    for (const [x, y] of zone.polygon) await clickAt(page, stage, x, y);
    await clickAt(page, stage, zone.polygon[0]![0], zone.polygon[0]![1]);
    await expect.poll(() => page.locator('.ze-list li.selected').textContent()).toContain(`${zone.polygon.length} pts`);
    await expect.poll(() => page.locator('.ze-list li.selected').textContent()).not.toContain('open');
    // A privacy mask in the top-left corner, away from the zone: drawn like a zone, hatched.
    await page.click('text=+ Privacy mask (blacked out)');
    for (const [x, y] of [[0.01, 0.01], [0.15, 0.01], [0.15, 0.12], [0.01, 0.12], [0.01, 0.01]] as const) await clickAt(page, stage, x, y);
    await expect.poll(() => page.locator('.ze-list li.selected').textContent()).toMatch(/Mask 1.*4 pts/);
    expect(await page.locator('.ze-svg .zone-mask').count()).toBe(1);
    await page.locator('.zone-editor').screenshot({ path: path.join(outDir, '02-zone-editor.png') });
    await page.click('button[type=submit]');
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();

    // The first admin sets up without a habilitation, but views alerts only once it is recorded
    // (decree 2023-828): the queue says why, then opens when the admin records their own.
    const refusal = page.locator('.viewing-refused');
    await expect.poll(() => refusal.getAttribute('data-reason')).toBe('not_habilitated');
    expect(await refusal.getByRole('link').textContent()).toBe('Record your habilitation and trainings (Accounts screen)');
    const statuses = await page.evaluate(async () => {
      const send = async (method: string, url: string, body: unknown): Promise<number> =>
        (await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
      return [
        await send('PUT', '/api/users/admin/habilitation', { authority: 'Préfecture', reference: 'E2E-1', grantedAtMs: Date.now() - 86_400_000 }),
        await send('POST', '/api/users/admin/trainings', { kind: 'data_protection', atMs: Date.now() - 86_400_000, trainer: 'CNFPT' }),
        await send('POST', '/api/users/admin/trainings', { kind: 'tool_use', atMs: Date.now() - 86_400_000, trainer: 'CNFPT' }),
      ];
    });
    expect(statuses).toEqual([200, 201, 201]);
    await refusal.waitFor({ state: 'detached', timeout: 5000 });
  });

  it('shows alerts arriving live in the queue', async () => {
    const firstRow = page.locator('.alert-row.row-live').first();
    await firstRow.waitFor({ timeout: 90_000 });
    expect(await firstRow.textContent()).toContain('Intrusion');
    expect(await page.title()).toMatch(/^\(\d+\) Vigie console$/);
    await shot('03-queue-live');
    // Two more cameras on the same clip so that several alerts are measured.
    const config = await page.evaluate(async () => (await (await fetch('/api/cameras/shoulder')).json()) as Record<string, unknown>);
    for (const id of ['shoulder-2', 'shoulder-3']) {
      const status = await page.evaluate(async (body) => (await fetch('/api/cameras', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status, { ...stripView(config), id, name: `Shoulder ${id.slice(-1)}` });
      expect(status).toBe(201);
    }
  });

  it('opens an alert: snapshot, evidence clip playing, qualification with a note', async () => {
    await page.locator('.alert-list').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Intrusion' }).waitFor();
    await page.locator('figure.media img').first().waitFor();
    await page.waitForFunction(() => {
      const v = (globalThis as unknown as PageGlobals).document.querySelector('video');
      return v !== null && v.readyState >= 2 && Number.isFinite(v.duration) && v.duration > 0;
    }, undefined, { timeout: 60_000 });
    const duration = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelector('video')?.duration ?? 0);
    expect(duration).toBeGreaterThan(1);
    await page.waitForTimeout(800);
    await shot('04-alert-detail');
    const facts = (await page.locator('dl.facts').first().textContent()) ?? '';
    expect(facts).toContain('Time of the frame');
    expect(facts).toMatch(/Time in the zone\d+(\.\d)? s/);
    expect(facts).not.toMatch(/Media time|dwellSeconds|[a-z][A-Z]\w*Seconds/);
    await page.fill('textarea', 'Person in the forbidden zone, patrol informed.');
    await page.getByRole('button', { name: /^Confirmed/ }).click();
    await page.locator('.qualify.done').waitFor();
    expect(await page.locator('.ack-time').textContent()).toMatch(/\d/);
    await shot('05-alert-qualified');
  });

  it('exports the evidence as one zip: hashes match, the clip carries the alert moment burnt in', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export evidence (.zip)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^vigie-evidence-.+\.zip$/);
    const file = await download.path();
    const entries = new Map(readStoredZip(new Uint8Array(readFileSync(file))).map((e) => [e.name, e.data] as const));
    expect([...entries.keys()]).toEqual(['snapshot.jpg', 'clip.mp4', 'facts.json', 'facts.txt', 'manifest.json', 'SHA256SUMS']);
    const manifest = JSON.parse(new TextDecoder().decode(entries.get('manifest.json'))) as { files: { name: string; sha256: string; bytes: number }[]; exportedBy: string };
    expect(manifest.exportedBy).toBe('admin');
    expect(manifest.files.map((f) => f.name)).toEqual(['snapshot.jpg', 'clip.mp4', 'facts.json', 'facts.txt']);
    for (const f of manifest.files) expect(createHash('sha256').update(entries.get(f.name)!).digest('hex')).toBe(f.sha256);
    // The export speaks the deployment's language (French by default), whatever this browser shows.
    expect(new TextDecoder().decode(entries.get('facts.txt'))).toMatch(/Heure de l'image : \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC/);
    // The red border marks the alert moment: the clip's top row is red on a few frames, not all.
    const ffmpeg = resolveFfmpegPath();
    if (!ffmpeg) return;
    const clipFile = path.join(outDir, 'evidence-clip.mp4');
    writeFileSync(clipFile, entries.get('clip.mp4')!);
    const rows = execFileSync(ffmpeg, ['-v', 'error', '-i', clipFile, '-vf', 'crop=iw:2:0:0,scale=100:2', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']);
    const redTop = Array.from({ length: rows.length / 600 }, (_, i) => {
      const o = i * 600 + 50 * 3;
      return rows[o]! > 170 && rows[o + 1]! < 90 && rows[o + 2]! < 90;
    });
    expect(redTop.some(Boolean)).toBe(true);
    expect(redTop.filter(Boolean).length).toBeLessThan(redTop.length / 2);
  });

  it('qualifies from the queue with the keyboard', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    await expect.poll(() => page.locator('.alert-row').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const before = await page.locator('.alert-row').count();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const id = await page.locator('.alert-row.selected').getAttribute('data-alert-id');
    // The row is a group of repeats of one event: f qualifies all of them.
    await page.keyboard.press('f');
    await expect.poll(() => page.locator(`[data-alert-id="${id}"]`).count()).toBe(0);
    expect(await page.locator('.alert-row').count()).toBeLessThanOrEqual(before);
  });

  it('counts the qualified alerts on the dashboard', async () => {
    await page.goto(`${server.url}/#/dashboard`);
    const row = page.locator('tr[data-type=intrusion]');
    await row.waitFor();
    const cells = async (): Promise<string[]> => row.locator('td').allTextContents();
    await expect.poll(async () => (await cells())[1]).toBe('1'); // confirmed
    // False alarms: the whole group qualified from the queue, at least one alert.
    const falseAlarms = await page.evaluate(async () => ((await (await fetch('/api/alerts?status=false_alarm&type=intrusion')).json()) as unknown[]).length);
    expect(falseAlarms).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await cells())[2]).toBe(String(falseAlarms));
    expect(Number(await page.getByTestId('kpi-total').locator('.kpi-value').textContent())).toBeGreaterThanOrEqual(2);
    await shot('06-dashboard');
  });

  it('shows the live wall with overlays and health', async () => {
    await page.goto(`${server.url}/#/live`);
    await page.locator('.tile .tile-frame img').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.tile .overlay .zone').count()).toBeGreaterThan(0);
    expect(await page.locator('.tile .overlay .zone-mask').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.tile .health').first().textContent(), { timeout: 20_000 }).toMatch(/Running|Connecting/);
    await page.waitForTimeout(1000);
    await shot('07-live-wall');
    // Each tile: the frame's time and its age.
    await expect.poll(() => page.locator('.tile .frame-time').first().textContent()).toMatch(/^\d\d:\d\d:\d\d · \d+(\.\d)? (s|min) ago$/);
    // On a 1080p screen the wall fills the window: three cameras as 2x2, large tiles, none below the fold.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(() => page.locator('.wall').getAttribute('data-cols')).toBe('2');
    await expect.poll(async () => (await page.locator('.tile').first().boundingBox())?.width ?? 0).toBeGreaterThan(500);
    const bottoms = (await Promise.all((await page.locator('.tile').all()).map((t) => t.boundingBox()))).map((b) => (b?.y ?? 0) + (b?.height ?? 0));
    expect(Math.max(...bottoms)).toBeLessThanOrEqual(1080);
    expect(Math.max(...bottoms)).toBeGreaterThan(0.85 * 1080);
    await shot('07b-live-wall-1080p');
    // The layout is remembered for this window: a camera taken off stays off after a reload.
    await page.getByRole('checkbox', { name: 'Shoulder 2' }).uncheck();
    await expect.poll(() => page.locator('.tile').count()).toBe(2);
    await page.reload();
    await page.locator('.tile .tile-frame img').first().waitFor({ timeout: 30_000 });
    expect(await page.getByRole('checkbox', { name: 'Shoulder 2' }).isChecked()).toBe(false);
    expect(await page.locator('.tile').count()).toBe(2);
    const stored = await page.evaluate(() => {
      const g = globalThis as unknown as { localStorage: Record<string, string>; screen: { width: number; height: number } };
      const key = `vigie.live.layout.main@${g.screen.width}x${g.screen.height}`;
      return { key, value: g.localStorage[key] };
    });
    expect(JSON.parse(stored.value ?? '{}')).toEqual({ hidden: ['shoulder-2'] });
    await page.getByRole('checkbox', { name: 'Shoulder 2' }).check();
    await expect.poll(() => page.locator('.tile').count()).toBe(3);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('measures the alert latency, analysed frame -> row shown in the browser', async () => {
    await page.goto(`${server.url}/#/alerts`);
    await expect
      .poll(async () => Object.values(await page.evaluate(() => (globalThis as unknown as PageGlobals).__vigieRows)).filter((r) => r.live).length, { timeout: 60_000, interval: 1000 })
      .toBeGreaterThanOrEqual(1);
    // Wait for more alerts from the three looping cameras, at most 45 s (not asserted).
    const deadline = Date.now() + 45_000;
    let live: Rows[string][] = [];
    while (Date.now() < deadline) {
      live = Object.values(await page.evaluate(() => (globalThis as unknown as PageGlobals).__vigieRows)).filter((r) => r.live);
      if (live.length >= WANTED_ALERTS) break;
      await page.waitForTimeout(1000);
    }
    await page.getByLabel('Status').selectOption('');
    await expect.poll(() => page.locator('.alert-row').count()).toBeGreaterThanOrEqual(2);
    await shot('08-queue-all-statuses');
    const samples = live.map((r) => r.seenMs - r.frameWallMs).sort((a, b) => a - b);
    const report = { alerts: samples.length, p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), maxMs: samples.at(-1) ?? null, samplesMs: samples, measuredAt: new Date().toISOString(), cpus: os.cpus().length };
    writeFileSync(path.join(outDir, 'latency.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`alert latency, analysed frame -> row in the browser: p50 ${report.p50Ms} ms, p95 ${report.p95Ms} ms over ${report.alerts} alert(s)`);
    expect(samples.length).toBeGreaterThanOrEqual(1);
    expect(samples.every((ms) => Number.isFinite(ms))).toBe(true);
  });

  it('manages cameras: refusal from the server shown, edit keeps the zone, disable', async () => {
    await page.goto(`${server.url}/#/cameras`);
    await expect.poll(() => page.locator('table.cameras tbody tr').count()).toBe(3);
    await page.getByRole('link', { name: '+ Add camera' }).click();
    await page.fill('input[name=id]', 'shoulder');
    await page.fill('input[name=url]', clip);
    await page.getByRole('button', { name: 'Add camera' }).click();
    await expect.poll(() => page.locator('.save-bar .error-box').textContent()).toContain('already exists');
    await page.goto(`${server.url}/#/cameras/shoulder`);
    await expect.poll(() => page.locator('.ze-list').textContent()).toContain('forbidden-1');
    await page.goto(`${server.url}/#/cameras`);
    const row = page.locator('table.cameras tbody tr', { hasText: 'Shoulder 3' });
    const t0 = Date.now();
    await row.getByRole('button', { name: 'Disable' }).click();
    // The server answers once the camera's pipeline (and a clip in progress) has stopped.
    await expect.poll(() => row.locator('.health').textContent(), { timeout: 30_000 }).toBe('Disabled');
    console.log(`disable applied in ${Date.now() - t0} ms`);
    await shot('09-cameras');
    // A disabled camera is not on the live wall.
    await page.goto(`${server.url}/#/live`);
    await expect.poll(() => page.locator('.tile').count()).toBe(2);
    expect(await page.locator('.tile', { hasText: 'Shoulder 3' }).count()).toBe(0);
    expect(await page.locator('.screen.live').textContent()).toContain('1 disabled camera not shown');
  });

  it('authorisations and the kill switch: the order in force, a camera stopped with why and released', async () => {
    await page.goto(`${server.url}/#/authorisations`);
    const order = page.locator('table.authorisations tbody tr', { hasText: 'AP-E2E-0001' });
    await expect.poll(() => order.locator('.pill').textContent()).toBe('In force');
    expect(await order.textContent()).toContain('shoulder, shoulder-2, shoulder-3');
    await shot('09b-authorisations');

    await page.goto(`${server.url}/#/cameras`);
    const row = page.locator('table.cameras tbody tr', { hasText: 'Shoulder 2' });
    await expect.poll(() => row.locator('.legal-cell').textContent()).toContain('Authorised: AP-E2E-0001');
    await row.getByRole('button', { name: 'Stop', exact: true }).click();
    await row.getByRole('button', { name: 'Stop the analysis' }).click();
    await expect.poll(() => row.locator('.legal-cell .error-text').textContent()).toContain('Say why');
    await row.locator('input[name="kill-why-shoulder-2"]').fill('e2e: camera pointed at a window');
    await row.getByRole('button', { name: 'Stop the analysis' }).click();
    await expect.poll(() => row.locator('.legal-cell').textContent(), { timeout: 30_000 }).toContain('Not analysed: kill switch by admin: e2e: camera pointed at a window');
    await shot('09c-kill-switch');
    await row.getByRole('button', { name: 'Release', exact: true }).click();
    await row.locator('input[name^="release-why-"]').fill('e2e: view corrected');
    await row.getByRole('button', { name: 'Release the analysis' }).click();
    await expect.poll(() => row.locator('.legal-cell').textContent(), { timeout: 30_000 }).toContain('Authorised: AP-E2E-0001');
  });

  it('shows the journal to the admin: alerts raised, qualifications, evidence opened; the chain checks out', async () => {
    await page.goto(`${server.url}/#/journal`);
    await page.getByRole('heading', { name: 'Journal' }).waitFor();
    const actions = page.locator('table.journal tbody td:nth-child(4)');
    await expect.poll(async () => (await actions.allTextContents()).join(' ')).toContain('alert.raised');
    const text = (await actions.allTextContents()).join(' ');
    expect(text).toContain('POST /api/alerts/:id/qualify');
    // The alert opened and its clip played, one row per view (thumbnails: one alert.images row a minute).
    expect(text).toContain('GET /api/alerts/:id');
    expect(text).toContain('GET /api/alerts/:id/clip.mp4');
    await page.getByRole('button', { name: 'Check the chain' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Chain' }).textContent()).toMatch(/^Chain intact: \d+ entries/);
    await shot('10-journal');
  });

  it('a session ended elsewhere closes the live connection and brings back the sign-in screen', async () => {
    await page.goto(`${server.url}/#/alerts`);
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    const session = (await browser.context.cookies(server.url)).find((c) => c.name === 'vigie_session');
    expect(session).toBeDefined();
    // Signed out from another tab or by the API: the page itself makes no request.
    const out = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { Cookie: `vigie_session=${session!.value}` } });
    expect(out.status).toBe(204);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 10_000 });
    await shot('11-signed-out');
  });

  it('the console works under its Content-Security-Policy: no violation reported in any step', async () => {
    const res = await page.goto(server.url);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(cspViolations).toEqual([]);
  });
});

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

async function stageBox(page: Page): Promise<Box> {
  await page.locator('.ze-stage').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = await page.locator('.ze-svg').boundingBox();
  if (!box) throw new Error('zone editor not visible');
  return box;
}

/** Clicks the drawing surface at normalised coordinates (kept just inside the edges). */
function clickAt(page: Page, box: Box, x: number, y: number): Promise<void> {
  const clamp = (v: number): number => Math.min(0.995, Math.max(0.005, v));
  return page.mouse.click(box.x + clamp(x) * box.width, box.y + clamp(y) * box.height);
}

/** A CameraView back to a CameraConfig body. */
function stripView(view: Record<string, unknown>): Record<string, unknown> {
  const { status: _status, stats: _stats, ...config } = view;
  return config;
}
