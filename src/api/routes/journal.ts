/** /api/journal: the journal for auditors and admins (read, filter, page, verify the chain, export). */
import { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { requirePermission } from '../session.ts';
import { journalExportQuerySchema, journalQuerySchema } from '../schemas.ts';
import { parseQuery } from '../validate.ts';
import { verifyJournal } from '../../store/journal-verify.ts';

/** Records read from the store per chunk of an export. */
const EXPORT_PAGE = 2000;

export function journalRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/journal', requirePermission('audit'), (c) => {
    const q = parseQuery(c, journalQuerySchema);
    return c.json(
      deps.store.journal.list({
        ...(q.since !== undefined ? { sinceMs: q.since } : {}),
        ...(q.until !== undefined ? { untilMs: q.until } : {}),
        ...(q.actor !== undefined ? { actor: q.actor } : {}),
        ...(q.action !== undefined ? { action: q.action } : {}),
        ...(q.before !== undefined ? { beforeSeq: q.before } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      }),
    );
  });
  // Off the event loop: a long chain must not block the other requests (health, alerts) while it is hashed.
  app.get('/journal/verify', requirePermission('audit'), async (c) => c.json(await verifyJournal(deps.store, (m) => deps.logger.error(m))));
  // The raw records of a time window, one JSON object a line, read from the store page by page (no
  // query stays open while the client reads: the journal keeps being written meanwhile).
  app.get('/journal/export', requirePermission('audit'), (c) => {
    const q = parseQuery(c, journalExportQuerySchema);
    const journal = deps.store.journal;
    const range = journal.seqRange(q.since, q.until);
    let after = range ? range.first - 1 : 0;
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const page = range ? journal.records(after, range.last, EXPORT_PAGE) : [];
        if (page.length === 0) return controller.close();
        after = page.at(-1)!.seq;
        controller.enqueue(encoder.encode(page.map((r) => `${JSON.stringify(r)}\n`).join('')));
      },
    });
    c.header('Content-Type', 'application/x-ndjson');
    c.header('Content-Disposition', `attachment; filename="vigie-journal-${range?.first ?? 0}-${range?.last ?? 0}.ndjson"`);
    return c.body(stream);
  });
  return app;
}
