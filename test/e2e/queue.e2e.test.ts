/**
 * The operator's queue in a real browser, over the real server and store, with the alerts arriving
 * when the test says: the page's WebSocket is answered by the test (playwright routeWebSocket),
 * which pushes each alert as the server would once it is stored. Proves that nothing is selected by
 * default and the keys then act on nothing, that arriving alerts never move the selection, that
 * repeats group with a count and pending items sort by priority, that a group is qualified in one
 * go and the selection then goes to the next pending item, the sound-blocked banner, and the
 * decision history with a supervisor's correction, a second qualification refused in the page, a
 * lost camera at the top of the queue. The console runs as a French deployment does by default:
 * the steps read French words, and switching to English is checked at the end. Waits on events only.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraSchema, siteConfigSchema } from '../../src/config/schema.ts';
import type { Alert } from '../../src/core/types.ts';
import { silentLogger } from '../../src/server/log.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { claimAdmin, testAuthorisation } from '../../src/server/testing.ts';
import { CHROMIUM, CHROMIUM_ARGS, missingPrereqs, repoRoot } from './harness.ts';

const outDir = path.join(repoRoot, 'test-results/e2e');
const missing = missingPrereqs({ chromium: CHROMIUM, 'built console (npm run build:web)': path.join(repoRoot, 'web/dist/index.html') });
const NOW = Date.now();
const alert = (id: string, cameraId: string, type: Alert['type'], minutesAgo: number, zoneId?: string): Alert => ({
  id,
  cameraId,
  type,
  tMs: 0,
  frameWallMs: NOW - minutesAgo * 60_000,
  createdAtMs: NOW - minutesAgo * 60_000,
  ...(zoneId ? { zoneId } : {}),
  score: 0.9,
  message: `${type} on ${cameraId} (${id})`,
});

/**
 * Headless Chromium plays sound without a gesture; a browser opened on a night shift does not. This
 * puts the autoplay policy back: an AudioContext is suspended until resumed during a user gesture
 * (the console creates its own at start, before any).
 */
const AUTOPLAY_POLICY = `(() => {
  const Real = window.AudioContext;
  window.AudioContext = class extends Real {
    #blocked = true;
    get state() { return this.#blocked ? 'suspended' : super.state; }
    async resume() {
      if (this.#blocked && navigator.userActivation.isActive) {
        this.#blocked = false;
        this.dispatchEvent(new Event('statechange'));
      }
      return super.resume();
    }
  };
})();`;

