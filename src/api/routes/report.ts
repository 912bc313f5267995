/**
 * GET /api/report?from&to&format: the evaluation report of [from, to) for auditors and admins, as
 * JSON (the console's table), HTML (self-contained, printable, in the deployment's language) or
 * CSV. The journal is verified for it (its state is printed); the access is journaled like every
 * other, and `report.generate` records the period and the format.
 */
import { Hono } from 'hono';
import { DEFAULT_LANG } from '../../core/lang.ts';
import { journalWriter } from '../../store/journal.ts';
import { verifyJournal } from '../../store/journal-verify.ts';
import { buildReport, renderReport, REPORT_MEDIA_TYPES, reportFileName } from '../../report/report.ts';
import type { ApiDeps, ApiEnv } from '../deps.ts';
import { reportQuerySchema } from '../report-schemas.ts';
import { requirePermission } from '../session.ts';
import { parseQuery } from '../validate.ts';

export function reportRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const now = deps.nowMs ?? Date.now;
  const record = journalWriter(deps.store.journal, (m) => deps.logger.error(m));
  const app = new Hono<ApiEnv>();

  app.get('/report', requirePermission('audit'), async (c) => {
    const q = parseQuery(c, reportQuerySchema);
    const check = await verifyJournal(deps.store, (m) => deps.logger.error(m));
    const report = buildReport(deps.store.reportData(q.from, q.to), check, now(), deps.reportProviders ?? {});
    record({ atMs: now(), actor: c.get('user').username, action: 'report.generate', details: { fromMs: q.from, toMs: q.to, format: q.format } });
    if (q.format === 'json') return c.json(report);
    c.header('Content-Type', REPORT_MEDIA_TYPES[q.format]);
    c.header('Content-Disposition', `attachment; filename="${reportFileName(q.from, q.to, q.format)}"`);
    return c.body(renderReport(report, q.format, deps.language ?? DEFAULT_LANG));
  });
  return app;
}
