/**
 * The real server against misuse, over its socket: the first-run token printed on its console,
 * the Host allow-list (HTTP and WebSocket), the public URL, the headers of the console's pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteConfigSchema } from '../config/schema.ts';
import type { Logger } from './log.ts';
import { startServer, type RunningServer } from './server.ts';
import { connectWs } from './testing.ts';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One HTTP request with any headers (Host included), over the socket. */
function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('server security', () => {
  let dir: string;
  let server: RunningServer;
  const lines: string[] = [];
  const logger: Logger = { info: (m) => void lines.push(m), error: (m) => void lines.push(m) };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-sec-'));
    server = await startServer({
      dataDir: dir,
      site: siteConfigSchema.parse({}),
      port: 0,
      logger,
      ffmpegPath: null,
      publicUrl: 'https://vigie.example.org',
      webDir: path.join(dir, 'no-web'),
    });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const json = { 'Content-Type': 'application/json' };

  it('prints the first-run token on its console; setup needs it and spends it', async () => {
    const token = /first-run token: (\S+)/.exec(lines.join('\n'))?.[1];
    expect(token).toBeDefined();
    expect(token).toBe(server.setupToken());
    const body = (t: string): string => JSON.stringify({ username: 'admin', password: 'admin-pass-1', token: t });
    expect((await send(`${server.url}/api/setup`, 'POST', json, body('1111-2222-3333-4444'))).status).toBe(403);
    const done = await send(`${server.url}/api/setup`, 'POST', json, body(token!));
    expect(done.status).toBe(201);
    expect(String(done.headers['set-cookie'])).toMatch(/; Secure/); // the public URL is https
    expect(server.setupToken()).toBeUndefined();
  });

  it('answers only for its own hosts: a rebound name gets 421, on pages, API and WebSocket', async () => {
    const port = server.port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'vigie.example.org']) {
      expect((await send(`${server.url}/api/health`, 'GET', { Host: host })).status).toBe(200);
    }
    for (const p of ['/', '/api/health']) expect((await send(`${server.url}${p}`, 'GET', { Host: `rebind.evil.example:${port}` })).status).toBe(421);
    await expect(connectWs(`${server.url.replace('http', 'ws')}/ws`, { Host: `rebind.evil.example:${port}` })).rejects.toThrow('421');
  });

  it('accepts the public URL as Origin, refuses another', async () => {
    const body = JSON.stringify({ username: 'admin', password: 'admin-pass-1' });
    const ok = await send(`${server.url}/api/login`, 'POST', { ...json, Host: 'vigie.example.org', Origin: 'https://vigie.example.org' }, body);
    expect(ok.status).toBe(200);
    const forged = await send(`${server.url}/api/login`, 'POST', { ...json, Host: 'vigie.example.org', Origin: 'https://evil.example.org' }, body);
    expect(forged.status).toBe(403);
  });

  it("sends the security headers with the console's pages", async () => {
    const page = await send(`${server.url}/`, 'GET', {});
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });
});
