/**
 * Settings and accounts end to end, on the real server (no camera, no footage needed): the admin
 * adds a webhook pointing at a local receiver (accepted with the loopback warning), sends it a
 * test delivery and re-sends it (the receiver sees the same X-Vigie-Delivery twice), edits, disables
 * and enables an account; the operator is refused the supervisor and admin screens opened by URL,
 * and the alert queue and live view with why (no habilitation), and changes their own password;
 * the admin records the operator's habilitation and trainings in the accounts screen, the queue
 * opens to the operator, and closes at once when the habilitation is withdrawn. Steps wait on what
 * the page shows; no timing is asserted.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, firstRunAdminOnly, launchBrowser, missingPrereqs, repoRoot, startVigie, type Browser, type ServerProcess } from './harness.ts';

const outDir = path.join(repoRoot, 'test-results/e2e');
const missing = missingPrereqs({ chromium: CHROMIUM, 'built console (npm run build:web)': path.join(repoRoot, 'web/dist/index.html') });
if (missing.length) console.warn(`settings e2e skipped, missing: ${missing.join(', ')}`);

const ADMIN_PASSWORD = 'e2e-admin-pass-1';
const OPERATOR_PASSWORD = 'e2e-olga-pass-1';

describe.skipIf(missing.length > 0)('settings and accounts end to end', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let receiver: Server;
  let receiverUrl: string;
  const received: IncomingHttpHeaders[] = [];
  const shot = (name: string): Promise<Buffer> => page.screenshot({ path: path.join(outDir, `${name}.png`) });
  const signIn = (username: string, password: string): Promise<Response> =>
    fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(req.headers);
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/vigie`;
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-e2e-settings-'));
    server = await startVigie(dataDir);
    browser = await launchBrowser({ lang: 'en' }); // the steps read English words
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((r) => receiver?.close(r));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('first run: the admin, no camera yet', async () => {
    await firstRunAdminOnly(page, server, ADMIN_PASSWORD);
  });

  it('adds a webhook to a loopback receiver (warned), sends a test and re-sends it under the same delivery id', async () => {
    await page.goto(`${server.url}/#/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByLabel(/^URL/).fill(receiverUrl);
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const created = page.getByRole('status', { name: 'New webhook' });
    await expect.poll(() => created.textContent()).toMatch(/Warning: 127\.0\.0\.1 is this machine \(loopback\)/);
    expect(await page.getByTestId('webhook-secret').textContent()).toMatch(/^[\w-]{32}$/);

    await page.getByRole('button', { name: 'Send test' }).click();
    const log = page.getByLabel('Delivery log');
    const row = log.locator('tbody tr').first();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 20_000 }).toBe('delivered');
    const deliveryId = (await row.locator('td:nth-child(5)').textContent()) ?? '';
    expect(received.map((h) => [h['x-vigie-event'], h['x-vigie-delivery'], h['x-vigie-attempt']])).toEqual([['test', deliveryId, '1']]);
    await shot('20-settings-webhook');

    await row.getByRole('button', { name: 'Re-send' }).click();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(2);
    expect(received[1]!['x-vigie-delivery']).toBe(deliveryId);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 20_000 }).toBe('delivered');
  });

  it('adds an operator, shows last sign-ins, disables (no sign-in) and enables the account', async () => {
    await page.goto(`${server.url}/#/users`);
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    await page.getByLabel('Username').fill('olga');
    await page.getByLabel(/^Password/).fill(OPERATOR_PASSWORD);
    await page.getByRole('button', { name: 'Add account' }).click();
    const account = (name: string) => page.locator('tbody tr').filter({ has: page.locator('td:first-child strong', { hasText: new RegExp(`^${name}$`) }) });
    const olga = account('olga');
    await expect.poll(() => olga.locator('td:nth-child(3)').textContent()).toBe('never');
    expect(await account('admin').locator('td:nth-child(3)').textContent()).not.toBe('never');

    await olga.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => olga.textContent()).toContain('disabled');
    expect((await signIn('olga', OPERATOR_PASSWORD)).status).toBe(401);
    await olga.getByRole('button', { name: 'Enable' }).click();
    await expect.poll(() => olga.textContent()).not.toContain('disabled');
    expect((await signIn('olga', OPERATOR_PASSWORD)).status).toBe(200);
    await expect.poll(async () => { await page.reload(); return olga.locator('td:nth-child(3)').textContent(); }).not.toBe('never');
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    await shot('21-accounts');
  });

  it('the operator is refused the supervisor and admin screens opened by URL, and changes their own password', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.fill('input[name=username]', 'olga');
    await page.fill('input[name=password]', OPERATOR_PASSWORD);
    await page.click('button[type=submit]');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    for (const [hash, needs] of [['#/cameras/new', 'a supervisor or admin account'], ['#/users', 'an admin account'], ['#/settings', 'an admin account']] as const) {
      await page.goto(`${server.url}/${hash}`);
      await page.getByRole('heading', { name: 'Not available to your account' }).waitFor();
      expect(await page.getByRole('alert').textContent()).toContain(`This screen needs ${needs}; you are signed in as an operator.`);
      expect(await page.locator('form').count()).toBe(0);
    }
    await shot('22-refused');

    // Not habilitated: the queue and the live view say why instead of showing an empty list.
    const viewingRefusal = page.locator('.viewing-refused');
    for (const [hash, heading] of [['#/alerts', 'Alerts'], ['#/live', 'Live view']] as const) {
      await page.goto(`${server.url}/${hash}`);
      await page.getByRole('heading', { name: heading }).waitFor();
      await expect.poll(() => viewingRefusal.getAttribute('data-reason')).toBe('not_habilitated');
      expect(await viewingRefusal.textContent()).toContain('You cannot view alerts, their images or live video: your account has no habilitation recorded.');
      expect(await viewingRefusal.textContent()).toContain('An administrator records your habilitation and trainings in the Accounts screen.');
    }
    await shot('23-viewing-refused');

    await page.goto(`${server.url}/#/account`);
    await page.getByLabel('Current password').fill(OPERATOR_PASSWORD);
    await page.getByLabel(/^New password/).fill('e2e-olga-pass-2');
    await page.getByLabel('Repeat the new password').fill('e2e-olga-pass-2');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor();
    expect((await signIn('olga', OPERATOR_PASSWORD)).status).toBe(401);
    expect((await signIn('olga', 'e2e-olga-pass-2')).status).toBe(200);
  });

  it("the admin records the operator's habilitation and both trainings; the queue opens to the operator, and closes at once when it is withdrawn", async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', ADMIN_PASSWORD);
    await page.click('button[type=submit]');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.goto(`${server.url}/#/users`);
    const olga = page.locator('tbody tr').filter({ has: page.locator('td:first-child strong', { hasText: /^olga$/ }) });
    const tag = olga.getByTestId('viewing-tag');
    await expect.poll(() => tag.textContent()).toBe('not habilitated');
    await olga.getByRole('button', { name: 'Habilitation' }).click();
    const panel = page.getByLabel('Habilitation and trainings of olga');
    await panel.getByLabel('Habilitating authority').fill('Préfecture de police');
    await panel.getByLabel('Decision reference').fill('PP-2025-0114');
    await panel.getByLabel('Date of the decision').fill('2025-01-15');
    await panel.getByRole('button', { name: 'Record habilitation' }).click();
    await expect.poll(() => tag.textContent()).toBe('training missing');
    await expect.poll(() => panel.getByTestId('viewing-status').textContent()).toBe('Cannot view alerts or live video: training missing: data protection, use of the tool.');
    expect(await panel.getByTestId('habilitation-current').textContent()).toContain('Habilitation granted by Préfecture de police, ref. PP-2025-0114');

    for (const kind of ['data protection', 'use of the tool']) {
      await panel.getByRole('combobox').selectOption({ label: kind });
      await panel.getByLabel('Training date').fill('2025-01-20');
      await panel.getByLabel('Trainer or organisation').fill('CNFPT');
      await panel.getByRole('button', { name: 'Record training' }).click();
      await expect.poll(() => panel.locator('.training-list li').filter({ hasText: kind }).count()).toBe(1);
    }
    await expect.poll(() => tag.textContent()).toBe('habilitated');
    expect(await panel.getByTestId('viewing-status').textContent()).toBe('May view alerts and live video.');
    await shot('24-habilitation');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.fill('input[name=username]', 'olga');
    await page.fill('input[name=password]', 'e2e-olga-pass-2');
    await page.click('button[type=submit]');
    await page.goto(`${server.url}/#/alerts`);
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    await page.locator('.empty, .alert-list').first().waitFor();
    expect(await page.locator('.viewing-refused').count()).toBe(0);

    // Withdrawn by the admin (through the API): the open queue says so at once, with when, who and why.
    const admin = /vigie_session=([^;]+)/.exec((await signIn('admin', ADMIN_PASSWORD)).headers.get('set-cookie') ?? '')?.[1] ?? '';
    const res = await fetch(`${server.url}/api/users/olga/habilitation/withdraw`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: `vigie_session=${admin}` }, body: JSON.stringify({ why: 'left the service' }) });
    expect(res.status).toBe(200);
    const refusal = page.locator('.viewing-refused');
    await expect.poll(() => refusal.getAttribute('data-reason'), { timeout: 5000 }).toBe('habilitation_withdrawn');
    expect(await refusal.textContent()).toMatch(/your habilitation was withdrawn on \d\d\/\d\d\/\d{4}, \d\d:\d\d:\d\d by admin \(reason: left the service\)\./);
    await shot('25-habilitation-withdrawn');
  });
});
