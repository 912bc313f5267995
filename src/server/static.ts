/**
 * The web console: files of web/dist, index.html for every other non-API path (client-side
 * routes), and a plain page saying how to build it when web/dist is missing.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Handler } from 'hono';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};

export const MISSING_BUILD_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vigie</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">
<h1>Vigie is running</h1><p>The web console is not built yet. Run <code>npm run build:web</code>, then reload this page.</p>
<p>The API answers under <a href="/api/health">/api</a>.</p></body></html>`;

/** The file under `root` a URL path names, or undefined (outside root, a folder, missing). */
export function staticFile(root: string, urlPath: string): string | undefined {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch (err) {
    void err; // a malformed escape names no file
    return undefined;
  }
  const file = path.resolve(root, `.${rel}`);
  if (!file.startsWith(root + path.sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

export function webConsole(distDir: string): Handler {
  const root = path.resolve(distDir);
  const index = path.join(root, 'index.html');
  return async (c) => {
    if (!existsSync(index)) return c.html(MISSING_BUILD_PAGE);
    const file = staticFile(root, c.req.path) ?? index;
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const cache = file === index ? 'no-cache' : c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
    return c.body(new Uint8Array(await readFile(file)), 200, { 'Content-Type': type, 'Cache-Control': cache });
  };
}
