/**
 * `vigie report --from YYYY-MM-DD --to YYYY-MM-DD [--format html|csv] [--out FILE] [--data DIR] [--lang fr|en]`:
 * the evaluation report of a data folder over [from, to) (days from UTC midnight), read-only, with
 * the journal's verdict. Without --out it goes to stdout. Exit 0, or 2 on bad usage.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { VigieError, errorMessage } from '../core/errors.ts';
import { DEFAULT_LANG, isLang } from '../core/lang.ts';
import { buildReport, parseDay, renderReport } from '../report/report.ts';
import { readReportData } from '../report/source.ts';
import { reportProviders } from '../legal/report-providers.ts';
import { createAuthorisationStore } from '../store/authorisations.ts';
import { databaseOf, DEFAULT_DATA_DIR, verifyDataDir } from './journal-data.ts';

export const REPORT_USAGE = 'usage: vigie report --from YYYY-MM-DD --to YYYY-MM-DD [--format html|csv] [--out FILE] [--data DIR] [--lang fr|en]';

function day(option: string, text: string | undefined): number {
  if (text === undefined) throw new VigieError('USAGE', `--${option} is required\n${REPORT_USAGE}`);
  const ms = parseDay(text);
  if (ms === undefined) throw new VigieError('USAGE', `--${option}: not a date YYYY-MM-DD: "${text}"`);
  return ms;
}

export async function reportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'html' },
      out: { type: 'string' },
      data: { type: 'string', default: DEFAULT_DATA_DIR },
      lang: { type: 'string', default: DEFAULT_LANG },
    },
  });
  const fromMs = day('from', values.from);
  const toMs = day('to', values.to);
  if (fromMs >= toMs) throw new VigieError('USAGE', `--from (${values.from}) must be before --to (${values.to}): the period is [from, to)`);
  const format = values.format;
  if (format !== 'html' && format !== 'csv') throw new VigieError('USAGE', `--format: html or csv, not "${format}"`);
  const lang = values.lang;
  if (!isLang(lang)) throw new VigieError('USAGE', `--lang: fr or en, not "${lang}"`);
  const file = databaseOf(values.data);
  const { check } = verifyDataDir(values.data, undefined);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new VigieError('USAGE', `cannot open ${file}: ${errorMessage(err)}`, { cause: err });
  }
  try {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'missed_events'").get()) {
      throw new VigieError('USAGE', `${values.data}: the database predates the evaluation report; start this version of vigie serve once to upgrade it`);
    }
    const text = renderReport(buildReport(readReportData(db, fromMs, toMs), check, Date.now(), reportProviders(createAuthorisationStore(db))), format, lang);
    if (values.out !== undefined) writeFileSync(values.out, text);
    else process.stdout.write(text);
    return 0;
  } finally {
    db.close();
  }
}
