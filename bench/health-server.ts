/**
 * The server side of `npm run bench:health` (its own process, as in production): a data folder
 * with `--rows` journal entries, `vigie serve` on a free port with no camera; on stdout one line:
 * the URL, the first-run token and the data folder (whose vigie.db the bench reads, read-only).
 * `--dir D` uses the folder D (made by the caller, which removes it: it can count the journal
 * after this process stopped, when the last refusal summaries are written); without it a
 * temporary folder is made and removed at exit.
 * `--sync-verify` also hashes the whole chain on the event loop every 2 s, as verify() did before
 * it ran in chunks: the figure to compare with.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { siteConfigSchema } from '../src/config/schema.ts';
import { createJournal } from '../src/store/journal.ts';
import { openDatabaseDir } from '../src/store/store.ts';
import { silentLogger } from '../src/server/log.ts';
import { startServer } from '../src/server/server.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' }, 'sync-verify': { type: 'boolean', default: false }, dir: { type: 'string' } } });
const dir = values.dir ?? mkdtempSync(path.join(tmpdir(), 'vigie-bench-health-'));
const opened = openDatabaseDir(path.join(dir, 'data'));
const journal = createJournal(opened.db);
opened.db.transaction(() => {
  for (let i = 0; i < Number(values.rows); i++) journal.append({ atMs: Date.now(), actor: 'ana', action: 'GET /api/alerts', details: { status: 200, i } });
})();
opened.db.close();

const server = await startServer({
  dataDir: path.join(dir, 'data'),
  site: siteConfigSchema.parse({}),
  port: 0,
  logger: silentLogger,
  ffmpegPath: null,
  openDetector: async () => ({ detector: { name: 'none', detect: async () => [], close: async () => undefined } }),
  webDir: path.join(dir, 'no-web'),
});
const timer = values['sync-verify'] ? setInterval(() => server.store.journal.verify(), 2000) : undefined;
console.log(`${server.url} ${server.setupToken() ?? '-'} ${path.join(dir, 'data')}`);
const stop = async (): Promise<void> => {
  clearInterval(timer);
  await server.close();
  if (values.dir === undefined) rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
