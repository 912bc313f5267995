/**
 * End-to-end harness: what the console test needs besides the browser steps. Starts the real
 * `vigie serve` as a child process on a free port with a fresh data folder, and a headless
 * Chromium (playwright-core) with a fresh profile.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { LANG_STORAGE_KEY, type Lang } from '../../src/core/lang.ts';
import { startVigie as startVigieProcess } from '../../src/testing/vigie-process.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedData = path.resolve(repoRoot, '../shared/data');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What the e2e needs and lacks (empty: it can run). */
export function missingPrereqs(files: Record<string, string>): string[] {
  return Object.entries(files)
    .filter(([, file]) => !existsSync(file))
    .map(([what, file]) => `${what} (${path.relative(repoRoot, file) || file})`);
}

export interface ServerProcess {
  readonly url: string;
  /** The server's process id (benches read its CPU and memory in /proc). */
  readonly pid: number;
  /** Everything the server wrote on stderr so far. */
  readonly log: () => string;
  /** The first-run token the server printed at start (undefined when it had an account already). */
  readonly setupToken: () => string | undefined;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the full log. */
  readonly stop: (graceMs?: number) => Promise<string>;
}

/** `vigie serve` on a free port with `dataDir`; `args` are more serve options (e.g. `--config F`). */
export async function startVigie(dataDir: string, timeoutMs = 60_000, args: readonly string[] = []): Promise<ServerProcess> {
  const server = startVigieProcess(['serve', '--port', '0', '--data', dataDir, ...args], { env: { NODE_ENV: 'production' } });
  const log = (): string => server.lines().join('\n');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`vigie serve did not start in ${timeoutMs} ms:\n${log()}`)), timeoutMs);
  });
  try {
    const line = await Promise.race([server.waitForLine(/console on http:\/\/\S+/), late]);
    const url = /console on (http:\/\/\S+)/.exec(line)?.[1] ?? '';
    return { url, pid: server.pid, log, setupToken: () => firstRunToken(log()), stop: async (graceMs = 20_000) => (await server.stop('SIGTERM', graceMs), log()) };
  } catch (err) {
    await server.stop('SIGKILL');
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** The token of the server's `first-run token: …` line. */
export const firstRunToken = (log: string): string | undefined => /first-run token: (\S+)/.exec(log)?.[1];

export interface Browser {
  readonly context: BrowserContext;
  readonly close: () => Promise<void>;
}

/**
 * A fresh Chromium profile. `lang` preselects the console's language for this browser (as the user's
 * own choice would) when the test reads words of that language; without it the console follows the
 * deployment's language.
 */
export async function launchBrowser(opts: { lang?: Lang } = {}): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'vigie-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // The fresh profile folder is the --user-data-dir (playwright passes it itself).
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  if (opts.lang) await context.addInitScript(preferLanguage, { key: LANG_STORAGE_KEY, lang: opts.lang });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Page-side: the user's language choice, unless the page already has one. */
export function preferLanguage({ key, lang }: { key: string; lang: string }): void {
  const storage = (globalThis as unknown as { localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).localStorage;
  if (storage.getItem(key) === null) storage.setItem(key, lang);
}

export type Rows = Record<string, { seenMs: number; frameWallMs: number; live: boolean }>;

/** The few browser globals the page-side functions use (the test project has no DOM lib). */
interface PageElement {
  readonly dataset: Record<string, string | undefined>;
  readonly classList: { contains(name: string): boolean };
  matches(selector: string): boolean;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
export interface PageGlobals {
  __vigieRows: Rows;
  readonly document: { querySelector(selector: string): { readyState: number; duration: number } | null };
  readonly MutationObserver: new (cb: (mutations: { addedNodes: ArrayLike<unknown> }[]) => void) => { observe(target: unknown, options: object): void };
}

/**
 * Init script for the page: records when each alert row first appears in the DOM
 * (Date.now() in the page), with the analysed frame's wall time carried by the row.
 */
export function recordAlertRows(): void {
  const page = globalThis as unknown as PageGlobals;
  const seen: Rows = {};
  page.__vigieRows = seen;
  const isElement = (n: unknown): n is PageElement => typeof (n as PageElement | null)?.matches === 'function';
  new page.MutationObserver((mutations) => {
    const now = Date.now();
    for (const m of mutations)
      for (const node of Array.from(m.addedNodes)) {
        if (!isElement(node)) continue;
        const rows = node.matches('[data-alert-id]') ? [node] : Array.from(node.querySelectorAll('[data-alert-id]'));
        for (const row of rows) {
          const id = row.dataset.alertId;
          if (id && !seen[id]) seen[id] = { seenMs: now, frameWallMs: Number(row.dataset.frameWallMs), live: row.classList.contains('row-live') };
        }
      }
  }).observe(page.document, { childList: true, subtree: true });
}

/** The first run in an English console: the `admin` account with `password`, no camera yet; ends on the alert queue. */
export async function firstRunAdminOnly(page: Page, server: Pick<ServerProcess, 'url' | 'setupToken'>, password: string): Promise<void> {
  await page.goto(server.url);
  await page.getByRole('heading', { name: /create the administrator/ }).waitFor();
  await page.fill('input[name=token]', server.setupToken() ?? '');
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', password);
  await page.fill('input[name=confirm]', password);
  await page.click('button[type=submit]');
  await page.getByRole('button', { name: 'Skip, add cameras later' }).click();
  await page.getByRole('heading', { name: 'Alerts' }).waitFor();
}
