/**
 * /api/journal: the journal for auditors and admins (read, filter, page, verify the chain and its
 * signed checkpoints, export as NDJSON or CSV, the public key that checks the signatures).
 */
import { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { requirePermission } from '../session.ts';
import { journalExportQuerySchema, journalQuerySchema } from '../schemas.ts';
import { parseQuery } from '../validate.ts';
import { exportChunks } from '../../store/journal-export.ts';
import { journalWriter } from '../../store/journal.ts';
import { verifyJournal } from '../../store/journal-verify.ts';

const CONTENT_TYPES = { ndjson: 'application/x-ndjson', csv: 'text/csv; charset=utf-8' } as const;

export function journalRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const now = deps.nowMs ?? Date.now;
  const record = journalWriter(deps.store.journal, (m) => deps.logger.error(m));
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
  app.get('/journal/public-key', requirePermission('audit'), (c) => {
    const signing = deps.store.journal.signing();
    if (!signing) throw new ApiError('NOT_FOUND', 'this journal is not signed');
    return c.json({ algorithm: 'Ed25519' as const, fingerprint: signing.key.fingerprint, pem: signing.key.pem });
  });
  // The raw records of a time window, read from the store page by page (no query stays open while the
  // client reads: the journal keeps being written meanwhile). The export itself is journaled.
  app.get('/journal/export', requirePermission('audit'), (c) => {
    const q = parseQuery(c, journalExportQuerySchema);
    const journal = deps.store.journal;
    const range = journal.seqRange(q.since, q.until);
    record({
      atMs: now(),
      actor: c.get('user').username,
      action: 'journal.export',
      details: { format: q.format, ...(q.since !== undefined ? { sinceMs: q.since } : {}), ...(q.until !== undefined ? { untilMs: q.until } : {}), ...(range ? { fromSeq: range.first, toSeq: range.last } : { entries: 0 }) },
    });
    const chunks = exportChunks(journal, range, q.format);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
    });
    c.header('Content-Type', CONTENT_TYPES[q.format]);
    c.header('Content-Disposition', `attachment; filename="vigie-journal-${range?.first ?? 0}-${range?.last ?? 0}.${q.format}"`);
    return c.body(stream);
  });
  return app;
}
