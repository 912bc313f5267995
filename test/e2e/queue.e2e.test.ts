/**
 * The operator's queue in a real browser, over the real server and store, with the alerts arriving
 * when the test says: the page's WebSocket is answered by the test (playwright routeWebSocket),
 * which pushes each alert as the server would once it is stored. Proves that nothing is selected by
 * default and the keys then act on nothing, that arriving alerts never move the selection, that
 * repeats group with a count and pending items sort by priority, that a group is qualified in one
 * go and the selection then goes to the next pending item, the sound-blocked banner, and the
 * decision history with a supervisor's correction. Waits on events only.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteConfigSchema } from '../../src/config/schema.ts';
import type { Alert } from '../../src/core/types.ts';
import { silentLogger } from '../../src/server/log.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { claimAdmin } from '../../src/server/testing.ts';
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
  const selectedId = (): Promise<string | null> => page.locator('.alert-row.selected').getAttribute('data-alert-id', { timeout: 5000 }).catch(() => null);
  const order = (): Promise<(string | null)[]> => page.locator('.alert-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-alert-id')));

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-queue-e2e-'));
    const profile = mkdtempSync(path.join(os.tmpdir(), 'vigie-queue-chromium-'));
    dirs = [dataDir, profile];
    server = await startServer({ dataDir, site: siteConfigSchema.parse({}), port: 0, host: '127.0.0.1', logger: silentLogger, ffmpegPath: null });
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
    await page.getByRole('alert').filter({ hasText: 'Sound blocked' }).waitFor();
    expect(await order()).toEqual(['w1', 'i1', 'o1']);
    expect(await page.locator('.alert-row.selected').count()).toBe(0);

    await page.keyboard.press('c');
    await page.locator('.toast').filter({ hasText: 'No alert selected' }).waitFor();
    expect([status('w1'), status('i1'), status('o1')]).toEqual(['new', 'new', 'new']);
    // That key press was a gesture: sound is allowed, the banner goes.
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Sound blocked' }).count()).toBe(0);
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
    await page.locator('.toast').filter({ hasText: 'Next: Weapon' }).waitFor();
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
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Weapon' }).waitFor();
    await page.fill('.qualify textarea', 'Umbrella, seen on the clip.');
    await page.getByRole('button', { name: /^False alarm/ }).click();
    await page.locator('.qualify.done').waitFor();
    await page.getByRole('button', { name: /Next pending: Fire start/ }).waitFor();

    // A second decision is refused, naming who decided and when.
    const again = await fetch(`${server.url}/api/alerts/w1/qualify`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') }, body: JSON.stringify({ status: 'confirmed' }) });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toContain('already qualified: false_alarm by admin');

    // The admin corrects it; both decisions stay.
    await page.locator('select[name=correct-status]').selectOption('confirmed');
    await page.fill('textarea[name=correct-note]', 'Second look: a real weapon.');
    await page.getByRole('button', { name: 'Correct' }).click();
    await expect.poll(() => page.locator('.decision-list li').count()).toBe(2);
    expect(await page.locator('.decision-list li').allTextContents()).toEqual([
      expect.stringContaining('Umbrella, seen on the clip.'),
      expect.stringMatching(/Confirmed.*corrected from False alarm.*Second look: a real weapon\./),
    ]);
    expect(status('w1')).toBe('confirmed');
    await page.screenshot({ path: path.join(outDir, 'queue-detail-history.png') });

    await page.keyboard.press('n');
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Fire' }).waitFor();
  });
});
