/**
 * The distributed mode's workers in the console, end to end: `vigie serve --bus` on a private
 * nats-server, a worker's heartbeat put on the bus as `vigie worker` writes it; the camera screen
 * lists the worker alive with its cameras, and says that no worker is heard once it is gone. Steps
 * wait on what the page shows; no timing is asserted.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBus, type Bus } from '../../src/bus/connect.ts';
import { NO_NATS_SERVER, natsServerPath, startTestNats, type TestNats } from '../../src/bus/testing.ts';
import type { WorkerBeat } from '../../src/bus/protocol.ts';
import { CHROMIUM, firstRunAdminOnly, launchBrowser, missingPrereqs, repoRoot, startVigie, type Browser, type ServerProcess } from './harness.ts';

const outDir = path.join(repoRoot, 'test-results/e2e');
const missing = missingPrereqs({ chromium: CHROMIUM, 'built console (npm run build:web)': path.join(repoRoot, 'web/dist/index.html') });
if (!natsServerPath()) missing.push(NO_NATS_SERVER);
if (missing.length) console.warn(`workers e2e skipped, missing: ${missing.join(', ')}`);

const PASSWORD = 'e2e-admin-pass-1';

describe.skipIf(missing.length > 0)('the workers of the distributed mode in the console', () => {
  let nats: TestNats;
  let bus: Bus;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    nats = await startTestNats();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-e2e-workers-'));
    server = await startVigie(dataDir, 60_000, ['--bus', nats.url]);
    bus = await connectBus({ url: nats.url, name: 'e2e-worker' });
    browser = await launchBrowser({ lang: 'en' }); // the steps read English words
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await bus?.close();
    await nats?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists a worker heard on the bus with its cameras, and says when none is heard', async () => {
    await firstRunAdminOnly(page, server, PASSWORD);

    const beat: WorkerBeat = { workerId: 'node-7', host: 'analysis-7', pid: 4242, startedAtMs: Date.now() - 3_600_000, atMs: Date.now(), cameras: ['gate-north', 'hall'] };
    await bus.workers.put(beat.workerId, JSON.stringify(beat));
    await page.goto(`${server.url}/#/cameras`);
    const row = page.locator('[data-testid=workers] tr[data-worker="node-7"]');
    await row.waitFor();
    expect(await row.innerText()).toMatch(/node-7\s+analysis-7\s+Alive\s+gate-north, hall/);
    await page.screenshot({ path: path.join(outDir, 'workers.png') });

    await bus.workers.delete(beat.workerId);
    await page.reload();
    await page.getByText('No worker is heard on the bus').waitFor();
    expect(await page.locator('[data-testid=workers] tr[data-worker]').count()).toBe(0);
  }, 60_000);
});
