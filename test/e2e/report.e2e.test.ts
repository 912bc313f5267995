/**
 * The evaluation report's HTML in a real browser: `vigie report` on a store with known alerts and
 * missed events writes the page, Chromium opens it from the file (no server, no network: it must be
 * self-contained), the headings and the eight bar charts are there, printed it breaks a page per
 * section. Screenshot: test-results/e2e/report.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleStore } from '../../src/store/console-store.ts';
import { DAY_TEXT, fillReportStore } from '../../src/report/testing.ts';
import { runVigie } from '../../src/testing/run-cli.ts';
import { CHROMIUM, launchBrowser, missingPrereqs, repoRoot, startVigie, type Browser, type ServerProcess } from './harness.ts';

const outDir = path.join(repoRoot, 'test-results/e2e');
const missing = missingPrereqs({ chromium: CHROMIUM });
if (missing.length) console.warn(`report e2e skipped, missing: ${missing.join(', ')}`);

describe.skipIf(missing.length > 0)('evaluation report in Chromium', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-e2e-report-'));
    const store = openConsoleStore({ dir });
    fillReportStore(store);
    store.close();
    const file = path.join(dir, 'report.html');
    const res = await runVigie(['report', '--from', DAY_TEXT.from, '--to', DAY_TEXT.to, '--data', dir, '--out', file]);
    expect(res.code, res.stderr).toBe(0);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the sections, the counts and a chart per event type, loading nothing else', async () => {
    await page.screenshot({ path: path.join(outDir, 'report.png'), fullPage: true });
    expect(await page.locator('h1').textContent()).toBe("Rapport d'évaluation");
    expect(await page.locator('h2').allTextContents()).toEqual([
      'Caméras et heures analysées',
      "Signalements par type d'événement",
      'Arrêts et pannes',
      'Personnes habilitées et formées',
      'Autorisations et arrêts d’urgence',
    ]);
    expect(await page.locator('figure svg').count()).toBe(8);
    const intrusion = page.locator('tr', { has: page.locator('td', { hasText: /^Intrusion$/ }) });
    expect(await intrusion.locator('td').allTextContents()).toEqual(expect.arrayContaining(['4', '2', '1']));
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  });

  it('breaks a page before each section when printed', async () => {
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.locator('section').evaluateAll((els) => {
      const page = globalThis as unknown as { getComputedStyle(el: unknown): { breakBefore: string } };
      return els.map((el) => page.getComputedStyle(el).breakBefore);
    });
    expect(breaks).toEqual(['auto', 'page', 'page', 'page', 'page']);
  });
});

const consoleMissing = missingPrereqs({ chromium: CHROMIUM, 'built console (npm run build:web)': path.join(repoRoot, 'web/dist/index.html') });
const PASSWORD = 'e2e-admin-pass-1';

/**
 * The console: an admin (habilitated and trained through the API) declares a missed event from the
 * alert queue, then finds it counted on the evaluation report screen, with the downloads offered.
 */
describe.skipIf(consoleMissing.length > 0)('evaluation report and missed events in the console', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-e2e-report-console-'));
    server = await startVigie(dataDir);
    const call = async (method: string, url: string, body: unknown, cookie?: string): Promise<Response> => {
      const res = await fetch(`${server.url}${url}`, { method, headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: `vigie_session=${cookie}` } : {}) }, body: JSON.stringify(body) });
      expect(res.status, `${method} ${url}: ${await res.clone().text()}`).toBeLessThan(300);
      return res;
    };
    for (let i = 0; i < 200 && server.setupToken() === undefined; i++) await new Promise((r) => setTimeout(r, 100));
    const setup = await call('POST', '/api/setup', { username: 'admin', password: PASSWORD, token: server.setupToken() ?? '' });
    const cookie = /vigie_session=([^;]*)/.exec(setup.headers.get('set-cookie') ?? '')?.[1] ?? '';
    await call('PUT', '/api/users/admin/habilitation', { authority: 'Préfecture de police', reference: 'PP-1', grantedAtMs: Date.now() - 86_400_000 }, cookie);
    for (const kind of ['data_protection', 'tool_use']) await call('POST', '/api/users/admin/trainings', { kind, atMs: Date.now() - 3_600_000, trainer: 'CNIL' }, cookie);
    await call('POST', '/api/cameras', { id: 'yard', url: '/nowhere.mp4', enabled: false }, cookie);
    browser = await launchBrowser({ lang: 'en' });
    await browser.context.addCookies([{ name: 'vigie_session', value: cookie, url: server.url }]);
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('declares a missed event from the alert queue and finds it on the report', async () => {
    await page.goto(`${server.url}/#/alerts`);
    await page.getByRole('button', { name: 'Declare a missed event' }).click();
    const form = page.getByRole('form', { name: 'Declare a missed event' });
    await form.getByLabel('Event type').selectOption('fire');
    await form.getByLabel('What happened').fill('smoke seen by a patrol');
    await form.getByRole('button', { name: 'Declare', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Missed event declared' }).waitFor();

    await page.goto(`${server.url}/#/report`);
    await page.getByRole('heading', { name: 'Evaluation report' }).waitFor();
    const fire = page.locator('tbody tr').filter({ has: page.locator('th', { hasText: /^Fire start$/ }) });
    await expect.poll(() => fire.locator('td').last().textContent()).toBe('1');
    expect(await page.getByRole('link', { name: 'Download (printable HTML)' }).getAttribute('href')).toMatch(/^\/api\/report\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d&format=html$/);
    await page.screenshot({ path: path.join(outDir, 'report-screen.png'), fullPage: true });
  });
});