describe.skipIf(missing.length > 0)(`alert queue in the browser${missing.length ? ` (skipped: missing ${missing.join(', ')})` : ''}`, () => {
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let dirs: string[] = [];
  let socket: Promise<WebSocketRoute>;

  const status = (id: string): string | undefined => server.store.alerts.getAlert(id)?.status;
  /** Stores the alert and pushes it to the page, as the server's sink and hub do. */
  const arrive = async (a: Alert): Promise<void> => {
    server.store.alerts.insertAlert(a);
    const stored = server.store.alerts.getAlert(a.id);
    (await socket).send(JSON.stringify({ type: 'alert', alert: stored }));
    await page.locator(`.alert-row[data-latest-id="${a.id}"]`).waitFor();
  };
  /** Pushes the stored state of qualified alerts, as the server's hub does after a decision. */
  const updated = async (...ids: string[]): Promise<void> => {
    for (const id of ids) (await socket).send(JSON.stringify({ type: 'alert-updated', alert: server.store.alerts.getAlert(id) }));
  };
  /** Same-page navigation (hash): the routed WebSocket stays open. */
  const goTo = (hash: string): Promise<void> =>
    page.evaluate((h) => void ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);
  const pageLang = (): Promise<string> => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang);
  const selectedId = (): Promise<string | null> => page.locator('.alert-row.selected').getAttribute('data-alert-id', { timeout: 5000 }).catch(() => null);
  const order = (): Promise<(string | null)[]> => page.locator('.alert-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-alert-id')));

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-queue-e2e-'));
    const profile = mkdtempSync(path.join(os.tmpdir(), 'vigie-queue-chromium-'));
    dirs = [dataDir, profile];
    // One camera whose file is missing: the server raises a camera-lost system alert after 1 s.
    const gate = cameraSchema.parse({ id: 'gate', url: path.join(dataDir, 'missing.mp4'), events: ['intrusion'] });
    server = await startServer({ dataDir, site: siteConfigSchema.parse({ health: { cameraLossS: 1 } }), seedCameras: [gate], seedAuthorisations: [testAuthorisation([gate])], port: 0, host: '127.0.0.1', logger: silentLogger, ffmpegPath: null });
    const cookie = await claimAdmin(server.url, server.setupToken());
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 900 } });
    await context.addCookies([{ name: 'vigie_session', value: cookie, url: server.url }]);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    await page.addInitScript({ content: AUTOPLAY_POLICY });
    let opened: (ws: WebSocketRoute) => void = () => undefined;
    socket = new Promise((resolve) => (opened = resolve));
    await page.routeWebSocket(/\/ws$/, (ws) => {
      ws.onMessage(() => undefined); // subscriptions and pings: nothing to answer
      ws.send(JSON.stringify({ type: 'hello', cameras: [] }));
      opened(ws);
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('selects nothing by default: the keys act on nothing, an arriving alert selects nothing', async () => {
    server.store.alerts.insertAlert(alert('i1', 'gate', 'intrusion', 5, 'yard'));
    server.store.alerts.insertAlert(alert('o1', 'dock', 'abandoned_object', 4));
    await page.goto(`${server.url}/#/alerts`);
    await page.locator('.alert-row[data-alert-id="o1"]').waitFor();
    await socket;

    await arrive(alert('w1', 'roof', 'weapon', 3));
    // No gesture yet: the cue is blocked and the banner says so.
    await page.getByRole('alert').filter({ hasText: 'Son bloqué' }).waitFor();
    expect(await order()).toEqual(['w1', 'i1', 'o1']);
    expect(await page.locator('.alert-row.selected').count()).toBe(0);

    await page.keyboard.press('c');
    await page.locator('.toast').filter({ hasText: 'Aucune alerte sélectionnée' }).waitFor();
    expect([status('w1'), status('i1'), status('o1')]).toEqual(['new', 'new', 'new']);
    // That key press was a gesture: sound is allowed, the banner goes.
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Son bloqué' }).count()).toBe(0);
  });

  it('keeps the chosen alert selected while alerts arrive above it and repeats join a group', async () => {
    await page.locator('.alert-row[data-alert-id="o1"]').click();
    expect(await selectedId()).toBe('o1');

    await arrive(alert('f1', 'lab', 'fire', 2));
    await arrive(alert('i2', 'gate', 'intrusion', 1, 'yard'));
    await expect.poll(() => page.locator('.alert-row[data-alert-id="i1"]').getAttribute('data-count')).toBe('2');
    expect(await order()).toEqual(['w1', 'f1', 'i1', 'o1']);
    expect(await selectedId()).toBe('o1');
    await page.screenshot({ path: path.join(outDir, 'queue-groups-priority.png') });
  });

  it('qualifies only the chosen item, then selects the next pending one, most urgent first', async () => {
    await page.keyboard.press('f');
    await page.locator('.alert-row[data-alert-id="o1"]').waitFor({ state: 'detached' });
    expect([status('o1'), status('w1'), status('f1'), status('i1'), status('i2')]).toEqual(['false_alarm', 'new', 'new', 'new', 'new']);
    await expect.poll(selectedId).toBe('w1');
    await page.locator('.toast').filter({ hasText: 'Suivante : Arme' }).waitFor();
    await updated('o1');

    // The intrusion group: one key, both alerts, each decided and journaled.
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await selectedId()).toBe('i1');
    await page.keyboard.press('d');
    await page.locator('.alert-row[data-alert-id="i1"]').waitFor({ state: 'detached' });
    expect([status('i1'), status('i2'), status('w1')]).toEqual(['duplicate', 'duplicate', 'new']);
    expect(server.store.journal.list({ action: 'alert.qualify' }).map((e) => e.target).sort()).toEqual(['i1', 'i2', 'o1']);
    await expect.poll(selectedId).toBe('w1');
    await updated('i1', 'i2');
  });

  it('opens the selected alert, qualifies it, offers the next pending one, keeps the corrected history', async () => {
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Arme' }).waitFor();
    await page.fill('.qualify textarea', 'Parapluie, vu sur le clip.');
    await page.getByRole('button', { name: /^Fausse alerte/ }).click();
    await page.locator('.qualify.done').waitFor();
    await page.getByRole('button', { name: /Suivante à qualifier : Départ de feu/ }).waitFor();

    // A second decision is refused, naming who decided and when.
    const again = await fetch(`${server.url}/api/alerts/w1/qualify`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') }, body: JSON.stringify({ status: 'confirmed' }) });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toContain('already qualified: false_alarm by admin');

    // The admin corrects it; both decisions stay.
    await page.locator('select[name=correct-status]').selectOption('confirmed');
    await page.fill('textarea[name=correct-note]', 'Second examen : une arme réelle.');
    await page.getByRole('button', { name: 'Corriger' }).click();
    await expect.poll(() => page.locator('.decision-list li').count()).toBe(2);
    expect(await page.locator('.decision-list li').allTextContents()).toEqual([
      expect.stringContaining('Parapluie, vu sur le clip.'),
      expect.stringMatching(/Confirmé.*corrigé, auparavant : Fausse alerte.*Second examen : une arme réelle\./),
    ]);
    expect(status('w1')).toBe('confirmed');
    await page.screenshot({ path: path.join(outDir, 'queue-detail-history.png') });

    await page.keyboard.press('n');
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Départ de feu' }).waitFor();
  });

  it('refuses in the page a qualification another operator took first, saying who and what', async () => {
    // The fire alert is open here; another operator decides it meanwhile (no push reaches this page).
    expect(server.store.decisions.decide('f1', { status: 'confirmed', by: 'bruno', atMs: Date.now(), correction: false }).kind).toBe('decided');
    await page.getByRole('button', { name: /^Fausse alerte/ }).click();
    await page.locator('.qualify .error-box').filter({ hasText: 'Alerte déjà qualifiée « Confirmé » par bruno' }).waitFor();
    expect(status('f1')).toBe('confirmed');
    expect(server.store.decisions.history('f1').map((d) => [d.by, d.toStatus])).toEqual([['bruno', 'confirmed']]);
  });

  it('puts a lost camera at the top of the queue as a system alert, with its cue', async () => {
    // Raised by the server; pushed to the page as its hub does (the page's WebSocket is the test's).
    await expect.poll(() => server.store.systemAlerts.open().length, { timeout: 30_000 }).toBe(1);
    const lost = server.store.systemAlerts.open()[0]!;
    expect(lost).toMatchObject({ kind: 'camera_lost', target: 'gate' });
    await goTo('#/alerts'); // same page: the routed WebSocket stays
    await arrive(alert('i3', 'gate', 'intrusion', 0.5, 'yard'));
    (await socket).send(JSON.stringify({ type: 'system-alert', alert: lost, stored: true }));
    const item = page.locator('[data-testid=system-alerts] .system-camera_lost');
    await item.filter({ hasText: 'Caméra perdue' }).filter({ hasText: 'gate' }).waitFor();
    // Above the first alert row.
    const [sys, row] = await Promise.all([item.boundingBox(), page.locator('.alert-row').first().boundingBox()]);
    expect(sys!.y).toBeLessThan(row!.y);
    await page.screenshot({ path: path.join(outDir, 'queue-camera-lost-fr.png') });
  });

  it('is in French for a French deployment (lang, words, dates), and in English at the user’s choice, kept on reload', async () => {
    expect(await pageLang()).toBe('fr');
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Alertes' }).waitFor();
    // Dates in the French form (03/12/2026 14:03:22), on an alert's detail.
    await goTo('#/alerts/w1');
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Arme' }).waitFor();
    expect(await page.locator('main').innerText()).toMatch(/\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d/);
    await page.getByTestId('lang-switch').first().click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Weapon' }).waitFor();
    expect(await page.locator('main').innerText()).toMatch(/\d\d\/\d\d\/\d{4}, \d\d:\d\d:\d\d/);
    await goTo('#/alerts');
    await expect.poll(() => pageLang()).toBe('en');
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Alerts' }).waitFor();
    await page.locator('[data-testid=system-alerts] .system-camera_lost').filter({ hasText: 'Camera lost' }).waitFor();
    await page.reload(); // the server's health lists the open system alert
    await page.locator('[data-testid=system-alerts] .system-camera_lost').filter({ hasText: 'Camera lost' }).waitFor();
    expect(await pageLang()).toBe('en');
    await page.getByTestId('lang-switch').first().click();
    await expect.poll(() => pageLang()).toBe('fr');
  });
});
